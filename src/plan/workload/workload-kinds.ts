import type { Diagnostics } from "../../diagnostics.js";
import type { Pattern } from "../../infer/infer-pattern.js";
import type { NomadJob } from "../../nomad/model.js";
import { expr, withSuffix } from "../hcl-value.js";
import type { Variable, Workload } from "../model.js";

const KINDS: Record<Pattern, Workload["kind"]> = { A: "deployment", D: "deployment", B: "stateful_set", C: "stateful_set", E: "cron_job", job: "job", daemonset: "daemon_set" };

export function workloadKind(pattern: Pattern): Workload["kind"] {
  return KINDS[pattern];
}

/** A periodic group is one CronJob per Nomad cron, each with its own schedule variable. */
export function cronWorkloads(base: Workload, job: NomadJob, variables: Variable[], diags: Diagnostics, path: string): Workload[] {
  const p = job.periodic ?? { crons: [], prohibitOverlap: false, enabled: true };
  if (!job.periodic) diags.manual("N2K-INFER-002", 'pattern E was chosen for a job without a periodic block: the schedule defaults to "0 0 * * *"', { path, hint: "set the schedule variable" });
  const crons = p.crons.length ? p.crons : ["0 0 * * *"];
  return crons.map((cron, i) => {
    const varName = crons.length > 1 ? `schedule_${i + 1}` : "schedule";
    variables.push({ name: varName, description: `Cron schedule${crons.length > 1 ? ` ${i + 1}` : ""} (from the Nomad periodic block)`, type: "string", default: cron });
    return {
      ...base,
      tfName: crons.length > 1 ? `${base.tfName}_${i + 1}` : base.tfName,
      name: crons.length > 1 ? withSuffix(base.name, `-${i + 1}`) : base.name,
      schedule: expr(`var.${varName}`),
      timezone: p.timeZone,
      concurrencyPolicy: p.prohibitOverlap ? "Forbid" : undefined,
      suspend: p.enabled ? undefined : true,
    };
  });
}
