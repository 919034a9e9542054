import type { Diagnostics } from "../../diagnostics.js";
import type { Group, NomadJob, Task } from "../../nomad/model.js";
import type { ServicePlan } from "../model.js";
import type { Protocols } from "./protocols.js";
import type { Route } from "./route-model.js";
import { planServicePorts, targetOf } from "./service-ports.js";

export interface GroupService {
  ports: ServicePlan["ports"];
  /** Consul names the group registered (Nomad's defaults when unnamed). */
  consulNames: string[];
  /** Consul name → the Service port its Nomad service port now answers on. */
  consulPorts: Record<string, number>;
  /** Host port numbers other jobs dialled → the Service port that now answers them. */
  hostPorts: Record<string, number>;
  /** Each route's backend: the Service port. */
  routePorts: Map<Route, number>;
}

/** The Kubernetes Service side of one group: its ports and how other jobs reached it on Nomad. */
export function planGroupService(job: NomadJob, group: Group, tasks: Task[], mainTask: Task | undefined, ports: Map<string, number>, routes: Route[], diags: Diagnostics, protocols?: Map<string, Protocols>, inputs?: Map<string, string>): GroupService {
  const sp = planServicePorts(tasks, mainTask, group, ports, routes, diags, protocols, inputs);
  const named = [
    ...group.services.map((s) => ({ s, name: s.name ?? `${job.name}-${group.name}` })),
    ...tasks.flatMap((t) => t.services.map((s) => ({ s, name: s.name ?? `${job.name}-${group.name}-${t.name}` }))),
  ];
  const consulNames = named.map((n) => n.name);
  const consulPorts: Record<string, number> = {};
  for (const { s, name } of named) {
    const target = s.port === undefined ? undefined : targetOf(s.port, ports);
    const port = target === undefined ? undefined : sp.byTarget.get(target);
    if (port !== undefined && !(name in consulPorts)) consulPorts[name] = port;
  }
  const hostPorts: Record<string, number> = {};
  for (const p of group.ports) {
    const target = ports.get(p.label);
    const port = target === undefined ? undefined : sp.byTarget.get(target);
    if (port !== undefined) for (const hp of [p.static, p.to].filter((n): n is number => !!n && n > 0)) hostPorts[String(hp)] = port;
  }
  // A numeric service port (Connect layout) is the number the service registered.
  for (const { s } of named) {
    const port = s.port && /^\d+$/.test(s.port) ? sp.byTarget.get(Number(s.port)) : undefined;
    if (port !== undefined && !(s.port! in hostPorts)) hostPorts[s.port!] = port;
  }
  const routePorts = new Map<Route, number>();
  for (const [r, target] of sp.routeTargets) routePorts.set(r, sp.byTarget.get(target)!);
  return { ports: sp.ports, consulNames, consulPorts, hostPorts, routePorts };
}
