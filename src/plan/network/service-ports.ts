import type { Diagnostics } from "../../diagnostics.js";
import type { Group, Service, Task } from "../../nomad/model.js";
import { portNumber } from "../interpolate.js";
import { servicesOf } from "../workload/containers.js";
import type { ServicePlan } from "../model.js";
import { portName, uniqueName } from "../names.js";
import { protocolsOf, type Protocols } from "./protocols.js";
import type { Route } from "./route-model.js";

export interface ServicePorts {
  ports: ServicePlan["ports"];
  /** Container port → the Service port that answers for it. */
  byTarget: Map<number, number>;
  /** The container port each route's backend is (routes without one are left out). */
  routeTargets: Map<Route, number>;
}

/** The container port a Nomad service port (label or number) stands for. */
export function targetOf(port: string, ports: Map<string, number>): number | undefined {
  return /^\d+$/.test(port) ? Number(port) : portNumber(port, ports);
}

/** A port number a router names: a group port's host or mapped number, else the number itself. */
function routerTarget(n: number, group: Group, ports: Map<string, number>): number {
  const p = group.ports.find((x) => x.static === n || x.to === n);
  return (p && ports.get(p.label)) ?? n;
}

/**
 * The Service ports of a workload: every port of its Nomad services (and any a router names),
 * each named. A port keeps the number clients dialled on Nomad (the static host port, else the
 * port the app listens on); only the port an Ingress routes listens on 80, as in the contract's
 * HTTP pattern. A lone port needs no name, as the contract writes it.
 */
export function planServicePorts(tasks: Task[], mainTask: Task | undefined, group: Group, ports: Map<string, number>, routes: Route[], diags: Diagnostics, protocols?: Map<string, Protocols>, inputs?: Map<string, string>): ServicePorts {
  // One entry per container port; the label each protocol is named after.
  const found: { label: string; target: number; dialled: number; input?: string; tcp?: string; udp?: string }[] = [];
  const add = (label: string, target: number) => {
    const proto = protocolsOf(label, protocols);
    let entry = found.find((p) => p.target === target);
    if (!entry) found.push((entry = { label, target, dialled: group.ports.find((p) => p.label === label)?.static || target, input: inputs?.get(label) }));
    if (proto.tcp) entry.tcp ??= label;
    if (proto.udp) entry.udp ??= label;
  };
  const seen = new Set<Service>();
  for (const t of tasks) {
    for (const s of servicesOf(t, group, t === mainTask, tasks)) {
      if (!s.port || seen.has(s)) continue;
      seen.add(s);
      const target = targetOf(s.port, ports);
      if (target === undefined) {
        diags.error("N2K-PORT-002", `service port "${s.port}" is not defined in the group's network`, { path: s.path });
        continue;
      }
      add(s.port, target);
    }
  }
  const routeTargets = new Map<Route, number>();
  for (const r of routes) {
    const target = r.portLabel !== undefined ? ports.get(r.portLabel) : r.port !== undefined ? routerTarget(r.port, group, ports) : r.service.port !== undefined ? targetOf(r.service.port, ports) : undefined;
    if (target === undefined) continue;
    routeTargets.set(r, target);
    add(group.ports.find((p) => ports.get(p.label) === target)?.label ?? String(target), target);
  }
  const byTarget = new Map<number, number>();
  if (found.length === 0) return { ports: [], byTarget, routeTargets };
  const routed = new Set(routeTargets.values());
  const primary = found.find((p) => routed.has(p.target));
  // A port clients dialled as 80 keeps it; the routed one then keeps its own number.
  const web = primary && !found.some((p) => p !== primary && p.dialled === 80) ? 80 : primary?.dialled;
  const taken = new Set<number>();
  const numbered = [...(primary ? [primary] : []), ...found.filter((p) => p !== primary)].map((p) => {
    let port = p === primary ? web! : p.dialled;
    // Moved aside by 8000 (8080 for 80), wrapping below the port range's end.
    while (p !== primary && taken.has(port)) port = port + 8000 > 65535 ? (port % 8000) + 1024 : port + 8000;
    taken.add(port);
    byTarget.set(p.target, port);
    return { ...p, port };
  });
  // A UDP twin answers on the same Service port number as its TCP side, under a name of its own.
  // The stand-in number of a port the operator gives stays the Service port clients dial.
  const target = (p: (typeof numbered)[number]) => ({ targetPort: p.target, ...(p.input ? { targetInput: p.input } : {}) });
  const out: ({ label: string; port: number; protocol?: string } & ReturnType<typeof target>)[] = numbered.flatMap((p) => [
    ...(p.tcp !== undefined ? [{ label: p.tcp, port: p.port, ...target(p) }] : []),
    ...(p.udp !== undefined ? [{ label: p.tcp === p.udp ? `${p.udp}-udp` : p.udp, port: p.port, ...target(p), protocol: "UDP" }] : []),
  ]);
  const names = new Set<string>();
  // A lone port needs no name, as the contract writes it.
  return { ports: out.map(({ label, ...p }) => (out.length === 1 ? p : { name: uniqueName(portName(label), names), ...p })), byTarget, routeTargets };
}
