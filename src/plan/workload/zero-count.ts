import type { SiteConfig } from "../../config/site-config.js";
import type { Diagnostics } from "../../diagnostics.js";
import type { Group } from "../../nomad/model.js";
import type { Workload } from "../model.js";
import { resourceType } from "../resource-types.js";
import { DISPATCH_SCHEDULE } from "./workload-kinds.js";

const NEVER_RAN = "Nomad never ran the group until something scaled it up (nomad job scale, an autoscaler, a controller of the job)";

/**
 * `count = 0`: nothing runs on Nomad until an operator or a controller scales the group up.
 * Services keep `replicas = 0`; a batch Job (which has no `suspend` in the provider) becomes a
 * suspended CronJob template that runs only when a Job is created from it; a periodic one is suspended.
 */
export function startAtZero(workloads: Workload[], group: Group, target: { name: string; namespace: string }, config: SiteConfig, diags: Diagnostics): Workload[] {
  if (group.count !== 0) return workloads;
  const path = `${group.path}.count`;
  return workloads.map((w) => {
    if (w.kind === "deployment" || w.kind === "stateful_set") {
      diags.warn("N2K-GRP-005", `count = 0: ${NEVER_RAN}; replicas = 0 here too, so nothing runs on apply`, { path, hint: "kubectl scale (or replicas in an override file) when it should run" });
      return w;
    }
    if (w.kind === "daemon_set") {
      diags.manual("N2K-GRP-005", `count = 0: the system job was stopped on Nomad, but a DaemonSet runs a pod on every node on apply`, { path, blocking: true, hint: "leave the module out of the fleet until the job should run on every node" });
      return w;
    }
    const create = `kubectl -n ${target.namespace} create job ${target.name}-<run> --from=cronjob/${target.name}`;
    diags.warn("N2K-GRP-005", `count = 0: ${NEVER_RAN}; ${w.kind === "job" ? "the Job is a suspended CronJob template here" : "the CronJob is suspended"}, so nothing runs on apply`, { path, hint: `start a run with "${create}"${w.kind === "cron_job" ? ", or set suspend = false to run it on its schedule" : ""}` });
    if (w.kind === "cron_job") return { ...w, suspend: true };
    return {
      ...w,
      kind: "cron_job",
      resourceType: resourceType(config, "cron_job"),
      schedule: DISPATCH_SCHEDULE,
      suspend: true,
      comments: [...w.comments, `count = 0 on Nomad: a template for Jobs (kubectl create job --from=cronjob/…); suspend = true, so the placeholder schedule "${DISPATCH_SCHEDULE}" never fires.`],
    };
  });
}
