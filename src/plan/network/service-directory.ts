import type { Diagnostics } from "../../diagnostics.js";
import { isExpr, moduleRef, readableRefs, type HclVal } from "../hcl-value.js";
import { consulAddresses, replaceConsulAddresses, type ConsulAddress } from "./consul-addresses.js";
import { quotedServices, rangeHint, renderServiceRanges, SERVICE_FN, serviceRanges } from "./service-lookups.js";
import type { Container, ModulePlan, Workload } from "../model.js";
import { certificateServices } from "./certificate-names.js";

export interface DirectoryEntry {
  host: string;
  /** The module (plan directory) whose Service it is. */
  module: string;
  hostPorts: Record<string, number>;
  /** The Service port each Consul name of that Service answers on. */
  ports: Record<string, number>;
}

/**
 * The Service's DNS name as written in `plan`: `${var.namespace}` when the Service is of the
 * same module or of one that defaults to the same namespace (modules of a fleet are applied
 * side by side); another module's keeps the namespace that module defaults to.
 */
export function hostFor(entry: DirectoryEntry, plan: ModulePlan): string {
  const [name, namespace, ...rest] = entry.host.split(".");
  if (entry.module !== plan.dir && namespace !== defaultNamespace(plan)) return entry.host;
  return [name, moduleRef("var.namespace"), ...rest].join(".");
}

const defaultNamespace = (plan: ModulePlan) => plan.variables.find((v) => v.name === "namespace")?.default;

/** How a rewrite's info line names the namespace it assumed. */
export function namespaceNote(entries: DirectoryEntry[], plan: ModulePlan): string {
  const other = entries.filter((e) => e.module !== plan.dir);
  const same = [...new Set(other.filter((e) => e.host.split(".")[1] === defaultNamespace(plan)).map((e) => e.module))];
  const apart = [...new Set(other.filter((e) => e.host.split(".")[1] !== defaultNamespace(plan)).map((e) => `module ${e.module} keeps its default namespace "${e.host.split(".")[1]}"`))];
  const notes = [...(same.length ? [`assumes module${same.length > 1 ? "s" : ""} ${same.join(", ")} applied in the same namespace (var.namespace)`] : []), ...(apart.length ? [`assumes ${apart.join(", ")}`] : [])];
  return notes.length ? notes.join("; ") : "a Service of this module: the address follows var.namespace";
}

/** Consul service name → the Kubernetes Service that stands for it, when exactly one does. */
export function serviceDirectory(plans: ModulePlan[]): Map<string, DirectoryEntry> {
  const directory = new ServiceDirectory();
  for (const plan of plans) directory.add(directoryEntries(plan));
  return directory.unique();
}

/** The Consul names a module's Services answer to, each with its Kubernetes Service. */
export function directoryEntries(plan: ModulePlan): [string, DirectoryEntry][] {
  const out: [string, DirectoryEntry][] = [];
  for (const s of plan.services) {
    if (!s.consul) continue;
    for (const name of new Set(s.consul.names)) out.push([name, { host: s.consul.host, module: plan.dir, hostPorts: s.consul.hostPorts, ports: s.consul.ports }]);
  }
  return out;
}

/** Entries gathered job by job; a name two Services answer to is ambiguous and left out. */
export class ServiceDirectory {
  private readonly found = new Map<string, DirectoryEntry | null>();
  add(entries: [string, DirectoryEntry][]): void {
    for (const [name, entry] of entries) this.found.set(name, this.found.has(name) ? null : entry);
  }
  unique(): Map<string, DirectoryEntry> {
    return new Map([...this.found].filter((e): e is [string, DirectoryEntry] => e[1] !== null));
  }
}

/**
 * The names a plan would look up in the directory (Consul addresses in its values, Connect
 * upstreams): a job that looks up none of the run's names is final without the directory.
 */
export function directoryLookups(plan: ModulePlan, job: string): string[] {
  const names = new Set<string>();
  for (const w of plan.workloads) {
    forEachValue(w, job, (v) => {
      if (typeof v === "string") for (const a of [...consulAddresses(v), ...serviceRanges(v)]) names.add(a.service);
      return v;
    });
    for (const u of w.upstreams?.services ?? []) names.add(u.service);
  }
  for (const text of fileTexts(plan)) for (const a of [...consulAddresses(text), ...serviceRanges(text)]) names.add(a.service);
  for (const c of plan.certificates) for (const s of certificateServices(c)) names.add(s);
  return [...names];
}

