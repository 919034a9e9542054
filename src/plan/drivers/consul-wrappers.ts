import type { Diagnostics } from "../../diagnostics.js";
import type { Task } from "../../nomad/model.js";

// envconsul and consul-template flags that take their value as the next argument when written without `=`.
const VALUE_FLAGS = new Set(["prefix", "secret", "config", "consul-addr", "consul", "vault-addr", "log-level", "kill-signal", "exec-kill-signal", "exec-kill-timeout", "template", "exec", "wait", "max-stale", "consul-token", "vault-token", "pid-file", "reload-signal", "sanitize", "upcase"]);

interface Wrapper {
  tool: "envconsul" | "consul-template";
  /** What it read: KV prefixes (envconsul), templates (consul-template). */
  reads: string[];
  /** The Consul it asked. */
  consul: string;
  /** The program it ran. */
  runs?: string;
}

/**
 * envconsul and consul-template as the task's command (`envconsul -prefix=app/ -once /usr/local/bin/job.sh`):
 * the program gets its env or files from the Consul KV of the agent on the node. No agent runs
 * beside a pod, so the wrapper fails before the program starts.
 */
export function consulWrapper(command: string, args: string[], env: Record<string, string>): Wrapper | undefined {
  const tool = command.split("/").pop();
  if (tool !== "envconsul" && tool !== "consul-template") return undefined;
  const flags: [string, string][] = [];
  let runs: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const m = /^--?([\w-]+)(?:=(.*))?$/s.exec(args[i]);
    if (!m) {
      runs = args[i];
      break;
    }
    const value = m[2] ?? (VALUE_FLAGS.has(m[1]) ? args[++i] ?? "" : "");
    flags.push([m[1], value]);
  }
  const values = (name: string) => flags.filter(([f]) => f === name).map(([, v]) => v);
  const consul = values("consul-addr")[0] ?? values("consul")[0] ?? env.CONSUL_HTTP_ADDR ?? "127.0.0.1:8500, the local agent";
  if (tool === "envconsul") return { tool, reads: values("prefix").map((p) => `KV prefix ${p}`), consul, runs };
  return { tool, reads: values("template").map((t) => `template ${t.split(":")[0]}`), consul, runs: values("exec")[0] ?? runs };
}

/** A script or program on the Nomad node's own disk that a process task runs (not its task directory, not the system's). */
const NODE_PROGRAM = /^\/(?:usr\/local|opt|home|root|srv)\/(?:\S*\/)?(?:bin|sbin|scripts?|libexec)\/[^/]+$|^\/(?:usr\/local|opt|home|root|srv)\/\S*\.(?:sh|bash|py|pl|rb|js)$/;

/**
 * What a process task (exec, raw_exec) ran through envconsul or consul-template, and the node's
 * own scripts it ran: blocking, as the pod has neither the Consul agent nor the node's files.
 */
export function reportWrappedCommand(task: Task, mounted: string[], diags: Diagnostics): void {
  const command = task.config.command;
  if (!command) return;
  const args = task.config.args ?? [];
  const wrapper = consulWrapper(command, args, task.env);
  if (wrapper) {
    diags.manual("N2K-KV-004", `task "${task.name}" runs ${wrapper.runs ?? "its command"} through ${wrapper.tool}, which ${wrapper.tool === "envconsul" ? "sets its env from" : "renders its files from"} Consul${wrapper.reads.length ? ` (${wrapper.reads.join(", ")})` : ""} at ${wrapper.consul}: no Consul agent runs beside a Kubernetes pod, so ${wrapper.tool} fails before ${wrapper.runs ?? "the program"} starts`, {
      path: `${task.path}.config.args`,
      blocking: true,
      hint: `copy those keys into Kubernetes (a Secret or ConfigMap the container loads with env_from) and run ${wrapper.runs ?? "the program"} directly, or give the container CONSUL_HTTP_ADDR (and a token) of a Consul it can reach`,
    });
  }
  const programs = [...new Set(args.filter((a) => NODE_PROGRAM.test(a) && !mounted.some((d) => a === d || a.startsWith(`${d}/`))))];
  if (programs.length) {
    diags.manual("N2K-DRIVER-013", `task "${task.name}" (${task.driver}) runs ${programs.join(", ")} from the Nomad node's disk: the container's image does not have ${programs.length > 1 ? "them" : "it"}`, {
      path: `${task.path}.config.args`,
      blocking: true,
      hint: `copy ${programs.length > 1 ? "them" : "it"} from the node into the image at the same path (or mount ${programs.length > 1 ? "them" : "it"} from a ConfigMap), with what ${programs.length > 1 ? "they run" : "it runs"} (shell, tools)`,
    });
  }
}
