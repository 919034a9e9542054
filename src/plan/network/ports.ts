import type { Diagnostics } from "../../diagnostics.js";
import type { Group } from "../../nomad/model.js";
import { envLabel } from "../interpolate.js";

export interface GroupPorts {
  /** Port label → container port number (for an input, a stand-in unique in the group). */
  numbers: Map<string, number>;
  /**
   * Port label → the required module input that gives the port the app listens on, where
   * nothing in the job tells it, and a Service or check uses it.
   */
  inputs: Map<string, string>;
}

/**
 * Port label → container port. `to` wins, then a static port; a dynamic port with neither
 * gets a fixed number, and `${NOMAD_PORT_x}` resolves to that same number; one the app never
 * learns from Nomad gets the number its env, args or env templates name, else a required
 * module input (`inputFor`) when a service or check uses it; an unused one is dropped. Ports the Connect sidecar listened on go with the mesh; an expose
 * listener becomes the app port it exposed.
 */
export function portsOf(group: Group, diags: Diagnostics, inputFor: (label: string, users: string) => string): GroupPorts {
  const out = new Map<string, number>();
  const inputs = new Map<string, string>();
  const sidecar = connectPorts(group, diags);
  let next = 8080;
  const kept = group.ports.filter((p) => !sidecar.has(p.label));
  const fixed = (p: Group["ports"][number]) => (valid(p.to) ? p.to : valid(p.static) ? p.static : undefined);
  const taken = new Set(kept.map(fixed).filter((n): n is number => n !== undefined));
  const tasks = JSON.stringify(group.tasks);
  const toldByNomad = (label: string) => new RegExp(`NOMAD_(?:HOST_|ALLOC_)?(?:PORT|ADDR)_${envLabel(label).replace(/\./g, "\\.")}(?![A-Za-z0-9_.])`).test(tasks);
  const untold = kept.filter((p) => fixed(p) === undefined && !toldByNomad(p.label)).length;
  for (const p of group.ports) {
    const local = sidecar.get(p.label);
    if (local !== undefined) {
      if (local !== null) out.set(p.label, local);
      continue;
    }
    const n = fixed(p);
    if (n !== undefined) {
      out.set(p.label, n);
      continue;
    }
    const path = `${group.path}.network.port.${p.label}`;
    const env = envLabel(p.label);
    const told = toldByNomad(p.label);
    const heard = told ? undefined : listenedOn(group, p.label, untold, taken);
    if (heard) {
      taken.add(heard.port);
      out.set(p.label, heard.port);
      diags.warn("N2K-PORT-001", `port "${p.label}" is dynamic in Nomad; fixed to ${heard.port}, the port the task listens on (${heard.from})`, { path, hint: "check the app listens on this port" });
      continue;
    }
    const users = told ? [] : usersOf(group, p.label);
    if (!told && !users.length) {
      diags.warn("N2K-PORT-009", `port "${p.label}" is dynamic in Nomad and nothing in the job uses it (no service, check, NOMAD_PORT_${env}, or port in env, args or templates): dropped, no container port`, {
        path,
        hint: "if the app listens on it, give the port a `to` (or `static`) number in the job and convert again",
      });
      continue;
    }
    while (taken.has(next)) next++;
    taken.add(next);
    out.set(p.label, next);
    if (told) diags.warn("N2K-PORT-001", `port "${p.label}" is dynamic in Nomad; fixed to ${next} (NOMAD_PORT_${env} resolves to it)`, { path, hint: "make sure the app listens on this port" });
    else {
      const uses = ["container_port", ...users].join(" and ");
      const name = inputFor(p.label, uses);
      inputs.set(p.label, name);
      diags.manual("N2K-PORT-008", `port "${p.label}" is dynamic in Nomad and nothing in the job tells the app its number (no NOMAD_PORT_${env}, no port in its env, args or env templates): set variable "${name}" (required, no default) to the port the app listens on; ${uses} use it${users.some((u) => u.startsWith("the Service")) ? ` (the Service answers on ${next})` : ""}`, {
        path,
        blocking: true,
        hint: `give it with -var ${name}=… (or a tfvars file) before terraform apply, or give the port a \`to\` (or \`static\`) number in the job and convert again`,
      });
    }
  }
  return { numbers: out, inputs };
}

/** What in the group uses a port label by name: its Services and the probes of its checks. */
function usersOf(group: Group, label: string): string[] {
  const services = [...group.services, ...group.tasks.flatMap((t) => t.services)];
  const named = services.filter((s) => s.port === label);
  const checks = services.flatMap((s) => s.checks.filter((c) => (c.port ?? s.port) === label && c.type !== "script"));
  // A service tag (a router rule) naming the port's env var also sends traffic to it.
  const tagged = services.some((s) => s.port !== label && JSON.stringify(s.tags).includes(`NOMAD_PORT_${envLabel(label)}`));
  const names = named.map((s) => `"${s.name ?? label}"`);
  return [
    ...(named.length || tagged ? [`the Service target_port${names.length ? ` (service${names.length > 1 ? "s" : ""} ${names.join(", ")})` : ""}`] : []),
    ...(checks.length ? [`the probe${checks.length > 1 ? "s" : ""} of ${checks.length > 1 ? `${checks.length} checks` : "its check"}`] : []),
  ];
}

