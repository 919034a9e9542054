import { Diagnostics, JobError } from "../diagnostics.js";
import { evaluate, type HclValue } from "./evaluate.js";
import type { JobType, NomadJob, Parameterized, Periodic } from "./model.js";
import { readMeta } from "./read-meta.js";
import type { FileScope } from "./scope.js";
import { NOT_CARRIED } from "./not-carried.js";
import { Reader, type Claim } from "./reader.js";
import { bool, str, strList } from "./fields.js";
import { isDistinctHosts, readConstraints } from "./normalize-service.js";
import { readGroup, reschedule } from "./normalize-group.js";
import { mergeUpdate, readUpdate } from "./read-update.js";
import { inSourceOrder, type ParsedFile } from "./parse-file.js";
import { blockAt, jobLineStart, lineAt } from "./source-position.js";

/** Where the job's block starts: its groups are looked for from there on. */
function jobStart(source: string, name: string): number {
  return Math.max(blockAt(source, "job", name), 0);
}

export interface NormalizedJob {
  job: NomadJob;
  diagnostics: Diagnostics;
  claims: Claim[];
}

const JOB_TYPES = ["service", "batch", "system", "sysbatch"];

/** Raw HCL JSON of one file → typed jobs; per-job problems are diagnostics, not exceptions. */
export function normalizeFile(parsed: ParsedFile, scope: FileScope): NormalizedJob[] {
  const jobs = parsed.raw.job;
  if (!jobs || typeof jobs !== "object") {
    throw new JobError({ code: "N2K-SPEC-002", severity: "error", message: "no job block found", file: parsed.file });
  }
  const out: NormalizedJob[] = [];
  for (const [name, bodies] of Object.entries(jobs as Record<string, unknown>)) {
    for (const body of Array.isArray(bodies) ? bodies : [bodies]) {
      const line = lineAt(parsed.source, jobLineStart(parsed.source, name));
      const diagnostics = new Diagnostics({ job: name, file: parsed.file });
      const claims: Claim[] = [];
      const evaluated = implicitGroups(evaluate(body, scope, diagnostics, `job.${name}`) as Record<string, HclValue>);
      // Dynamic blocks became the blocks they generate: the dynamic block itself is mapped.
      for (const p of scope.expanded.splice(0)) claims.push({ path: p, how: "mapped" });
      const r = new Reader(evaluated, `job.${name}`, diagnostics, claims, parsed.format === "hcl1");
      const job = readJob(name, r, parsed, [...scope.inputs.values()], line);
      if (parsed.format === "hcl1" || parsed.format === "json") {
        job.format = parsed.format;
        diagnostics.info("N2K-INPUT-002", parsed.format === "hcl1" ? "the file is HCL1 (Nomad before 1.0); read with the HCL1 parser" : "the file is a Nomad API JSON job; read as the fully evaluated job");
      }
      out.push({ job, diagnostics, claims });
    }
  }
  return out;
}

