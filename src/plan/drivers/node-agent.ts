import type { Task, TaskConfig } from "../../nomad/model.js";
import type { FormContext } from "./form.js";
import type { KnownBinary } from "./known-binaries.js";

/**
 * A node agent (node_exporter, cadvisor, promtail) that raw_exec ran on every node of a system
 * job saw the node: its network, processes and files. Its DaemonSet pod gets them as the upstream
 * charts give them — the node's network (and PID namespace), its paths mounted read-only, the
 * flags that point the program there. Elsewhere (exec's chroot, a service job) it is only a hint.
 */
export function nodeAgentConfig(task: Task, known: KnownBinary, args: string[], ctx: FormContext): { config: Partial<TaskConfig>; what: string } | undefined {
  const agent = known.nodeAgent;
  if (!agent || task.driver !== "raw_exec" || ctx.job.type !== "system") return undefined;
  const flags = agent.flags ?? {};
  const kept: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const flag = Object.keys(flags).find((f) => args[i] === f || args[i].startsWith(`${f}=`));
    if (!flag) kept.push(args[i]);
    else if (args[i] === flag) i++;
  }
  const added = Object.entries(flags).map(([f, v]) => `${f}=${v}`);
  const mounts = agent.mounts.map((m) => m.split(":").slice(0, 2).join(" at "));
  const what = `a node agent, so the DaemonSet pod runs on the node's network${agent.hostPid ? " and PID namespace" : ""}${agent.privileged ? ", privileged," : ""} with the node's ${mounts.join(", ")} (read-only)${added.length ? ` and ${added.join(" ")}` : ""}, as raw_exec let it see them${agent.caveat ? `; ${agent.caveat}` : ""}`;
  return {
    config: {
      args: [...kept, ...added],
      volumes: [...task.config.volumes, ...agent.mounts],
      networkMode: "host",
      ...(agent.hostPid ? { pidMode: "host" } : {}),
      ...(agent.privileged ? { privileged: true } : {}),
    },
    what,
  };
}