const valid = (n: number | undefined): n is number => n !== undefined && n > 0 && n <= 65535;

/**
 * The port number the tasks exposing a label say they listen on: an env var (in `env` or an
 * env template) or argument named like a port (`ADMIN_PORT = "7001"`, `--metrics-port=9102`,
 * `--listen :3000`), the one naming the label, or the only one when this is the group's only
 * such port. None when unsure.
 */
function listenedOn(group: Group, label: string, untold: number, taken: Set<number>): { port: number; from: string } | undefined {
  const listing = group.tasks.filter((t) => t.config.ports.includes(label));
  const found: { port: number; name: string; from: string }[] = [];
  for (const t of listing.length ? listing : group.tasks) {
    for (const [k, v] of [...Object.entries(t.env), ...templateEnv(t)]) if (/PORT/i.test(k) && /^\d+$/.test(v.trim())) found.push({ port: Number(v), name: k, from: `env ${k}=${v.trim()}` });
    const args = [...(t.config.entrypoint ?? []), ...(t.config.command ? [t.config.command] : []), ...(t.config.args ?? [])].join(" ");
    for (const m of args.matchAll(/--?([\w.-]*port)[= ](\d+)\b|(?:^|\s|--?([\w.-]*)[= ])(?:0\.0\.0\.0|\[::\]|localhost|127\.0\.0\.1)?:(\d{2,5})(?![\d.:])/gi)) {
      found.push({ port: Number(m[2] ?? m[4]), name: m[1] ?? m[3] ?? "", from: `argument ${m[0].trim()}` });
    }
  }
  const fresh = found.filter((f) => valid(f.port) && !taken.has(f.port));
  const squash = (x: string) => x.toLowerCase().replace(/[^a-z0-9]/g, "");
  const named = fresh.filter((f) => squash(f.name).includes(squash(label)));
  const pick = new Set(named.map((f) => f.port)).size === 1 ? named[0] : untold === 1 && new Set(fresh.map((f) => f.port)).size === 1 ? fresh[0] : undefined;
  return pick && { port: pick.port, from: pick.from };
}

/** `NAME=value` lines of the task's env templates (`env = true`), quotes taken off; Go template actions are left alone. */
function templateEnv(t: Group["tasks"][number]): [string, string][] {
  const out: [string, string][] = [];
  for (const tpl of t.templates) {
    if (!tpl.env || !tpl.data) continue;
    for (const m of tpl.data.matchAll(/^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(["']?)(\d+)\2\s*$/gm)) out.push([m[1], m[3]]);
  }
  return out;
}

/**
 * Group port labels the Connect sidecar (Envoy) listened on → the app's local port an expose
 * listener forwarded to, or null (Envoy's own metrics port).
 */
function connectPorts(group: Group, diags: Diagnostics): Map<string, number | null> {
  const services = [...group.services, ...group.tasks.flatMap((t) => t.services)];
  const own = new Set([...services.map((s) => s.port), ...group.tasks.flatMap((t) => t.config.ports)].filter((l): l is string => !!l));
  const out = new Map<string, number | null>();
  for (const s of services) {
    for (const [label, local] of Object.entries(s.connectPorts ?? {})) {
      const port = group.ports.find((p) => p.label === label);
      // Envoy's own port is the app's too when a service or task names it; an expose listener
      // stands for the app port it forwarded to whoever dialled it.
      if (!port || out.has(label) || (own.has(label) && (local === null || typeof local === "string"))) continue;
      let to: number | null = null;
      if (typeof local === "number") to = local;
      else if (typeof local === "string") {
        // An `expose = true` check: Nomad's listener forwards to the service port. A listener
        // the job gave a fixed number is read as a port the app serves itself.
        if ((port.to && port.to > 0) || port.static) continue;
        const svc = group.ports.find((p) => p.label === local);
        to = /^\d+$/.test(local) ? Number(local) : svc ? (svc.to && svc.to > 0 ? svc.to : (svc.static ?? null)) : null;
      }
      out.set(label, to);
      const at = { path: `${group.path}.network.port.${label}` };
      if (to === null) diags.info("N2K-CONNECT-004", `port "${label}" was the Connect sidecar's (Envoy) own listener; dropped with the mesh`, at);
      else diags.changed("N2K-CONNECT-004", `port "${label}" was a Connect expose listener forwarding to the app's port ${to}: it stands for that port (Service, probes)`, at);
    }
  }
  return out;
}