/** The file contents the module writes itself (ConfigMaps, its own Secrets, ExternalSecret templates). */
function fileTexts(plan: ModulePlan): string[] {
  const data = [...plan.configMaps.map((c) => c.data), ...plan.secretData.map((s) => s.data), ...plan.externalSecrets.map((e) => e.template ?? {})];
  return data.flatMap((d) => (d && typeof d === "object" && !Array.isArray(d) && !isExpr(d) ? Object.values(d as Record<string, HclVal>).filter((v): v is string => typeof v === "string") : []));
}

/**
 * The Service port a Consul name answers on when the lookup names no port (an address without
 * one, `range service`'s `.Port`): the port of that name, or the Service's only port.
 */
export function answerPort(entry: Pick<DirectoryEntry, "ports">, service: string): number | undefined {
  const all = Object.values(entry.ports);
  return entry.ports[service] ?? (all.length === 1 ? all[0] : undefined);
}

/** The Service port a Consul address reaches, and whether the rewrite is certain. */
function servicePort(a: ConsulAddress, entry: DirectoryEntry): { port?: number; certain: boolean } {
  if (a.port !== undefined) {
    const port = entry.hostPorts[String(a.port)];
    return { port, certain: port !== undefined };
  }
  // Without a port in the address the app dials a port set elsewhere: certain only when the
  // Service answers on the number clients dialled on Nomad.
  const port = answerPort(entry, a.service);
  return { port, certain: port !== undefined && Object.entries(entry.hostPorts).some(([from, to]) => to === port && Number(from) === to) };
}

/**
 * Rewrites Consul addresses (`[tag.]name.service.consul[:port]`, `name.virtual.consul`) in env
 * values, arguments, and the files of ConfigMaps, the module's own Secrets and ExternalSecret templates to the
 * Kubernetes Service of a job in the same run, with the port that Service answers on, when the
 * mapping is certain. The manual step of a rewritten address becomes an info line; one that
 * stays names the Service it should become.
 */
export function rewriteConsulAddresses(plan: ModulePlan, job: string, directory: Map<string, DirectoryEntry>, diags: Diagnostics): void {
  if (directory.size === 0) return;
  const step = (path: string | undefined, address: string) =>
    diags.items.find((d) => d.code === "N2K-CONSUL-001" && d.message.startsWith(`Consul address ${address} in `) && (path === undefined ? d.path?.startsWith(`job.${job}.`) && d.path.includes(".template") : d.path === path));
  const rewrite = (text: string, path: string | undefined): string => {
    const used: DirectoryEntry[] = [];
    const done: string[] = [];
    const out = replaceConsulAddresses(text, (a) => {
      const entry = directory.get(a.service);
      if (!entry) return undefined;
      const { port, certain } = servicePort(a, entry);
      const host = hostFor(entry, plan);
      if (!certain) {
        const d = step(path, a.text);
        const ports = Object.entries(entry.hostPorts).map(([from, to]) => (Number(from) === to ? `${to}` : `${to} (Nomad's ${from})`));
        if (d) {
          const why = a.port !== undefined ? `port ${a.port} is none of the ports "${a.service}" registered in this run` : `the Kubernetes Service of "${a.service}" in this run answers on another port than Nomad's, which the app takes from elsewhere`;
          d.message = d.message.replace(/: no job of this run registers .*$/, `: ${why}`);
          const own = port === undefined ? undefined : Object.entries(entry.hostPorts).find(([from, to]) => to === port && Number(from) !== to);
          d.hint = own ? `point it at ${readableRefs(host)} and its port setting at ${port} (Nomad's ${own[0]})` : `point it at ${readableRefs(host)}, port${ports.length > 1 ? "s" : ""} ${[...new Set(ports)].join(", ") || "none"}`;
        }
        return undefined;
      }
      used.push(entry);
      done.push(`${a.text} → ${readableRefs(host)}${a.port !== undefined ? `:${port}` : ""}${a.tag ? ` (tag ${a.tag}: the Service answers for every instance)` : ""}`);
      return a.port === undefined ? host : `${host}:${port}`;
    });
    if (!done.length) return text;
    for (const address of consulAddresses(text).filter((a) => !consulAddresses(out).some((b) => b.text === a.text))) {
      const d = step(path, address.text);
      if (d) diags.items.splice(diags.items.indexOf(d), 1);
    }
    diags.changed("N2K-CONSUL-002", `Consul address rewritten to the Kubernetes Service of a job in this run: ${[...new Set(done)].join("; ")} (${namespaceNote(used, plan)})`, { path: path ?? `job.${job}` });
    return out;
  };
  // `range service` blocks (env values from env templates, template files) render once with the Service.
  const listed = new Set<string>();
  const used: DirectoryEntry[] = [];
  const target = (service: string) => {
    const entry = directory.get(service);
    const port = entry && answerPort(entry, service);
    if (!entry || port === undefined) return undefined;
    used.push(entry);
    return { host: hostFor(entry, plan), port };
  };
  const ranged = (v: string): string => {
    const r = renderServiceRanges(v, target);
    for (const s of r.rendered) listed.add(s);
    return r.text;
  };
  const value = (v: HclVal, path: string): HclVal => (typeof v === "string" ? rewrite(ranged(v), path) : v);
  for (const w of plan.workloads) forEachValue(w, job, value);
  // Template files: their manual steps are on the template, which a ConfigMap key no longer names.
  const files = [
    ...plan.configMaps.map((cm) => cm.data),
    ...plan.secretData.flatMap((s) => (s.data && typeof s.data === "object" && !Array.isArray(s.data) && !isExpr(s.data) ? [s.data as Record<string, HclVal>] : [])),
    // ExternalSecret templates: the file's text around the secret keys is the module's own.
    ...plan.externalSecrets.flatMap((e) => (e.template ? [e.template as Record<string, HclVal>] : [])),
  ];
  for (const data of files) {
    for (const [k, v] of Object.entries(data)) if (typeof v === "string") data[k] = rewrite(ranged(v), undefined);
  }
  if (listed.size) settleLookupSteps(job, [...listed], diags, `${namespaceNote(used, plan)}`);
}