function readJob(name: string, r: Reader, parsed: ParsedFile, inputs: NomadJob["inputs"], line?: number): NomadJob {
  const type = r.get("type", str) ?? "service";
  if (!JOB_TYPES.includes(type)) r.report("type", "N2K-JOB-001", `unknown job type "${type}"`);
  const periodic = r.blocks("periodic").map((p): Periodic => {
    const cron = p.get("cron", str);
    const crons = p.get("crons", strList) ?? [];
    const v = { crons: cron ? [cron, ...crons] : crons, prohibitOverlap: p.get("prohibit_overlap", bool) ?? false, timeZone: p.get("time_zone", str), enabled: p.get("enabled", bool) ?? true };
    p.finish();
    return v;
  })[0];
  const parameterized = readParameterized(r);
  const update = readUpdate(r);
  const job: NomadJob = {
    name,
    file: parsed.file,
    line,
    type: (JOB_TYPES.includes(type) ? type : "service") as JobType,
    namespace: r.get("namespace", str),
    periodic,
    parameterized,
    constraints: readConstraints(r),
    meta: readMeta(r),
    region: typeof r.raw.region === "string" ? r.raw.region : undefined,
    datacenters: Array.isArray(r.raw.datacenters) ? r.raw.datacenters.filter((d): d is string => typeof d === "string") : [],
    nodePool: nodePoolOf(r.get("node_pool", str)),
    inputs,
    groups: inSourceOrder(r.labelled("group"), "group", parsed.source, jobStart(parsed.source, name)).map(([gname, g, at]) => readGroup(gname, g, parsed.source, at)),
  };
  for (const g of job.groups) g.update = mergeUpdate(update, g.update);
  // Nomad merges the group's reschedule policy over the job's, field by field.
  const jobReschedule = reschedule(r.raw.reschedule, `job.${name}.reschedule`)?.reschedule;
  if (jobReschedule) for (const g of job.groups) g.reschedule = { ...jobReschedule, ...Object.fromEntries(Object.entries(g.reschedule ?? {}).filter(([, v]) => v !== undefined)) };
  setAsideGateways(job, r);
  // A job-level distinct_hosts spreads every group's allocations over distinct hosts.
  if (job.constraints.some(isDistinctHosts)) {
    for (const g of job.groups) g.distinctHosts = true;
    job.constraints = job.constraints.filter((c) => c.operator !== "distinct_hosts");
  }
  // A parameterized job's meta becomes the defaults of its NOMAD_META_* env vars.
  const { meta: _carried, ...notCarried } = NOT_CARRIED.JOB;
  r.notCarried(parameterized ? notCarried : NOT_CARRIED.JOB);
  r.finish();
  return job;
}

/** "default" holds every node without a pool and "all" is any pool: neither narrows where the job runs. */
function nodePoolOf(pool: string | undefined): string | undefined {
  return pool && pool !== "default" && pool !== "all" ? pool : undefined;
}

function readParameterized(r: Reader): Parameterized | undefined {
  const p = r.blocks("parameterized")[0];
  if (!p) return undefined;
  // An empty `parameterized {}` is itself what makes the job dispatch-only.
  r.claim("parameterized", "mapped");
  const out: Parameterized = {
    metaRequired: p.get("meta_required", strList) ?? [],
    metaOptional: p.get("meta_optional", strList) ?? [],
    payload: p.get("payload", str) ?? "optional",
    payloadRead: hasKey(r.raw.group, "dispatch_payload"),
    meta: {},
    path: p.path,
  };
  p.finish();
  for (const m of r.blocks("meta")) {
    for (const key of m.keys()) {
      const v = m.get(key, str);
      if (v !== undefined) out.meta[key] = v;
    }
    m.finish();
  }
  return out;
}

function hasKey(v: unknown, key: string): boolean {
  if (Array.isArray(v)) return v.some((x) => hasKey(x, key));
  if (!v || typeof v !== "object") return false;
  return Object.entries(v).some(([k, x]) => k === key || hasKey(x, key));
}

/**
 * A group with no task whose service is a Connect gateway is Envoy run by Nomad itself; the
 * cluster's ingress controller or mesh does that job in Kubernetes, so it is not converted.
 */
function setAsideGateways(job: NomadJob, r: Reader): void {
  const gateways = job.groups.filter((g) => g.tasks.length === 0 && g.gateway);
  if (!gateways.length) return;
  job.gateways = gateways.map((g) => ({ group: g.name, kind: g.gateway! }));
  job.groups = job.groups.filter((g) => !gateways.includes(g));
  for (const g of gateways) {
    r.warn("N2K-GRP-004", `group "${g.name}" is a Consul Connect ${g.gateway} gateway (Envoy run by Nomad); it is not converted`, `group.${g.name}`, "use the cluster's ingress controller or service mesh gateway instead");
  }
}

/** A `task` written directly in the job is, as Nomad reads it, a group of that name holding it. */
function implicitGroups(job: Record<string, HclValue>): Record<string, HclValue> {
  const tasks = job.task;
  if (!tasks || typeof tasks !== "object" || Array.isArray(tasks)) return job;
  const { task: _moved, ...rest } = job;
  const groups = { ...((rest.group ?? {}) as Record<string, HclValue>) };
  for (const [name, body] of Object.entries(tasks)) groups[name] ??= [{ task: { [name]: body } }];
  return { ...rest, group: groups };
}
