// exec, raw_exec and java tasks outside bridge mode ran in the node's network namespace: they
// could listen on 127.0.0.1 and still be reached by the node's other processes, and they dialled
// the node's own Consul, Nomad and Vault agents on loopback. In a pod, loopback is the pod's.
import type { Diagnostics } from "../../diagnostics.js";
import type { Group, Task } from "../../nomad/model.js";
import { PROCESS_DRIVERS } from "../../nomad/normalize-task.js";
import type { ServicePlan, Workload } from "../model.js";
import { rewriteEnv, rewriteFlags, targetNumbers } from "../network/sidecar-binds.js";

// The HashiCorp agents every Nomad client ran, on their default ports.
export const AGENTS: Record<string, string> = { "8500": "Consul", "8501": "Consul", "4646": "Nomad", "8200": "Vault" };
const AGENT_ADDRESS = /(?<![\w.-])(?:[a-z]+:\/\/)?(?:127\.0\.0\.1|localhost):(8500|8501|4646|8200)\b/g;

const onHostNetwork = (group: Group, task: Task | undefined) => !!task && PROCESS_DRIVERS.has(task.driver) && (!group.networkMode || group.networkMode === "host");

/**
 * Process-driver tasks of a group on the node's network: a listen address on loopback for a
 * port the Service targets becomes 0.0.0.0 (N2K-DRIVER-009); a node agent dialled on loopback
 * is a blocking step (N2K-DRIVER-010).
 */
export function hostLoopback(group: Group, workloads: Workload[], servicePorts: ServicePlan["ports"], job: string, diags: Diagnostics): void {
  const tasks = group.tasks.filter((t) => onHostNetwork(group, t));
  if (!tasks.length) return;
  // The group's own ports count too: the node's other processes reached them on the node.
  const ports = new Set([...targetNumbers(servicePorts, workloads), ...group.ports.map((p) => (p.to && p.to > 0 ? p.to : p.static)).filter((n): n is number => !!n)]);
  const ours = (port: string | undefined) => port === undefined || ports.has(Number(port));
  const changed = (path: string, from: string, to: string) =>
    diags.warn("N2K-DRIVER-009", `the task listened on loopback in the node's network (no network namespace on Nomad); the Service and probes reach the pod's address, so ${from} becomes ${to}`, { path });
  for (const w of workloads) {
    for (const c of [...w.pod.initContainers, ...w.pod.containers]) {
      if (!c.task || !tasks.some((t) => t.name === c.task)) continue;
      const base = `job.${job}.group.${w.group}.task.${c.task}`;
      rewriteEnv(c, base, ours, changed);
      for (const field of ["args", "command"] as const) rewriteFlags(c, field, `${base}.config.${field === "args" ? "args" : "entrypoint"}`, ours, changed);
    }
  }
  for (const t of tasks) reportNodeAgents(t, diags);
}

function reportNodeAgents(task: Task, diags: Diagnostics): void {
  const texts = [task.config.command ?? "", ...(task.config.args ?? []), ...Object.values(task.env), ...task.templates.map((t) => t.data ?? "")];
  const found = new Map<string, string>();
  for (const text of texts) for (const m of text.matchAll(AGENT_ADDRESS)) found.set(m[0], AGENTS[m[1]]);
  // fabio's Consul registry defaults to localhost:8500.
  const fabio = /(?:^|\/)fabio[^/]*$/.test(task.config.command ?? "") || task.substitute?.summary.includes("(fabio)");
  if (fabio && !texts.some((s) => /registry\.consul\.addr|FABIO_registry_consul_addr/i.test(s)) && !found.size) found.set("localhost:8500 (fabio's default registry.consul.addr)", "Consul");
  for (const [address, agent] of found) {
    diags.manual("N2K-DRIVER-010", `task "${task.name}" (${task.driver}) dials ${address}, the ${agent} agent of the Nomad node it ran on: in a pod, loopback is the pod's own and no ${agent} agent listens there`, {
      path: `${task.path}.config`,
      blocking: true,
      hint: `point it at ${agent === "Nomad" ? "the Nomad servers (or drop what it drives there: the jobs now run on Kubernetes)" : `the ${agent} servers' address as reachable from the cluster (or a ${agent} agent DaemonSet with its hostPort, dialled at status.hostIP)`}`,
    });
  }
}
