// Defects a schema check cannot see but that break `terraform apply`, the app, or a secret.
// The same checks as the real-fleet tool the team runs by hand, applied to modules in memory.

export const DETECTORS = {
  "unresolved-in-k8s-field": "a Nomad runtime interpolation left in a field Kubernetes validates",
  "unresolved-default": "a variable default that still holds a Nomad interpolation",
  "image-transport-prefix": "an image with a docker:// or similar transport prefix",
  "secret-in-configmap": "a ConfigMap whose content calls Vault or Nomad variables",
  "go-template-escape": "a ConfigMap with Go-template escapes that Nomad would have rendered",
  "duplicate-host-port": "two containers of one host-network pod (or two host_port entries) on the same port",
  "ingress-missing": "a Traefik-routed job that got no Ingress and no N2K-INGRESS-* diagnostic",
  "self-check": "an N2K-SELF-* diagnostic",
  "invalid-schedule": "a CronJob schedule default that is not five cron fields or a macro Kubernetes knows",
  "duplicate-mount-path": "two volume mounts of one container at the same path (also /data and /data/)",
  "nomad-data-host-path": "a host path into Nomad's allocation directories (alloc id variable or literal id)",
  "unresolved-port-env": "a NOMAD_PORT_/ADDR_/IP_ reference to a port label of the job left in the module",
  "duplicate-env": "the same env var name twice in one container (the last wins)",
  "credential-in-plain-env": "an env var named like a credential with a literal value in the pod spec (a switch such as `true` or a file path is no credential)",
  "credential-in-secret-data": "a key of a kubernetes_secret_v1 named like a credential env var with a literal value: the job file's credential written into the module",
  "mount-at-root": 'a volume mounted at "/"',
  "persistent-to-ephemeral": "a path the job kept on a host/CSI volume or host bind mount, mounted from an empty_dir in the module",
  "rollout-deadlock": "a Deployment pinned by a GPU, host port or host path with the default rolling update (Nomad stops the old allocation first)",
  "liveness-without-restart": "a liveness probe although no Nomad check had check_restart (Nomad never restarted the task for a failing check)",
  "reserved-name": "a Terraform-reserved variable name (version, source, count, for_each, providers, depends_on, lifecycle, locals): terraform init fails",
  "unresolved-format": "a printf verb (%s, %d, %v) left in a generated value",
  "invalid-port": "a container, host or Service port of 0 or above 65535",
  "renumbered-service": "a Service port 80 in front of a non-HTTP port that no Ingress routes (clients dial the old port number)",
  "docker-socket-unwarned": "a mount of the host's docker.sock with no diagnostic naming it (containerd nodes have none)",
  "csi-plugin-converted": "a CSI plugin job converted into a workload instead of skipped",
  "helper-driver-skip": "a job skipped for a non-container driver although its main tasks are docker/podman (only a lifecycle helper is not)",
} as const;

export type Detector = keyof typeof DETECTORS;

const RESERVED = new Set(["version", "source", "count", "for_each", "providers", "depends_on", "lifecycle", "locals"]);
const K8S_FIELDS = /^\s*(image|host|path|mount_path|sub_path|hosts|secret_name|schedule|node_name)\s*=\s*(.*)$/;
const SECRET_FN = /\{\{-?\s*(?:(?:with|range|if)\s+)?(?:\$\w+(?:\s*,\s*\$\w+)?\s*:?=\s*)?\(?\s*(secret|secrets|pkiCert|nomadVar|nomadVarList|nomadVarListSafe)\s/;

/** The `env { name, value }` blocks of one container's text (value absent when it comes from a ref). */
function envBlocks(container: string): { name: string; value?: string }[] {
  return [...container.matchAll(/\benv \{([^{}]*(?:\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}[^{}]*)*)\}/g)].flatMap((m) => {
    const name = /^\s*name\s*=\s*"([^"]*)"/m.exec(m[1])?.[1];
    return name ? [{ name, value: /^\s*value\s*=\s*"([^"]*)"/m.exec(m[1])?.[1] }] : [];
  });
}

