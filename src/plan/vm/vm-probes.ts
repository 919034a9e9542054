import type { Diagnostics } from "../../diagnostics.js";
import type { Service, Task } from "../../nomad/model.js";
import type { Probe } from "../model.js";
import { chooseProbes, type CheckCandidate } from "../workload/probe-roles.js";

// KubeVirt probes a VM from its virt-launcher pod: http and tcp reach the guest through the
// masquerade ports; exec needs the guest agent and gRPC is not offered.
const VM_CHECKS = new Set(["http", "tcp"]);

/**
 * The checks of a VM's services as the VirtualMachineInstance's probes, chosen as for a container
 * (readiness from the gating check, liveness only from one with check_restart), on guest ports.
 * KubeVirt has no startup probe: a long check_restart grace delays liveness instead. Returns
 * the checks left out (script, grpc), for the not-carried report.
 */
export function vmProbes(task: Task, services: Service[], ports: Map<string, number>, diags: Diagnostics): { readiness?: Probe; liveness?: Probe; leftOut: string[] } {
  const leftOut: string[] = [];
  const candidates: CheckCandidate[] = services.flatMap((s) =>
    s.checks.flatMap((check) => {
      if (!VM_CHECKS.has(check.type.toLowerCase())) {
        leftOut.push(`${check.type} on ${s.name ?? "the service"}`);
        return [];
      }
      const label = check.port ?? s.port;
      const port = label === undefined ? undefined : /^\d+$/.test(label) ? Number(label) : ports.get(label);
      return [{ check, service: s.name, port, path: `${s.path}.check${s.checks.length > 1 ? `[${s.checks.indexOf(check)}]` : ""}` }];
    }),
  );
  const chosen = chooseProbes(candidates, diags, task, (s) => s);
  let liveness = chosen.liveness;
  if (liveness && chosen.startup) {
    // The startup probe's allowance (grace plus the failures) becomes liveness's initial delay.
    const allowance = (chosen.startup.failureThreshold ?? 3) * (chosen.startup.periodSeconds ?? 10) - (liveness.failureThreshold ?? 3) * (liveness.periodSeconds ?? 10);
    liveness = { ...liveness, initialDelaySeconds: Math.max(0, allowance) || undefined };
  }
  return { readiness: chosen.readiness, liveness, leftOut };
}
