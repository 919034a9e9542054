import type { Task } from "../../nomad/model.js";

// Host paths named in a command line (not in scripts, which read /etc files harmlessly).
const HOST_PATHS = /(?:^|[\s;&|"'=])\/(?:etc|var\/lib\/(?:docker|containerd|nomad|consul)|proc\/sys|sys|boot)\//;

const NOMAD_CLI = /(?:^|[\s;&|/"'])nomad\s+(?:agent|job|system|node|alloc|operator|var|acl|volume|deployment)\b/;
const DRIVES_NOMAD = { what: "runs Nomad itself, or drives the Nomad cluster the migration leaves", instead: "nothing to carry over once the jobs run on Kubernetes; Kubernetes-side automation uses the API (kubectl or a controller)" };
// Nomad's HTTP API: its address variable, or its port in a URL or host:port.
const NOMAD_API = /:4646\b/;

/**
 * Why any task talks to the Nomad cluster (the `nomad` CLI, NOMAD_ADDR, the API port 4646): a
 * container does not need the node for that, but the cluster it drives is gone after the move.
 */
export function drivesNomad(task: Task): { what: string; instead: string; evidence: string } | undefined {
  const line = [task.config.command ?? "", ...(task.config.entrypoint ?? []), ...(task.config.args ?? [])].join(" ");
  const env = Object.entries(task.env).find(([k, v]) => k === "NOMAD_ADDR" || NOMAD_API.test(`${v}`));
  const scripts = task.templates.map((t) => t.data ?? "").join("\n");
  const evidence = env ? `its env ${env[0]} names the Nomad API` : NOMAD_CLI.test(line) ? "the nomad CLI in its command line" : NOMAD_API.test(line) ? "the Nomad API port 4646 in its command line" : /\bNOMAD_ADDR\s*=/.test(scripts) || NOMAD_CLI.test(scripts) ? "NOMAD_ADDR or the nomad CLI in a template" : undefined;
  return evidence ? { ...DRIVES_NOMAD, evidence } : undefined;
}

// What a raw_exec task does to the node it runs on. Such a task is node administration: a pod
// would do it to a container, or need the node's PID namespace and file system to do it at all.
const HOST_ADMIN: [RegExp, string, string][] = [
  [/\b(?:docker|podman|nerdctl|crictl|ctr)\s+(?:\w+\s+)?prune\b|\b(?:docker|podman)\s+(?:rmi|image\s+rm|system|volume\s+rm)\b/, "prunes the node's container images and volumes", "the kubelet's image garbage collection (imageGCHighThresholdPercent / imageGCLowThresholdPercent in the kubelet config) does this on every node"],
  [/(?:^|[\s;&|/"'])(?:docker|podman|nerdctl|crictl|ctr)\s+\w/, "drives the node's container runtime from its CLI", "run the containers as pods; a node-level task needs a node agent or a privileged DaemonSet with hostPID and the runtime's socket"],
  [/(?:^|[\s;&|/"'])(?:systemctl|service\s+\S+\s+(?:start|stop|restart|reload)|journalctl|reboot|shutdown|poweroff|halt)\b/, "manages the node's services", "a node agent (your configuration management), or a privileged DaemonSet with hostPID that enters the host (nsenter) — chosen knowingly"],
  [/(?:^|[\s;&|/"'])(?:apt-get|apt|yum|dnf|apk|zypper|pacman|dpkg|rpm|snap)\s+(?:-\S+\s+)*(?:install|remove|upgrade|update|purge|add|del|-i|-U)\b/, "installs or upgrades the node's packages", "your node image or configuration management (a node pool upgrade, an OS update operator such as kured for reboots)"],
  [/(?:^|[\s;&|/"'])(?:ansible|ansible-playbook|ansible-pull|salt-call|puppet|chef-client)\b/, "configures the node with configuration management", "run the configuration management outside the cluster, or as a privileged DaemonSet with hostPID and the host's root mounted — chosen knowingly"],
  [/(?:^|[\s;&|/"'])(?:mount|umount|modprobe|sysctl|iptables|ip6tables|nft|ufw|firewall-cmd|zpool|zfs|mdadm|losetup|mkfs(?:\.\w+)?)\s/, "changes the node's kernel, network or file systems", "a privileged DaemonSet with hostPID and hostNetwork (or the node's own configuration) — chosen knowingly"],
  [HOST_PATHS, "works on host paths outside the task directory", "a DaemonSet that mounts those host paths (privileged where it writes them) — chosen knowingly, since Kubernetes nodes are laid out differently"],
  [NOMAD_CLI, DRIVES_NOMAD.what, DRIVES_NOMAD.instead],
];

/**
 * Why a raw_exec task administers the node rather than runs an app, and the Kubernetes-side
 * equivalent; its command, args and the scripts its templates render are read.
 */
export function hostAdministration(task: Task): { what: string; instead: string } | undefined {
  if (task.driver !== "raw_exec") return undefined;
  const line = `${task.config.command ?? ""} ${(task.config.args ?? []).join(" ")}`;
  const scripts = task.templates.map((t) => t.data ?? "").join("\n");
  for (const [re, what, instead] of HOST_ADMIN) if (re.test(line) || (re !== HOST_PATHS && re.test(scripts))) return { what, instead };
  return undefined;
}

/** A Windows task: IIS and win_* drivers, PowerShell, .exe/.bat/.ps1 commands, C:\ paths. */
export function windowsTask(task: Task): string | undefined {
  if (/^(?:win_|iis$|win-)/.test(task.driver)) return `the ${task.driver} driver runs on Windows nodes`;
  const cmd = task.config.command ?? "";
  if (/(?:^|[\\/])(?:powershell|pwsh)(?:\.exe)?$/i.test(cmd)) return "it runs PowerShell on a Windows node";
  if (/\.(?:exe|bat|cmd|ps1)$/i.test(cmd) || /^[A-Za-z]:[\\/]/.test(cmd)) return `its command ${cmd} is a Windows program`;
  return undefined;
}

// Top directories of a node that an image has its own of: a path there is the program's, not data.
const SYSTEM_DIRS = new Set(["bin", "sbin", "usr", "lib", "lib32", "lib64", "libx32", "etc", "dev", "proc", "sys", "tmp", "run", "var", "opt", "boot", "local", "alloc", "secrets"]);
const ABSOLUTE = /(?:^|[\s"'=(,])(\/[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._@+-]+)*)/g;

// A whole argument or env value that is a path (`/data/minio`, `--data-dir=/srv/app`): data
// also under /usr/local/var, /var and /opt, where the words of a command line stay strict.
const PLAIN_PATH = /^(?:-{1,2}[\w.-]+=)?(\/[A-Za-z0-9._@+-]+(?:\/[A-Za-z0-9._@+-]+)*)\/?$/;
const PLAIN_SYSTEM = /^\/(?:(?:bin|sbin|lib|lib32|lib64|libx32|etc|dev|proc|sys|tmp|run|boot|local|alloc|secrets|var\/run)(?:\/|$)|usr(?:\/(?!local\/var(?:\/|$))|$))/;
// `http://node{1...4}/data/minio`: one directory on each of several hosts (MinIO's distributed form).
const HOST_LIST_URL = /^[a-z]+:\/\/[^/\s]*\{\d+\.{2,3}\d+\}[^/\s]*\/\S*$/;

/**
 * Directories of the node a raw_exec task works in, named by its command, args and env values
 * (and the scripts it runs that its templates render; never other template bodies, where a path
 * is often just a string): data on the host, or a shared mount of it, that the pod must mount to see.
 */
export function hostDataDirs(task: Task): string[] {
  if (task.driver !== "raw_exec") return [];
  const values = [...(task.config.args ?? []), ...Object.values(task.env)];
  const line = [task.config.command ?? "", ...(task.config.args ?? [])].join(" ");
  const scripts = task.templates.filter((t) => {
    const name = t.destination.split("/").pop();
    return !!name && /\.(?:sh|bash)$/.test(name) && line.includes(name);
  });
  const texts = [task.config.command ?? "", ...values, ...scripts.map((t) => t.data ?? "")];
  const dirs = new Set<string>();
  const add = (p: string, strict: boolean) => {
    const segs = p.replace(/\/+$/, "").split("/").filter(Boolean);
    if (!segs.length || segs.includes("..") || (strict ? SYSTEM_DIRS.has(segs[0]) : PLAIN_SYSTEM.test(`/${segs.join("/")}`))) return;
    // A file's directory (a name with an extension), else the directory itself.
    dirs.add(/\.[A-Za-z0-9]+$/.test(segs[segs.length - 1]) && segs.length > 1 ? `/${segs.slice(0, -1).join("/")}` : `/${segs.join("/")}`);
  };
  for (const v of values) {
    const m = PLAIN_PATH.exec(v);
    if (m) add(m[1], false);
  }
  for (const text of texts) for (const m of text.matchAll(ABSOLUTE)) add(m[1], true);
  // One mount for a directory and what lies under it.
  return [...dirs].filter((d) => ![...dirs].some((o) => o !== d && d.startsWith(`${o}/`))).sort();
}

/** Arguments naming directories on a list of hosts (`http://mm{1...4}/data`, or one argument per host): no host path can stand for them. */
export function hostListUrls(task: Task): string[] {
  if (task.driver !== "raw_exec") return [];
  const args = task.config.args ?? [];
  // The same path on several hosts, one argument each (`http://mm1/data/ http://mm2/data/`).
  const pathOf = (a: string) => /^[a-z]+:\/\/[^/\s]+(\/\S+)$/.exec(a)?.[1];
  const paths = args.map(pathOf);
  return args.filter((a, i) => HOST_LIST_URL.test(a) || (!!paths[i] && paths.filter((p) => p === paths[i]).length > 1));
}
