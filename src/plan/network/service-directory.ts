import type { Diagnostics } from "../../diagnostics.js";
import { isExpr, moduleRef, type HclVal } from "../hcl-value.js";
import type { Container, ModulePlan, Workload } from "../model.js";

export interface DirectoryEntry {
  host: string;
  /** The module (plan directory) whose Service it is. */
  module: string;
  hostPorts: Record<string, number>;
  /** The Service port each Consul name of that Service answers on. */
  ports: Record<string, number>;
}

/**
 * The Service's DNS name as written in `plan`: a Service of the same module follows the
 * module's `var.namespace`; another module's keeps the namespace that module defaults to.
 */
export function hostFor(entry: DirectoryEntry, plan: ModulePlan): string {
  if (entry.module !== plan.dir) return entry.host;
  const [name, , ...rest] = entry.host.split(".");
  return [name, moduleRef("var.namespace"), ...rest].join(".");
}

/** How a rewrite's info line names the namespace it assumed. */
export function namespaceNote(entries: DirectoryEntry[], plan: ModulePlan): string {
  const other = [...new Set(entries.filter((e) => e.module !== plan.dir).map((e) => `module ${e.module} keeps its default namespace "${e.host.split(".")[1]}"`))];
  if (!other.length) return "a Service of this module: the address follows var.namespace";
  return `assumes ${other.join(", ")}`;
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
      if (typeof v === "string") for (const m of v.matchAll(CONSUL_ADDRESS)) names.add(m[1]);
      return v;
    });
    for (const u of w.upstreams?.services ?? []) names.add(u.service);
  }
  return [...names];
}

const CONSUL_ADDRESS = /\b([a-z0-9][a-z0-9-]*)\.service(?:\.[a-z0-9-]+)?\.consul\b(?::(\d+))?/g;

/**
 * Rewrites `name.service.consul[:port]` in env values and arguments to the Kubernetes Service
 * of a job in the same run, when the mapping is certain (one such service; the port, if given,
 * is one it exposes). The manual step for a rewritten value becomes an info line.
 */
export function rewriteConsulAddresses(plan: ModulePlan, job: string, directory: Map<string, DirectoryEntry>, diags: Diagnostics): void {
  if (directory.size === 0) return;
  const rewrite = (text: string, path: string): string => {
    let changedAll = true;
    let changed = false;
    const used: DirectoryEntry[] = [];
    const out = text.replace(CONSUL_ADDRESS, (all, name: string, port?: string) => {
      const entry = directory.get(name);
      const servicePort = port === undefined ? undefined : entry?.hostPorts[port];
      // Without a port in the address the app dials a port set elsewhere: certain only when
      // the Service kept Nomad's port numbers.
      const samePorts = !!entry && Object.entries(entry.hostPorts).every(([from, to]) => Number(from) === to);
      if (!entry || (port !== undefined && servicePort === undefined) || (port === undefined && !samePorts)) {
        changedAll = false;
        if (entry) hint(path, `in this run it is ${entry.host}, ports ${Object.entries(entry.hostPorts).map(([from, to]) => `${to} (was ${from})`).join(", ") || "none"}`);
        return all;
      }
      changed = true;
      used.push(entry);
      const host = hostFor(entry, plan);
      return port === undefined ? host : `${host}:${servicePort}`;
    });
    if (changed) {
      if (changedAll) {
        const i = diags.items.findIndex((d) => d.code === "N2K-CONSUL-001" && d.path === path);
        if (i >= 0) diags.items.splice(i, 1);
      }
      diags.info("N2K-CONSUL-002", `Consul address rewritten to the Kubernetes Service of a job in this run (${namespaceNote(used, plan)})`, { path });
    }
    return out;
  };
  const hint = (path: string, text: string) => {
    const d = diags.items.find((x) => x.code === "N2K-CONSUL-001" && x.path === path);
    if (d) d.hint = text;
  };
  const value = (v: HclVal, path: string): HclVal => (typeof v === "string" ? rewrite(v, path) : v);
  for (const w of plan.workloads) forEachValue(w, job, value);
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
