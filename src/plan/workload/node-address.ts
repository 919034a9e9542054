// On Nomad, a docker task reached the node it ran on at Docker's bridge gateway (172.17.0.1) or
// at host.docker.internal: where node agents listened (Nomad, Consul, a log or metrics relay).
// A Kubernetes node may have no docker0 bridge at all; the downward API's status.hostIP is the node.
import type { Diagnostics } from "../../diagnostics.js";
import type { Task } from "../../nomad/model.js";
import { AGENTS } from "../drivers/host-loopback.js";

const NODE_ADDRESS = /(?<![\w.-])(?:172\.17\.0\.1|host\.docker\.internal)(?![\w-]|\.\w)(?::(\d{1,5}))?/g;
// The runtime fact interpolation turns into $(HOST_IP) from status.hostIP.
const NODE_IP = "${attr.unique.network.ip-address}";

/**
 * The task with the node's Docker-bridge addresses in its env, command and args written as the
 * node's IP (Kubernetes expands them from status.hostIP); the same address in a template, which
 * Kubernetes does not expand, is a blocking step. A Nomad agent dialled there is blocking too:
 * the migration removes it.
 */
export function nodeAddresses(task: Task, diags: Diagnostics): Task {
  const found = new Map<string, string>();
  const rewrite = (text: string, where: string): string =>
    text.replace(NODE_ADDRESS, (all, port: string | undefined) => {
      if (!found.has(all)) found.set(all, where);
      return port ? `${NODE_IP}:${port}` : NODE_IP;
    });
  const env = Object.fromEntries(Object.entries(task.env).map(([k, v]) => [k, rewrite(v, `env ${k}`)]));
  const config = { ...task.config };
  if (config.command) config.command = rewrite(config.command, "command");
  if (config.args) config.args = config.args.map((a) => rewrite(a, "args"));
  if (config.entrypoint) config.entrypoint = config.entrypoint.map((a) => rewrite(a, "entrypoint"));
  for (const [address, where] of found) {
    const agent = AGENTS[address.split(":")[1] ?? ""];
    if (agent === "Nomad") {
      diags.manual("N2K-NET-006", `task "${task.name}" dials ${address} (${where}), the Nomad agent of the node it ran on: it becomes the node's IP (status.hostIP), where no Nomad agent runs once the jobs run on Kubernetes`, {
        path: `${task.path}.${where.startsWith("env") ? `env.${where.slice(4)}` : `config.${where}`}`,
        blocking: true,
        hint: "point it at the Nomad servers if it still drives Nomad, or drop what it did there",
      });
      continue;
    }
    diags.warn("N2K-NET-006", `${address} in ${where} of task "${task.name}" was the Nomad node seen from its Docker bridge; it becomes the node's IP (status.hostIP)${agent ? `: the ${agent} agent must listen on the node's address on every node` : ": whatever listened there on the Nomad node must listen on the Kubernetes node's address"}`, {
      path: `${task.path}.${where.startsWith("env") ? `env.${where.slice(4)}` : `config.${where}`}`,
      hint: "a listen address becomes the node's address; on a pod without host_network the app cannot bind it: make it 0.0.0.0",
    });
  }
  for (const t of task.templates) {
    const hit = t.data?.match(NODE_ADDRESS)?.[0];
    if (!hit) continue;
    diags.manual("N2K-NET-006", `template ${t.destination} of task "${task.name}" names ${hit}, the Nomad node seen from its Docker bridge: Kubernetes nodes may have no docker0 bridge, and a rendered file cannot take the node's IP`, {
      path: t.path,
      ...(t.line ? { line: t.line } : {}),
      blocking: true,
      hint: "replace it with the address of what listened there (a Service, or the node agent's address), or render the file at start from an env var set from status.hostIP",
    });
  }
  return found.size ? { ...task, env, config } : task;
}
