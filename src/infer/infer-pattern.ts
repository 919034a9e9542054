import type { Diagnostics } from "../diagnostics.js";
import type { NomadJob, Group, Task } from "../nomad/model.js";
import type { JobOverride, SiteConfig } from "../config/site-config.js";
import { csiPluginSkip } from "./csi-plugins.js";
import { edgeRouterSkip } from "./edge-routers.js";
import { gpuEvidence, persistentEvidence, sqliteEvidence, type Evidence, type SqliteFacts } from "./evidence.js";

export type Pattern = "A" | "B" | "C" | "D" | "E" | "daemonset" | "job" | "vm";

export interface GroupInference {
  group: string;
  pattern: Pattern;
  evidence: Evidence[];
  gpuCount: number;
  sqlite?: SqliteFacts;
}

export interface JobInference {
  skip?: string;
  /** The code and manual step of a skip that has one (a CSI plugin job points at the driver's chart). */
  skipStep?: { code: string; hint: string; path: string };
  groups: GroupInference[];
  /** The job's headline pattern: the first group's. */
  pattern: Pattern | null;
}

/** Decides the deployment pattern of every group, with the evidence behind each decision. */
export function inferPattern(job: NomadJob, config: SiteConfig, diags: Diagnostics): JobInference {
  const sysbatch = scheduledSysbatchSkip(job);
  if (sysbatch) return { skip: sysbatch.reason, skipStep: { code: "N2K-JOB-010", hint: sysbatch.hint, path: sysbatch.path }, groups: [], pattern: null };
  if (job.groups.length === 0 && job.gateways?.length) return { skip: `the job only runs Consul Connect gateways (${job.gateways.map((g) => `${g.group}: ${g.kind}`).join(", ")}); use the cluster's ingress controller or mesh instead`, groups: [], pattern: null };
  if (job.groups.length === 0) return { skip: "the job has no groups", groups: [], pattern: null };
  const csi = csiPluginSkip(job);
  if (csi) return { skip: csi.reason, skipStep: { code: "N2K-TASK-004", hint: csi.hint, path: csi.path }, groups: [], pattern: null };
  const edge = edgeRouterSkip(job, diags);
  if (edge) return { skip: edge.reason, skipStep: { code: "N2K-JOB-011", hint: edge.hint, path: edge.path }, groups: [], pattern: null };
  const override: JobOverride = (Object.hasOwn(config.jobs, job.name) && config.jobs[job.name]) || {};
  const groups = job.groups.map((g) => inferGroup(job, g, config, override, diags));
  // Planning may still settle a group's pattern (SQLite that must stay on its volume is C).
  return {
    groups,
    get pattern() {
      return groups[0]?.pattern ?? null;
    },
  };
}

/**
 * A sysbatch job that Nomad starts on a schedule (periodic) or per dispatch (parameterized) runs
 * on every node each time. A CronJob or a Job runs its pods wherever the scheduler puts them, and
 * a DaemonSet runs once per node and pod: neither does "every node, every run", so the job is
 * skipped with the ways an operator does it by hand.
 */
function scheduledSysbatchSkip(job: NomadJob): { reason: string; hint: string; path: string } | undefined {
  if (job.type !== "sysbatch" || (!job.periodic && !job.parameterized)) return undefined;
  const when = job.periodic ? `on a schedule (${job.periodic.crons.join(", ")})` : "per dispatch (parameterized)";
  return {
    reason: `sysbatch job run ${when} on every node: a Kubernetes CronJob or Job runs its pods on whichever nodes the scheduler picks, never once on each node`,
    hint: "for a few known nodes, one CronJob per node (node_selector kubernetes.io/hostname); for every node, a DaemonSet whose container repeats the task itself (a loop with sleep, or a cron daemon in the image); node housekeeping such as image pruning is the kubelet's image garbage collection",
    path: job.periodic ? `job.${job.name}.periodic` : job.parameterized!.path,
  };
}

/** The qemu task a group runs as its main task (no lifecycle hook): the group is a VM. */
export function vmTask(group: Group): Task | undefined {
  return group.tasks.find((t) => t.driver === "qemu" && !t.lifecycle);
}

