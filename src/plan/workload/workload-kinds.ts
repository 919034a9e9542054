import type { Diagnostics } from "../../diagnostics.js";
import type { Pattern } from "../../infer/infer-pattern.js";
import type { NomadJob } from "../../nomad/model.js";
import { expr, withSuffix } from "../hcl-value.js";
import { kubernetesSchedule } from "./cron-schedule.js";
import { metaEnvName } from "./dispatch-meta.js";
import type { Variable, Workload } from "../model.js";

const KINDS: Record<Exclude<Pattern, "vm">, Workload["kind"]> = { A: "deployment", D: "deployment", B: "stateful_set", C: "stateful_set", E: "cron_job", job: "job", daemonset: "daemon_set" };

export function workloadKind(pattern: Pattern): Workload["kind"] {
  if (pattern === "vm") throw new Error("a VM group has no pod workload (plan/vm)");
  return KINDS[pattern];
}

/** A periodic group is one CronJob per Nomad cron, each with its own schedule variable. */
export function cronWorkloads(base: Workload, job: NomadJob, variables: Variable[], diags: Diagnostics, path: string): Workload[] {
  const p = job.periodic ?? { crons: [], prohibitOverlap: false, enabled: true };
  if (!job.periodic) diags.manual("N2K-INFER-002", 'pattern E was chosen for a job without a periodic block: the schedule defaults to "0 0 * * *"', { path, hint: "set the schedule variable" });
  const crons = p.crons.length ? p.crons : ["0 0 * * *"];
  return crons.map((cron, i) => {
    const varName = crons.length > 1 ? `schedule_${i + 1}` : "schedule";
    const description = `Cron schedule${crons.length > 1 ? ` ${i + 1}` : ""} (from the Nomad periodic block)`;
    variables.push({ name: varName, description, type: "string", default: scheduleDefault(cron, varName, diags, `job.${job.name}.periodic`) });
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

/**
 * The schedule variable's default: Nomad's cron converted exactly, or none (a required
 * variable and a blocking step) when Kubernetes cannot express it; never an invalid schedule.
 */
function scheduleDefault(cron: string, varName: string, diags: Diagnostics, path: string): string | undefined {
  const k = kubernetesSchedule(cron);
  if ("error" in k) {
    diags.manual("N2K-CRON-003", `set variable "${varName}": Nomad cron "${cron}" cannot be a Kubernetes schedule: ${k.error}`, {
      path,
      blocking: true,
      hint: `give a five-field schedule with -var ${varName}="…" before terraform apply`,
    });
    return undefined;
  }
  if (k.lost) diags.warn("N2K-CRON-002", `Nomad cron "${cron}" becomes "${k.schedule}": ${k.dropped}, and ${k.lost}`, { path });
  else if (k.dropped) diags.changed("N2K-CRON-001", `Nomad cron "${cron}" becomes "${k.schedule}": ${k.dropped}`, { path });
  return k.schedule;
}

/**
 * A CronJob needs a schedule even when suspended; this valid one (midnight, 1 January) is a
 * placeholder that never fires, because `suspend = true` stops the controller from running it.
 */
export const DISPATCH_SCHEDULE = "0 0 1 1 *";

/**
 * A parameterized (dispatch) job as a suspended CronJob: nothing runs on its own, and each
 * dispatch becomes `kubectl create job --from=cronjob/<name>`, a Job copied from its template.
 */
export function dispatchTemplate(base: Workload, job: NomadJob, target: { name: string; namespace: string }, diags: Diagnostics, path: string): Workload {
  const p = job.parameterized!;
  const create = `kubectl -n ${target.namespace} create job ${target.name}-<run> --from=cronjob/${target.name}`;
  const required = p.metaRequired.map(metaEnvName);
  diags.manual("N2K-DISPATCH-001", `each "nomad job dispatch" becomes "${create}"${required.length ? `; set ${required.join(", ")} for every run` : ""}`, {
    path,
    hint: required.length ? `${create} --dry-run=client -o yaml | kubectl set env --local -f - ${required.map((r) => `${r}=…`).join(" ")} -o yaml | kubectl apply -f -` : undefined,
  });
  const payload = p.payload.toLowerCase();
  if (payload !== "forbidden" && !p.payloadRead) {
    diags.info("N2K-DISPATCH-002", `payload = "${p.payload}", but no task reads a payload (no dispatch_payload block): nothing is lost`, { path: `${p.path}.payload` });
  } else if (payload !== "forbidden") {
    const message = `dispatch payloads (payload = "${p.payload}") have no Kubernetes equivalent: a Job created from the template gets none`;
    const extra = { path: `${p.path}.payload`, hint: "put the input in a ConfigMap or Secret the Job mounts, or pass it as an env var" };
    if (payload === "required") diags.manual("N2K-DISPATCH-002", message, extra);
    else diags.warn("N2K-DISPATCH-002", message, extra);
  }
  if (job.periodic) diags.warn("N2K-DISPATCH-003", "the periodic block of a parameterized job is not carried over: the CronJob stays a suspended dispatch template", { path: `job.${job.name}.periodic` });
  return {
    ...base,
    schedule: DISPATCH_SCHEDULE,
    suspend: true,
    comments: [...base.comments, `Dispatch template of the Nomad parameterized job: suspend = true, so the placeholder schedule "${DISPATCH_SCHEDULE}" never fires.`],
  };
}
