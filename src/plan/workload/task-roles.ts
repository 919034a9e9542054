import type { Diagnostics } from "../../diagnostics.js";
import type { GroupInference } from "../../infer/infer-pattern.js";
import type { Group, Task } from "../../nomad/model.js";
import type { PlanFacts } from "../model.js";

export type TaskRole = "init" | "sidecar" | "main" | "drop";

export function roleOf(t: Task): TaskRole {
  if (!t.lifecycle) return "main";
  if (t.lifecycle.hook === "poststop") return "drop";
  if (t.lifecycle.sidecar) return "sidecar";
  return t.lifecycle.hook === "prestart" ? "init" : "drop";
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
