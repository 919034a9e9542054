// Behind a Consul Connect sidecar the app could listen on 127.0.0.1: Envoy, in the same network
// namespace, forwarded to it. Without the sidecar the Service reaches the pod's IP, so an app
// still bound to loopback refuses every connection.
import type { Diagnostics } from "../../diagnostics.js";
import type { Group } from "../../nomad/model.js";
import { isExpr, type HclVal } from "../hcl-value.js";
import type { Container, ServicePlan, Workload } from "../model.js";

const LOOPBACK = /^(?<scheme>[a-z]+:\/\/)?(?:127\.0\.0\.1|localhost)(?::(?<port>\d+))?\/?$/;
// Env names that set where the app itself listens (not where it dials).
const BIND_ENV = /(^|_)(BIND|LISTEN)(_|$)|(^|_)(HTTP|WEB|SERVER|APP|API|GRPC)_(HOST|ADDR|ADDRESS|IP|INTERFACE)$|^(HOST|ADDR|ADDRESS|IP|INTERFACE|BIND_ADDR|BIND_ADDRESS|LISTEN_ADDR|LISTEN_ADDRESS)$/i;
// Flags that set the listen address: `--bind`, `--host`, `--listen`, `--http-addr`, `-b`, `--web.listen-address`.
const BIND_FLAG = /^(-{1,2}(?:[\w.-]*(?:bind|listen|host|addr|address)[\w.-]*|b))$/i;
const DIAL_WORDS = /db|database|redis|postgres|mysql|mongo|cache|upstream|proxy|smtp|mail|consul|vault|nomad|remote|target|backend|peer|master|primary/i;
// In a config file: `listen 127.0.0.1:8080;`, `http_listen_address: 127.0.0.1`, `bind 127.0.0.1`.
const FILE_BIND = /^(\s*["']?[\w.-]*(?:listen|bind)[\w.-]*["']?\s*[:=]?\s*["']?)(127\.0\.0\.1|localhost)((?::\d+)?)(?=["';,\s]|$)/gim;

/**
 * An app of a group whose services had a Connect sidecar: where it binds loopback on a port the
 * Service targets (or on no port), it listens on 0.0.0.0 instead (env, arguments, static
 * template files); a loopback bind in a file the module cannot edit is a blocking step.
 */
export function listenOnPodAddress(group: Group, workloads: Workload[], files: Record<string, HclVal>[], servicePorts: ServicePlan["ports"], job: string, diags: Diagnostics): void {
  const services = [...group.services, ...group.tasks.flatMap((t) => t.services)];
  if (!services.some((s) => s.sidecar)) return;
  const ports = targetNumbers(servicePorts, workloads);
  const ours = (port: string | undefined) => port === undefined || ports.has(Number(port));
  const changed = (path: string, from: string, to: string) =>
    diags.changed("N2K-CONNECT-006", `the app listened on loopback behind its Connect sidecar (Envoy forwarded to it); the Service reaches the pod's address, so ${from} becomes ${to}`, { path });
  for (const w of workloads) {
    for (const c of [...w.pod.initContainers, ...w.pod.containers]) {
      if (!c.task) continue;
      const base = `job.${job}.group.${w.group}.task.${c.task}`;
      rewriteEnv(c, base, ours, changed);
      for (const field of ["args", "command"] as const) rewriteFlags(c, field, `${base}.config.${field === "args" ? "args" : "entrypoint"}`, ours, changed);
    }
  }
  for (const data of files) {
    for (const [key, v] of Object.entries(data)) {
      if (typeof v !== "string") continue;
      const out = v.replace(FILE_BIND, (all, head: string, _host: string, port: string) => (ours(port ? port.slice(1) : undefined) ? `${head}0.0.0.0${port}` : all));
      if (out === v) continue;
      data[key] = out;
      changed(`job.${job}.group.${group.name}.template`, `the listen address 127.0.0.1 in ${key}`, "0.0.0.0");
    }
  }
}

/** The container port numbers the Service targets: a named target port is the number of the container port of that name. */
export function targetNumbers(servicePorts: ServicePlan["ports"], workloads: Workload[]): Set<number> {
  const named = new Map<string, number>();
  for (const w of workloads) for (const c of [...w.pod.initContainers, ...w.pod.containers]) for (const p of c.ports) if (p.name && !named.has(p.name)) named.set(p.name, p.containerPort);
  const out = new Set<number>();
  for (const { targetPort: t } of servicePorts) {
    const n = typeof t === "number" ? t : /^\d+$/.test(t) ? Number(t) : named.get(t);
    if (n !== undefined) out.add(n);
  }
  return out;
}

export function rewriteEnv(c: Container, base: string, ours: (port?: string) => boolean, changed: (path: string, from: string, to: string) => void): void {
  for (const e of c.env) {
    if (typeof e.value !== "string" || !BIND_ENV.test(e.name) || DIAL_WORDS.test(e.name)) continue;
    const m = LOOPBACK.exec(e.value);
    if (!m || !ours(m.groups?.port)) continue;
    const to = e.value.replace(/127\.0\.0\.1|localhost/, "0.0.0.0");
    changed(`${base}.env.${e.name}`, e.value, to);
    e.value = to;
  }
}

/** `--bind 127.0.0.1:8000`, `--host=localhost`, also inside one argument (`sh -c "app --bind 127.0.0.1"`). */
export function rewriteFlags(c: Container, field: "args" | "command", path: string, ours: (port?: string) => boolean, changed: (path: string, from: string, to: string) => void): void {
  const list = c[field];
  if (!list) return;
  const words: HclVal[] = [...list];
  for (const [i, w] of words.entries()) {
    if (typeof w !== "string" || isExpr(w)) continue;
    const prev = i > 0 && typeof words[i - 1] === "string" ? (words[i - 1] as string) : "";
    let out = w;
    const alone = LOOPBACK.exec(w);
    if (alone && !alone.groups?.scheme && BIND_FLAG.test(prev) && !DIAL_WORDS.test(prev) && ours(alone.groups?.port)) out = w.replace(/127\.0\.0\.1|localhost/, "0.0.0.0");
    out = out.replace(/(^|\s)(-{1,2}[\w.-]+)([=\s]+)(127\.0\.0\.1|localhost)((?::\d+)?)(?=$|[\s"';])/g, (all, lead: string, flag: string, sep: string, _host: string, port: string) =>
      BIND_FLAG.test(flag) && !DIAL_WORDS.test(flag) && ours(port ? port.slice(1) : undefined) ? `${lead}${flag}${sep}0.0.0.0${port}` : all,
    );
    if (out === w) continue;
    changed(`${path}[${i}]`, w, out);
    words[i] = out;
  }
  c[field] = words;
}

/** Secret file templates the module cannot edit (ExternalSecret templates): a loopback bind there is a blocking step. */
export function reportSealedBinds(templates: Record<string, string>[], hasSidecar: boolean, job: string, diags: Diagnostics): void {
  if (!hasSidecar) return;
  for (const t of templates) {
    for (const [key, text] of Object.entries(t)) {
      const m = [...text.matchAll(FILE_BIND)][0];
      if (!m) continue;
      diags.manual("N2K-CONNECT-007", `secret file ${key} sets a listen address on ${m[2]}${m[3]}: the app listened behind its Connect sidecar, and the Service cannot reach loopback`, {
        path: `job.${job}`,
        blocking: true,
        hint: "make the file listen on 0.0.0.0 in the secret store's template",
      });
    }
  }
}
