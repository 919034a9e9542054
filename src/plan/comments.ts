import type { Diagnostic } from "../diagnostics.js";
import { readableRefs } from "./hcl-value.js";
import type { ModulePlan } from "./model.js";

/**
 * Puts each warning and manual step as a comment where the user will look: on the container
 * of its task, else on the workload of its group, else at the top of main.tf. The report has
 * the same entries under the same codes.
 */
export function attachComments(plan: ModulePlan, job: string, diagnostics: Diagnostic[]): string[] {
  const top: string[] = [];
  const jobPath = `job.${job}`;
  for (const d of diagnostics) {
    if (d.severity !== "warning" && d.severity !== "manual") continue;
    const text = readableRefs(`${d.code}: ${d.message}${d.hint ? ` (${d.hint})` : ""}`).replace(/\s+/g, " ");
    const path = d.path ?? "";
    let placed = false;
    for (const w of plan.workloads) {
      const groupPath = `${jobPath}.group.${w.group}`;
      if (path !== groupPath && !path.startsWith(`${groupPath}.`) && !path.startsWith(`${groupPath}[`)) continue;
      const container = [...w.pod.initContainers, ...w.pod.containers].find((c) => c.task && (path === `${groupPath}.task.${c.task}` || path.startsWith(`${groupPath}.task.${c.task}.`) || path.startsWith(`${groupPath}.task.${c.task}[`)));
      const target = container?.comments ?? w.comments;
      if (!target.includes(text)) target.push(text);
      placed = true;
      break; // several CronJobs of one group: the first carries it
    }
    for (const vm of placed ? [] : plan.virtualMachines) {
      const groupPath = `${jobPath}.group.${vm.group}`;
      if (path !== groupPath && !path.startsWith(`${groupPath}.`)) continue;
      if (!vm.comments.includes(text)) vm.comments.push(text);
      placed = true;
      break;
    }
    if (!placed && !top.includes(text)) top.push(text);
  }
  return top;
}
