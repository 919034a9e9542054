import type { Diagnostics } from "../../diagnostics.js";
import type { Group, NomadJob, Task } from "../../nomad/model.js";
import type { ServicePlan } from "../model.js";
import { planServicePorts } from "./service-ports.js";

export interface GroupService {
  ports: ServicePlan["ports"];
  /** Consul names the group registered (Nomad's defaults when unnamed). */
  consulNames: string[];
  /** Host port numbers other jobs dialled → the Service port that now answers them. */
  hostPorts: Record<string, number>;
}

/** The Kubernetes Service side of one group: its ports and how other jobs reached it on Nomad. */
export function planGroupService(job: NomadJob, group: Group, tasks: Task[], mainTask: Task | undefined, ports: Map<string, number>, diags: Diagnostics): GroupService {
  const servicePorts = planServicePorts(tasks, mainTask, group, ports, diags);
  const consulNames = [
    ...group.services.map((s) => s.name ?? `${job.name}-${group.name}`),
    ...tasks.flatMap((t) => t.services.map((s) => s.name ?? `${job.name}-${group.name}-${t.name}`)),
  ];
  const hostPorts: Record<string, number> = {};
  for (const p of group.ports) {
    const target = ports.get(p.label);
    const svc = servicePorts.find((sp) => sp.targetPort === target);
    if (svc) for (const hp of [p.static, p.to].filter((n): n is number => !!n && n > 0)) hostPorts[String(hp)] = svc.port;
  }
  return { ports: servicePorts, consulNames, hostPorts };
}
