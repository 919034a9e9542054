import type { Diagnostics } from "../../diagnostics.js";
import type { GroupInference } from "../../infer/infer-pattern.js";
import type { Group, Task } from "../../nomad/model.js";
import { runsAsContainer } from "../../nomad/normalize-task.js";
import type { PlanFacts } from "../model.js";

export type TaskRole = "init" | "sidecar" | "main" | "drop";

export function roleOf(t: Task): TaskRole {
  if (!t.lifecycle) return "main";
  if (t.lifecycle.hook === "poststop") return "drop";
  if (t.lifecycle.sidecar) return "sidecar";
  return t.lifecycle.hook === "prestart" ? "init" : "drop";
}

/**
 * The tasks that are the group's reason to run: those without a lifecycle hook (a group of
 * hooked tasks alone runs them all). Only these decide whether the job can be a container.
 */
export function mainTasks(group: Group): Task[] {
  const plain = group.tasks.filter((t) => !t.lifecycle);
  return plain.length ? plain : group.tasks;
}

export interface GroupTasks {
  /** Tasks that become containers, in file order. */
  tasks: Task[];
  /** The task whose container carries the app's name (the first main task, else a sidecar). */
  mainTask?: Task;
}

/** The group's tasks that become containers; the rest are recorded as dropped, with why. */
export function selectTasks(group: Group, inf: GroupInference, facts: PlanFacts, diags: Diagnostics): GroupTasks {
  const batch = inf.pattern === "job" || inf.pattern === "E";
  const own = inf.pattern === "B" ? inf.sqlite?.own : undefined;
  if (own) {
    const what = [...own.tasks.map((t) => `task "${t}"`), ...own.configs.map((c) => `template ${c}`)].join(", ");
    diags.info("N2K-LITE-002", `the job runs Litestream itself (${what}): its tasks, config, replica and version are kept as written`, { path: group.path });
  }
  const tasks = group.tasks.filter((t) => {
    if (!runsAsContainer(t)) {
      // Only a lifecycle helper gets here: a main task that is no container skips the job.
      const hook = t.lifecycle ? `${t.lifecycle.hook}${t.lifecycle.sidecar ? " sidecar" : ""}` : "helper";
      facts.droppedTasks.push({ task: t.name, reason: `${hook} task on the ${t.driver} driver: no container image to run` });
      diags.warn("N2K-DRIVER-002", `task "${t.name}" (${hook}) uses the ${t.driver} driver, which has no container image; it is dropped and the group's containers run without it`, {
        path: `${t.path}.driver`,
        hint: "redo what it did on the node by hand, or as an init container with an image that has the tool",
      });
      return false;
    }
    if (roleOf(t) === "drop") {
      // A run-once pod (restart_policy Never) runs a poststart task once beside the main one.
      if (batch && t.lifecycle!.hook === "poststart") {
        diags.info("N2K-TASK-015", `task "${t.name}" (poststart) runs once as another container of the Job's pod: it starts with the main container, where Nomad started it once the main task was running`, { path: t.path });
        return true;
      }
      dropHookTask(t, batch, facts, diags);
      return false;
    }
    return true;
  });
  // A group of prestart tasks alone runs them and finishes (Nomad accepts it): the last is the main container.
  const mainTask = tasks.find((t) => roleOf(t) === "main") ?? tasks.find((t) => roleOf(t) === "sidecar") ?? tasks.filter((t) => roleOf(t) === "init").pop();
  if (!mainTask) diags.error("N2K-GRP-003", `group "${group.name}" has no task that can run as its main container`, { path: group.path });
  return { tasks, mainTask };
}

const CREDENTIAL_WORD = /pass|token|secret|key|auth|cred/i;

const WHEN = {
  poststart: "ran once after the main task had started",
  poststop: "ran after the other tasks had stopped",
};

/**
 * A poststop task, or a poststart task in a pod that restarts its containers: Kubernetes has no
 * container that runs once after the others stopped (or once beside them in a restarting pod).
 * What it did is named in a blocking step, since work the job relied on (a backup, a
 * registration) would silently stop.
 */
function dropHookTask(t: Task, batch: boolean, facts: PlanFacts, diags: Diagnostics): void {
  const hook = t.lifecycle!.hook as "poststart" | "poststop";
  const reason = hook === "poststop" ? "poststop tasks have no Kubernetes equivalent" : "a non-sidecar poststart task has no equivalent in a pod that restarts its containers";
  facts.droppedTasks.push({ task: t.name, reason });
  // The command line, or only its program when an argument may carry a credential.
  const words = [...(t.config.entrypoint ?? []), t.config.command ?? "", ...(t.config.args ?? [])].filter(Boolean).map(String);
  const cmd = words.some((w) => CREDENTIAL_WORD.test(w)) ? `${words[0]} …` : words.join(" ");
  const what = [t.config.image && `image ${t.config.image}`, cmd && `command ${JSON.stringify(cmd.length > 120 ? `${cmd.slice(0, 117)}...` : cmd)}`].filter(Boolean).join(", ");
  diags.manual("N2K-TASK-009", `task "${t.name}" (${hook}${t.lifecycle!.sidecar ? ", sidecar" : ""}) ${WHEN[hook]}${what ? ` (${what})` : ""}: ${reason}, so it does not run and what it did stops`, {
    path: t.path,
    blocking: true,
    hint: hook === "poststop"
      ? batch ? "run it as the last step of the main container's command, or as a Job of its own after this one" : "a preStop exec hook on the main container if it fits in the grace period, else a CronJob or Job of its own"
      : "run it in the main container's command after the app starts, as a sidecar that stays up, or as a Job of its own",
  });
}
