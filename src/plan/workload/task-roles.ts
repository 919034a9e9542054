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
      diags.warn("N2K-DRIVER-002", `task "${t.name}" (${hook}) uses the ${t.driver} driver, which has no container image${t.notConverted ? `, and no shell image stands in: ${t.notConverted}` : ""}; it is dropped and the group's containers run without it`, {
        path: `${t.path}.driver`,
        hint: "redo what it did on the node by hand, or as an init container with an image that has the tool",
      });
      return false;
    }
    if (roleOf(t) === "drop") {
      const reason = `${t.lifecycle!.hook}${t.lifecycle!.sidecar ? "" : " (non-sidecar)"} tasks have no direct Kubernetes equivalent`;
      facts.droppedTasks.push({ task: t.name, reason });
      diags.warn("N2K-TASK-009", `task "${t.name}": ${reason}; not carried over`, { path: t.path, hint: "use a container lifecycle hook or a separate Job" });
      return false;
    }
    return true;
  });
  // A group of prestart tasks alone runs them and finishes (Nomad accepts it): the last is the main container.
  const mainTask = tasks.find((t) => roleOf(t) === "main") ?? tasks.find((t) => roleOf(t) === "sidecar") ?? tasks.filter((t) => roleOf(t) === "init").pop();
  if (!mainTask) diags.error("N2K-GRP-003", `group "${group.name}" has no task that can run as its main container`, { path: group.path });
  return { tasks, mainTask };
}