function isPlainCredential(name: string, value: string): boolean {
  // A switch (`MYSQL_RANDOM_ROOT_PASSWORD = "yes"`) or the path of the file holding the key is no credential.
  if (/\$\{|\$\(/.test(value) || /^[[('"]*(true|false|yes|no|on|off|0|1)?[\])'"]*$/i.test(value.trim()) || /^\/\S*$/.test(value.trim())) return false;
  return /(PASSWORD|PASSWD|PASSPHRASE|(^|_)PASS$|_PWD$|SECRET|TOKEN|API_KEY|ACCESS_KEY|PRIVATE_KEY)/i.test(name) && !/(_FILE|_PATH|_URL|_URI|_HOST|_PORT|_USER|_NAME|_ENABLED|_LENGTH)$/i.test(name);
}
// Ports of databases, brokers, mail, DNS and directories: no Ingress ever sends HTTP to them.
const NON_HTTP_PORTS = new Set(["21", "22", "25", "53", "389", "465", "587", "636", "993", "1883", "2049", "3306", "5432", "5672", "6379", "8883", "9042", "11211", "27017"]);

interface Diag {
  code: string;
  message?: string;
}

const uncommented = (source: string) =>
  source
    .split("\n")
    .filter((l) => !/^\s*(#|\/\/)/.test(l))
    .join("\n");

/** Hits for a skipped job, given its source text and skip reason. */
export function scanSkip(source: string, reason: string): Partial<Record<Detector, string[]>> {
  if (!/driver/.test(reason)) return {};
  const src = uncommented(source);
  const tasks = src.split(/\btask\s+"/).slice(1);
  const mains = tasks.filter((t) => !/lifecycle\s*\{/.test(t));
  const helperOnly = mains.length > 0 && mains.every((t) => /driver\s*=\s*"(docker|podman|containerd-driver)"/.test(t));
  return helperOnly && tasks.some((t) => /lifecycle\s*\{/.test(t)) ? { "helper-driver-skip": [reason] } : {};
}

/** Hits per detector for one module (its .tf files by name), given the job's source text. */
export function scanModule(files: Record<string, string>, source: string, diagnostics: Diag[]): Partial<Record<Detector, string[]>> {
  const hits: Partial<Record<Detector, string[]>> = {};
  const hit = (d: Detector, s: string) => (hits[d] ??= []).push(s);
  let all = "";
  for (const [f, text] of Object.entries(files)) {
    if (!f.endsWith(".tf")) continue;
    all += text;
    let heredoc: string | null = null;
    for (const line of text.split("\n")) {
      if (heredoc) {
        if (line.trim() === heredoc) heredoc = null;
        continue;
      }
      const h = line.match(/<<-?\s*([A-Z_]+)\s*$/);
      if (h) {
        heredoc = h[1];
        continue;
      }
      const m = line.match(K8S_FIELDS);
      if (m && /\$\$\{/.test(m[2])) hit("unresolved-in-k8s-field", `${f}: ${line.trim()}`);
      if (/^\s*image\s*=\s*"[a-z-]+:\/\//.test(line)) hit("image-transport-prefix", `${f}: ${line.trim()}`);
      if (f === "variables.tf" && /^\s*default\s*=\s*".*\$\$\{/.test(line)) hit("unresolved-default", `${f}: ${line.trim()}`);
    }
    for (const block of text.split(/\nresource /).filter((b) => /^"kubernetes_config_map(_v1)?"/.test(b))) {
      if (SECRET_FN.test(block) || /\.Data\.(private_key|data\.|password)/.test(block)) hit("secret-in-configmap", `${f}: ${block.match(SECRET_FN)?.[0] ?? block.match(/\.Data\.\S+/)?.[0]}`);
      const esc = block.match(/\{\{-?\s*"(\{\{|\}\})"\s*-?\}\}/);
      if (esc) hit("go-template-escape", `${f}: ${esc[0]}`);
    }
  }
  for (const m of (files["variables.tf"] ?? "").matchAll(/^variable\s+"([^"]+)"/gm)) if (RESERVED.has(m[1])) hit("reserved-name", `variable "${m[1]}"`);
  for (const line of all.split("\n")) {
    if (/=\s*.*"[^"]*%[sdv][^"]*"/.test(line) && !/<</.test(line) && /(ip_addresses|ipAddresses|dns_names|dnsNames|host|name|image|path|value)\b/.test(line)) hit("unresolved-format", line.trim());
    const p = line.match(/^\s*(container_port|host_port|port|target_port|number)\s*=\s*(\d+)\s*$/);
    if (p && (Number(p[2]) === 0 || Number(p[2]) > 65535)) hit("invalid-port", line.trim());
  }
  const schedules = all.matchAll(/variable "schedule(?:_\d+)?" \{[^}]*?default\s*=\s*"([^"]*)"/g);
  for (const [, cron] of schedules) {
    if (!/^@(yearly|annually|monthly|weekly|daily|hourly)$/.test(cron) && cron.trim().split(/\s+/).length !== 5) hit("invalid-schedule", cron);
  }
  for (const m of all.matchAll(/\bpath\s*=\s*"([^"]*\/alloc\/(?:\$\{var\.[a-z_]*alloc_id\}|[0-9a-f]{8}-[0-9a-f-]{27})[^"]*)"/g)) hit("nomad-data-host-path", m[1]);
  // Port labels as Nomad spells them in env var names; a reference to one is always resolvable.
  const labels = new Set([...source.matchAll(/\bport\s+"([^"]+)"/g)].map((m) => m[1].replace(/[^A-Za-z0-9_.]/g, "_")));
  for (const line of all.split("\n").filter((l) => !/^\s*#/.test(l))) {
    // The forms Nomad fills in: `${NOMAD_PORT_x}` (also `$${…}` in HCL) and `{{ env "NOMAD_PORT_x" }}`.
    for (const m of line.matchAll(/(?:\$\{|env\s+\\?")NOMAD_(?:HOST_|ALLOC_)?(?:PORT|ADDR)_([A-Za-z0-9_.]+)/g)) if (labels.has(m[1])) hit("unresolved-port-env", line.trim());
  }
  for (const w of all.split(/\nresource /).filter((b) => /^"kubernetes_(deployment|stateful_set|daemonset|daemon_set|job|cron_job)/.test(b))) {
    const hostNet = /host_network\s*=\s*true/.test(w);
    // A port is claimed per protocol: 53/TCP and 53/UDP side by side are one DNS server.
    const blocks = [...w.matchAll(/port \{([^{}]*)\}/g)].map((m) => m[1]);
    const ports = blocks.flatMap((b) => {
      const n = (hostNet ? /container_port\s*=\s*(\d+)/ : /host_port\s*=\s*(\d+)/).exec(b)?.[1];
      return n ? [`${n}${/protocol\s*=\s*"UDP"/.test(b) ? "/udp" : ""}`] : [];
    });
    const dup = ports.filter((p, i) => ports.indexOf(p) !== i);
    if (dup.length) hit("duplicate-host-port", `${w.slice(0, w.indexOf("{")).trim()}: port ${[...new Set(dup)].join(", ")}`);
    const pinned = /nvidia\.com\/gpu|gpu\.intel\.com|amd\.com\/gpu/.test(w) || /host_port\s*=/.test(w) || /host_path\s*\{/.test(w);
    if (/^"kubernetes_deployment/.test(w) && pinned && !/type\s*=\s*"Recreate"|max_surge\s*=\s*"?0"?/.test(w)) hit("rollout-deadlock", w.slice(0, w.indexOf("{")).trim());
    for (const c of w.split(/\n\s*(?:init_)?container \{/).slice(1)) {
      const env = envBlocks(c);
      const names = env.map((e) => e.name);
      const twice = names.filter((n, i) => names.indexOf(n) !== i);
      if (twice.length) hit("duplicate-env", `${w.slice(0, w.indexOf("{")).trim()}: ${[...new Set(twice)].join(", ")}`);
      for (const e of env) if (e.value !== undefined && isPlainCredential(e.name, e.value)) hit("credential-in-plain-env", `${w.slice(0, w.indexOf("{")).trim()}: ${e.name}`);
      const paths = [...c.matchAll(/mount_path\s*=\s*"([^"]*)"/g)].map((m) => m[1].replace(/\/+/g, "/").replace(/(.)\/$/, "$1"));
      const same = paths.filter((p, i) => paths.indexOf(p) !== i);
      if (same.length) hit("duplicate-mount-path", `${w.slice(0, w.indexOf("{")).trim()}: ${[...new Set(same)].join(", ")}`);
    }
  }
  for (const s of all.split(/\nresource /).filter((b) => /^"kubernetes_secret(_v1)?"/.test(b))) {
    for (const data of blocksOf(s.replace(/\bdata\s*=\s*\{/g, "data {"), "data")) for (const m of data.matchAll(/^\s*"?([A-Za-z_][A-Za-z0-9_]*)"?\s*=\s*"([^"\n]*)"\s*$/gm)) if (isPlainCredential(m[1], m[2])) hit("credential-in-secret-data", `${s.slice(0, s.indexOf("{")).trim()}: ${m[1]}`);
  }
  for (const line of all.split("\n")) if (/^\s*mount_path\s*=\s*"\/"\s*$/.test(line)) hit("mount-at-root", line.trim());
  for (const p of persistentToEphemeral(all, source)) hit("persistent-to-ephemeral", p);
  if (/liveness_probe/.test(all) && !/check_restart/.test(source)) hit("liveness-without-restart", `${(all.match(/liveness_probe/g) ?? []).length} liveness probe(s)`);
  // Only a Service an Ingress sends to may answer on 80 for a port of another number.
  const routedServices = new Set([...all.matchAll(/service\s*\{\s*name\s*=\s*(?:kubernetes_service(?:_v1)?\.([\w-]+)|"([^"]+)")/g)].map((m) => m[1] ?? m[2]));
  for (const s of all.split(/\nresource /).filter((b) => /^"kubernetes_service(_v1)?"/.test(b))) {
    const name = /^"[^"]+"\s+"([^"]+)"/.exec(s)?.[1] ?? "";
    for (const [, p] of s.matchAll(/port \{([^{}]*)\}/g)) {
      const target = /target_port\s*=\s*"?(\d+)/.exec(p)?.[1];
      if (/^\s*port\s*=\s*80\s*$/m.test(p) && target && NON_HTTP_PORTS.has(target) && !routedServices.has(name)) hit("renumbered-service", `${name}: 80 -> ${target}`);
    }
  }
  // Commented-out tags route nothing (the hand-run tool counts them; this check does not).
  source = uncommented(source);
  if (/\/(var\/)?run\/docker\.sock/.test(all) && !diagnostics.some((d) => /docker\.sock/.test(d.message ?? ""))) hit("docker-socket-unwarned", "docker.sock mounted");
  if (/\bcsi_plugin\s*\{/.test(source)) hit("csi-plugin-converted", "csi_plugin job converted");
  const routed = /traefik\.enable\s*=\s*true/.test(source) && /traefik\.(http\.routers\.[^.]+\.rule|frontend\.rule)\s*=/.test(source);
  if (routed && !/resource "kubernetes_ingress/.test(all) && !diagnostics.some((d) => /INGRESS/.test(d.code))) hit("ingress-missing", "no kubernetes_ingress_v1 and no N2K-INGRESS-* diagnostic");
  for (const d of diagnostics) if (d.code.startsWith("N2K-SELF")) hit("self-check", d.code);
  return hits;
}

/** The bodies of blocks `kind { ... }` in a text, braces balanced. */
function blocksOf(text: string, kind: string): string[] {
  const out: string[] = [];
  const re = new RegExp(`(^|\\s)${kind}\\s*\\{`, "g");
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let depth = 0;
    let i = m.index + m[0].length - 1;
    for (; i < text.length; i++) {
      if (text[i] === "{") depth++;
      else if (text[i] === "}" && --depth === 0) break;
    }
    out.push(text.slice(m.index + m[0].length, i));
  }
  return out;
}

const fieldOf = (block: string, name: string) => block.match(new RegExp(`^\\s*${name}\\s*=\\s*"?([^"\\n]*)"?`, "m"))?.[1];

/**
 * Container paths the job kept on the host (volume_mount destinations, docker binds from an
 * absolute or interpolated host path, not a task directory) that the module mounts from an
 * empty_dir.
 */
function persistentToEphemeral(all: string, source: string): string[] {
  const kept = new Set<string>();
  for (const vm of blocksOf(source, "volume_mount")) {
    const d = fieldOf(vm, "destination");
    if (d) kept.add(d.replace(/\/$/, ""));
  }
  for (const v of source.matchAll(/"((?:\/|\$\{)[^":]*):([^":]+)(?::r[ow])?"/g)) if (!/^\$\{NOMAD_(ALLOC|TASK)_DIR/.test(v[1])) kept.add(v[2].replace(/\/$/, ""));
  const hits: string[] = [];
  for (const w of all.split(/\nresource /).filter((b) => /^"kubernetes_(deployment|stateful_set|daemonset|daemon_set|job|cron_job)/.test(b))) {
    const empty = new Set(blocksOf(w, "volume").filter((v) => /empty_dir\s*\{/.test(v)).map((v) => fieldOf(v, "name")));
    for (const vm of blocksOf(w, "volume_mount")) {
      const at = fieldOf(vm, "mount_path")?.replace(/\/$/, "");
      if (at && kept.has(at) && empty.has(fieldOf(vm, "name"))) hits.push(`${at} from empty_dir "${fieldOf(vm, "name")}"`);
    }
  }
  return hits;
}
