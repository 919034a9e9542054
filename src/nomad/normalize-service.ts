import { NOT_CARRIED } from "./not-carried.js";
import type { Reader } from "./reader.js";
import type { Check, Constraint, Service } from "./model.js";
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