const RANGE_ACTION = new RegExp(String.raw`\{\{-?\s*(range\s+${SERVICE_FN}|end|else)\b`);

/**
 * A template's Consul-lookup step (N2K-TPL-002) whose quoted lines only listed services now
 * rendered is done: an info line says so. One that quotes other lookups stays, its hint naming
 * what was rendered.
 */
function settleLookupSteps(job: string, listed: string[], diags: Diagnostics, note: string): void {
  for (const d of [...diags.items]) {
    if (d.code !== "N2K-TPL-002" || !d.path?.startsWith(`job.${job}.`)) continue;
    const services = quotedServices(d.message);
    const mine = services.filter((s) => listed.includes(s));
    if (!mine.length) continue;
    const fns = [...new Set([...d.message.matchAll(/range\s+(service|nomadService)\b/g)].map((m) => `\`range ${m[1]}\``))];
    const info = `${fns.join(", ") || "`range service`"} of ${mine.join(", ")} rendered once with the Kubernetes Service of a job in this run (it balances over the pods; ${note})`;
    const rest = services.filter((s) => !listed.includes(s));
    // Lines quoting other lookups (`key`, …) keep the step open.
    const others = [...d.message.matchAll(/`([^`]*)`/g)].some((m) => !RANGE_ACTION.test(m[1]));
    if (!rest.length && !others) diags.items.splice(diags.items.indexOf(d), 1);
    else d.hint = rest.length ? rangeHint(rest) : `the \`range service\` of ${mine.join(", ")} is rendered; the other lookups remain`;
    diags.changed("N2K-CONSUL-002", `template ${d.message.match(/^template (\S+)/)?.[1] ?? ""}: ${info}`, { path: d.path, ...(d.line ? { line: d.line } : {}) });
  }
}

/** Applies `value` to every env value, argument and command word of a workload's task containers. */
export function forEachValue(w: Workload, job: string, value: (v: HclVal, path: string) => HclVal): void {
  for (const c of [...w.pod.initContainers, ...w.pod.containers]) {
    if (!c.task) continue;
    const base = `job.${job}.group.${w.group}.task.${c.task}`;
    rewriteContainer(c, base, value);
  }
}

function rewriteContainer(c: Container, base: string, value: (v: HclVal, path: string) => HclVal): void {
  for (const e of c.env) if (e.value !== undefined && !isExpr(e.value)) e.value = value(e.value, `${base}.env.${e.name}`);
  if (c.args) c.args = c.args.map((a, i) => value(a, `${base}.config.args[${i}]`));
  if (c.command) c.command = c.command.map((a, i) => value(a, `${base}.config.entrypoint[${i}]`));
}
