import { NOT_CARRIED } from "./not-carried.js";
import type { Reader } from "./reader.js";
import type { Check, Constraint, Service, Upstream } from "./model.js";
import { int, str, strList } from "./fields.js";

export function readServices(parent: Reader): Service[] {
  return parent.blocks("service").map((r) => {
    const s: Service = {
      name: r.get("name", str),
      port: r.get("port", z_portish()),
      tags: r.get("tags", strList) ?? [],
      checks: r.blocks("check").map(readCheck),
      path: r.path,
    };
    const upstreams = readUpstreams(r);
    if (upstreams.length) s.upstreams = upstreams;
    r.notCarried(NOT_CARRIED.SERVICE);
    r.finish();
    return s;
  });
}

// Nomad accepts a port label or a number for service/check ports.
function z_portish() {
  return str.or(int.transform(String));
}

function readCheck(r: Reader): Check {
  const c: Check = {
    type: r.get("type", str) ?? "http",
    path: r.get("path", str),
    interval: r.get("interval", str),
    timeout: r.get("timeout", str),
    port: r.get("port", z_portish()),
    command: r.get("command", str),
    args: r.get("args", strList),
    grpcService: r.get("grpc_service", str),
  };
  r.notCarried(NOT_CARRIED.CHECK);
  r.finish();
  return c;
}

export function readConstraints(parent: Reader): Constraint[] {
  return parent.blocks("constraint").map((r) => {
    const c: Constraint = { attribute: r.get("attribute", str), operator: r.get("operator", str), value: r.get("value", str.or(int.transform(String))), path: r.path };
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
  if (found.length) {
    const list = found.map((u) => `${u.name} (localhost:${u.localBindPort ?? "?"})`).join(", ");
    r.manual("N2K-CONNECT-001", `Consul Connect upstreams ${list} are gone with the mesh`, "connect", "point the app at each service's Kubernetes Service DNS name instead of localhost");
  }
  return found;
}
