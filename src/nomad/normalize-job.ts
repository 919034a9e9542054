import { Diagnostics, JobError } from "../diagnostics.js";
import { evaluate, type HclValue, type Scope } from "./evaluate.js";
import type { JobType, NomadJob, Parameterized, Periodic } from "./model.js";
import { NOT_CARRIED } from "./not-carried.js";
import { Reader, type Claim } from "./reader.js";
import { bool, scalarString, str, strList } from "./fields.js";
import { readConstraints } from "./normalize-service.js";
import { readGroup } from "./normalize-group.js";
import { escapeRegExp, inSourceOrder, lineOf, type ParsedFile } from "./parse-file.js";

function jobStart(source: string, name: string): number {
  const m = new RegExp(`\\bjob\\s+"${escapeRegExp(name)}"`).exec(source);
  return m ? m.index : 0;
}

export interface NormalizedJob {
  job: NomadJob;
  diagnostics: Diagnostics;
  claims: Claim[];
}

const JOB_TYPES = ["service", "batch", "system", "sysbatch"];

/** Raw HCL JSON of one file → typed jobs; per-job problems are diagnostics, not exceptions. */
export function normalizeFile(parsed: ParsedFile, scope: Scope): NormalizedJob[] {
  const jobs = parsed.raw.job;
  if (!jobs || typeof jobs !== "object") {
    throw new JobError({ code: "N2K-SPEC-002", severity: "error", message: "no job block found", file: parsed.file });
  }
  const out: NormalizedJob[] = [];
  for (const [name, bodies] of Object.entries(jobs as Record<string, unknown>)) {
    for (const body of Array.isArray(bodies) ? bodies : [bodies]) {
      const line = lineOf(parsed.source, new RegExp(`^\\s*job\\s+"${escapeRegExp(name)}"`, "m"));
      const diagnostics = new Diagnostics({ job: name, file: parsed.file });
      const claims: Claim[] = [];
      const evaluated = evaluate(body, scope, diagnostics, `job.${name}`) as Record<string, HclValue>;
      const r = new Reader(evaluated, `job.${name}`, diagnostics, claims);
      out.push({ job: readJob(name, r, parsed, line), diagnostics, claims });
    }
  }
  return out;
}

function readJob(name: string, r: Reader, parsed: ParsedFile, line?: number): NomadJob {
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
  const job: NomadJob = {
    name,
    file: parsed.file,
    line,
    type: (JOB_TYPES.includes(type) ? type : "service") as JobType,
    namespace: r.get("namespace", str),
    periodic,
    parameterized,
    constraints: readConstraints(r),
    groups: inSourceOrder(r.labelled("group"), "group", parsed.source, jobStart(parsed.source, name)).map(([gname, g, at]) => readGroup(gname, g, parsed.source, at)),
  };
  // A parameterized job's meta becomes the defaults of its NOMAD_META_* env vars.
  const { meta: _carried, ...notCarried } = NOT_CARRIED.JOB;
  r.notCarried(parameterized ? notCarried : NOT_CARRIED.JOB);
  r.finish();
  return job;
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
      const v = m.get(key, scalarString);
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
