import type { Diagnostics } from "../../diagnostics.js";
import type { Group, Task } from "../../nomad/model.js";
import { servicesOf } from "../workload/containers.js";
import type { ServicePlan } from "../model.js";
import { portName } from "../names.js";

/**
 * The Service ports of a workload: the routed (else the first) Nomad service port is port 80,
 * as in the contract; any other keeps its own number. One port needs no name.
 */
export function planServicePorts(tasks: Task[], mainTask: Task | undefined, group: Group, ports: Map<string, number>, diags: Diagnostics): ServicePlan["ports"] {
  const found: { name: string; target: number; routed: boolean }[] = [];
  for (const t of tasks) {
    for (const s of servicesOf(t, group, t === mainTask)) {
      if (!s.port) continue;
      const target = /^\d+$/.test(s.port) ? Number(s.port) : ports.get(s.port);
      if (target === undefined) {
        diags.error("N2K-PORT-002", `service port "${s.port}" is not defined in the group's network`, { path: s.path });
        continue;
      }
      if (found.some((p) => p.target === target)) continue;
      found.push({ name: portName(s.port), target, routed: s.tags.some((tag) => /^traefik\.http\.routers\..+\.rule=/.test(tag)) });
    }
  }
  if (found.length === 0) return [];
  const primary = found.find((p) => p.routed) ?? found[0];
  const routedPorts = found.filter((p) => p.routed);
  if (routedPorts.length > 1) {
    diags.warn("N2K-INGRESS-006", `routers target several ports (${routedPorts.map((p) => p.target).join(", ")}); the Ingress sends every host to port ${primary.target}`, { path: group.path, hint: "split the Ingress by hand" });
  }
  if (found.length === 1) return [{ port: 80, targetPort: primary.target }];
  const taken = new Set([80]);
  return [primary, ...found.filter((p) => p !== primary)].map((p) => {
    let port = p === primary ? 80 : p.target;
    while (p !== primary && taken.has(port)) port += 8000;
    taken.add(port);
    return { name: p.name, port, targetPort: p.target };
  });
}