function inferGroup(job: NomadJob, group: Group, config: SiteConfig, override: JobOverride, diags: Diagnostics): GroupInference {
  const gpu = gpuEvidence(group);
  const sqlite = sqliteEvidence(group, config.sqlite.knownImages, diags);
  const persistent = persistentEvidence(group);
  const base = { group: group.name, gpuCount: gpu.count, sqlite: sqlite.evidence.length ? sqlite : undefined };
  // A VM is a VM whatever the site config says of the group: it has no pod of ours to shape.
  const vm = vmTask(group);
  if (vm) return { ...base, gpuCount: 0, sqlite: undefined, pattern: "vm", evidence: [{ kind: "qemu", detail: `qemu task "${vm.name}": a KubeVirt VirtualMachine`, path: `${vm.path}.driver` }] };
  let decided: GroupInference;
  if (job.parameterized) decided = { ...base, pattern: "E", evidence: [{ kind: "parameterized", detail: "parameterized (dispatch) job: a suspended CronJob is the template each dispatch creates a Job from", path: job.parameterized.path }] };
  else if (job.type === "batch" && job.periodic) decided = { ...base, pattern: "E", evidence: [{ kind: "periodic", detail: `batch job with periodic cron ${job.periodic.crons.join(", ")}`, path: `job.${job.name}.periodic` }] };
  else if (job.type === "batch") decided = { ...base, pattern: "job", evidence: [{ kind: "batch", detail: "batch job without periodic", path: `job.${job.name}.type` }] };
  else if (job.type === "sysbatch") decided = { ...base, pattern: "daemonset", evidence: [{ kind: "sysbatch", detail: "sysbatch job runs once on every node: a DaemonSet whose init containers run the tasks, then the pod waits", path: `job.${job.name}.type` }] };
  else if (job.type === "system") decided = { ...base, pattern: "daemonset", evidence: [{ kind: "system", detail: "system job runs on every node", path: `job.${job.name}.type` }] };
  else if (gpu.evidence.length) decided = { ...base, pattern: "D", evidence: gpu.evidence };
  else if (sqlite.evidence.length) decided = { ...base, pattern: "B", evidence: sqlite.evidence };
  else if (persistent.length) decided = { ...base, pattern: "C", evidence: persistent };
  else {
    const readOnly = group.volumes.length + group.tasks.reduce((n, t) => n + t.config.volumes.filter((v) => v.startsWith("/")).length, 0);
    const detail = readOnly ? "only read-only host paths (content or config); no writable persistent volume, SQLite or GPU found" : "no persistent volumes, SQLite or GPU found";
    decided = { ...base, pattern: "A", evidence: [{ kind: "stateless", detail, path: group.path }] };
  }

  // Secondary evidence is kept so the report shows everything that was seen.
  if (decided.pattern !== "D") decided.evidence.push(...gpu.evidence);
  if (decided.pattern !== "B") decided.evidence.push(...sqlite.evidence);
  if (decided.pattern !== "C") decided.evidence.push(...persistent);
  if (gpu.evidence.length && decided.pattern !== "D") diags.warn("N2K-INFER-001", `group "${group.name}" asks for a GPU but is a ${decided.pattern} workload; the GPU limit and toleration are still added`, { path: group.path });

  const groupPattern = override.groups?.[group.name]?.pattern;
  const pattern = groupPattern ?? override.pattern;
  if (pattern && pattern !== decided.pattern) {
    decided.evidence.unshift({ kind: "override", detail: `pattern ${pattern} set in the site config (inferred ${decided.pattern})`, path: groupPattern ? `jobs.${job.name}.groups.${group.name}.pattern` : `jobs.${job.name}.pattern` });
    decided.pattern = pattern;
    if (decided.pattern === "D" && decided.gpuCount === 0) decided.gpuCount = 1;
  }
  if (decided.pattern === "B" && !decided.sqlite) decided.sqlite = { evidence: [], litestreamTasks: [] };
  return decided;
}
