import type { Task } from "../../nomad/model.js";

// Host paths named in a command line (not in scripts, which read /etc files harmlessly).
const HOST_PATHS = /(?:^|[\s;&|"'=])\/(?:etc|var\/lib\/(?:docker|containerd|nomad|consul)|proc\/sys|sys|boot)\//;

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
  [/(?:^|[\s;&|/"'])nomad\s+(?:agent|job|system|node|alloc|operator|var|acl|volume|deployment)\b/, "runs Nomad itself, or drives the Nomad cluster the migration leaves", "nothing to carry over once the jobs run on Kubernetes; Kubernetes-side automation uses the API (kubectl or a controller)"],
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

/**
 * Directories of the node a raw_exec task works in (its command, args, env and rendered scripts name
 * them): data on the host, or a shared mount of it, that the pod must mount to see.
 */
export function hostDataDirs(task: Task): string[] {
  if (task.driver !== "raw_exec") return [];
  const texts = [task.config.command ?? "", ...(task.config.args ?? []), ...Object.values(task.env), ...task.templates.map((t) => t.data ?? "")];
  const dirs = new Set<string>();
  for (const text of texts) {
    for (const m of text.matchAll(ABSOLUTE)) {
      const p = m[1].replace(/\/+$/, "");
      const segs = p.split("/").filter(Boolean);
      if (!segs.length || SYSTEM_DIRS.has(segs[0]) || segs.includes("..")) continue;
      // A file's directory (a name with an extension), else the directory itself.
      const dir = /\.[A-Za-z0-9]+$/.test(segs[segs.length - 1]) && segs.length > 1 ? `/${segs.slice(0, -1).join("/")}` : `/${segs.join("/")}`;
      dirs.add(dir);
    }
  }
  // One mount for a directory and what lies under it.
  return [...dirs].filter((d) => ![...dirs].some((o) => o !== d && d.startsWith(`${o}/`))).sort();
}
