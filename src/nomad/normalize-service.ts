import { NOT_CARRIED } from "./not-carried.js";
import type { Reader } from "./reader.js";
import type { Check, CheckRestart, Constraint, Service, Upstream } from "./model.js";
import { bool, duration, int, str, strList } from "./fields.js";

export function readServices(parent: Reader): Service[] {
  return parent.blocks("service").map((r) => {
    const restart = readCheckRestart(r);
    const s: Service = {
      name: r.get("name", str),
      port: portLabel(r.get("port", str)),
      tags: r.get("tags", strList) ?? [],
      checks: r.blocks("check").map((c) => readCheck(c, restart)),
      path: r.path,
    };
    const task = r.get("task", str);
    if (task) s.task = task;
    const upstreams = readUpstreams(r);
    if (upstreams.length) s.upstreams = upstreams;
    // The Envoy sidecar forwarded to the app on localhost, so an app bound to 127.0.0.1 worked.
    if (/"(sidecar_service|SidecarService)"/.test(JSON.stringify(r.raw.connect ?? null))) s.sidecar = true;
    const connectPorts = readConnectPorts(r.raw, s.port);
    if (Object.keys(connectPorts).length) s.connectPorts = connectPorts;
    r.notCarried(NOT_CARRIED.SERVICE);
    r.finish();
    return s;
  });
}

function readCheck(r: Reader, serviceRestart: CheckRestart | undefined): Check {
  const c: Check = {
    type: r.get("type", str) ?? "http",
    name: r.get("name", str),
    path: r.get("path", str),
    interval: r.get("interval", str),
    timeout: r.get("timeout", str),
    port: portLabel(r.get("port", str)),
    command: r.get("command", str),
    args: r.get("args", strList),
    grpcService: r.get("grpc_service", str),
    grpcUseTls: r.get("grpc_use_tls", bool),
    protocol: r.get("protocol", str),
    method: r.get("method", str),
    headers: readHeaders(r),
    body: r.get("body", str),
    tlsSkipVerify: r.get("tls_skip_verify", bool),
    tlsServerName: r.get("tls_server_name", str),
    task: r.get("task", str),
    successBeforePassing: r.get("success_before_passing", int),
    failuresBeforeCritical: r.get("failures_before_critical", int),
    restart: readCheckRestart(r) ?? serviceRestart,
  };
  r.notCarried(NOT_CARRIED.CHECK);
  r.finish();
  return c;
}

/** `header { Name = ["v1", "v2"] }`: each name with its values. */
function readHeaders(r: Reader): Record<string, string[]> | undefined {
  const blocks = r.blocks("header");
  if (!blocks.length) return undefined;
  const out: Record<string, string[]> = {};
  for (const h of blocks) {
    for (const name of h.keys()) {
      const v = h.get(name, strList.or(str.transform((x) => [x])));
      if (v) out[name] = [...(out[name] ?? []), ...v];
    }
    h.finish();
  }
  return out;
}

function readCheckRestart(r: Reader): CheckRestart | undefined {
  const b = r.blocks("check_restart")[0];
  if (!b) return undefined;
  const restart = { limit: b.get("limit", int), grace: b.get("grace", duration) };
  b.ignore("ignore_warnings", "Kubernetes probes have no warning state");
  b.finish();
  return restart;
}

// Nomad's constraint shorthands: `distinct_hosts = true`, `regexp = "…"` and friends set the
// operator; distinct_property names the attribute, the others give the value.
const SHORTHAND_OPERATORS = ["distinct_hosts", "distinct_property", "regexp", "version", "semver", "set_contains", "set_contains_any", "set_contains_all"];

export function readConstraints(parent: Reader): Constraint[] {
  return parent.blocks("constraint").map((r) => {
    const c: Constraint = { attribute: r.get("attribute", str), operator: r.get("operator", str), value: r.get("value", str), path: r.path };
    for (const op of SHORTHAND_OPERATORS) {
      const v = r.get(op, str);
      if (v === undefined) continue;
      c.operator = op;
      if (op === "distinct_property") c.attribute = v;
      else c.value = v;
    }
    r.finish();
    return c;
  });
}

/**
 * Consul Connect upstreams are how a task reaches other services (on localhost ports); the
 * mesh goes away, so each one becomes a manual step naming the service and the local port.
 */
function readUpstreams(r: Reader): Upstream[] {
  const found: Upstream[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") {
      const o = v as Record<string, unknown>;
      if (typeof o.destination_name === "string") {
        const port = Number(o.local_bind_port);
        found.push({ name: o.destination_name, ...(Number.isInteger(port) && port > 0 ? { localBindPort: port } : {}) });
      }
      Object.values(o).forEach(walk);
    }
  };
  walk(r.raw.connect);
  // One step per upstream (the plan keeps one per upstream and job, whatever the groups).
  for (const u of found) {
    r.manual("N2K-CONNECT-001", `Consul Connect upstream ${u.name} (localhost:${u.localBindPort ?? "?"}) is gone with the mesh`, "connect", `point the app at ${u.name}'s Kubernetes Service DNS name instead of localhost`);
  }
  return found;
}

const PORT_REF = /\$\{\s*NOMAD_(?:HOST_)?PORT_([A-Za-z0-9_-]+)\s*\}/g;

/**
 * The ports the Connect sidecar listened on (they go with the mesh): labels interpolated in the
 * `connect` block or in an `envoy*` service meta value, `expose` listeners (→ the app's local
 * port), and the port of an `expose = true` check (→ the service port).
 */
function readConnectPorts(raw: Record<string, unknown>, servicePort: string | undefined): Record<string, number | string | null> {
  const out: Record<string, number | string | null> = {};
  if (raw.connect === undefined) return out;
  const refs = (v: unknown) => {
    for (const m of JSON.stringify(v ?? null).matchAll(PORT_REF)) if (!(m[1] in out)) out[m[1]] = null;
  };
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") {
      const o = v as Record<string, unknown>;
      if (typeof o.listener_port === "string") {
        const local = Number(o.local_path_port);
        out[o.listener_port] = Number.isInteger(local) && local > 0 ? local : null;
      }
      Object.values(o).forEach(walk);
    }
  };
  walk(raw.connect);
  refs(raw.connect);
  for (const meta of [raw.meta].flat()) {
    if (meta && typeof meta === "object") for (const [k, v] of Object.entries(meta)) if (/envoy/i.test(k)) refs(v);
  }
  for (const c of [raw.check].flat()) {
    const check = c as Record<string, unknown> | undefined;
    if (check?.expose === true && typeof check.port === "string" && check.port !== servicePort && servicePort) out[portLabel(check.port)!] = servicePort;
  }
  return out;
}

export function isDistinctHosts(c: Constraint): boolean {
  return c.operator === "distinct_hosts" && c.value !== "false";
}

/** Nomad interpolates a service port: `${NOMAD_PORT_x}` names port x as the label `x` does. */
function portLabel(port: string | undefined): string | undefined {
  const m = port && /^\$\{\s*NOMAD_(?:HOST_)?PORT_([A-Za-z0-9_-]+)\s*\}$/.exec(port);
  // A number is the port itself; 0 (or past 65535) names none.
  if (port && /^\d+$/.test(port) && !(Number(port) > 0 && Number(port) <= 65535)) return undefined;
  return m ? m[1] : port;
}
