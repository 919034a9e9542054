import { finishJob, planJob, place, readSource, rewriteAcrossJobs, type ConvertOptions, type JobResult, type SourceFile } from "../convert.js";
import { formatDiagnostic, placeOf, type Severity } from "../diagnostics.js";
import { parseFiles, type ParseOutcome } from "../nomad/parse-files.js";
import { readableRefs } from "../plan/hcl-value.js";
import { directoryEntries, directoryLookups, type DirectoryEntry } from "../plan/network/service-directory.js";
import { jobReport } from "../report/build-report.js";
import { reportPieces, type ReportPieces } from "../report/report-spool.js";
import type { Placement } from "../plan/fleet-index.js";
import { jobRoutes, NO_ROUTES, reportFleetRoutes, type FleetRoutes, type JobRoutes } from "../plan/network/fleet-routes.js";

/** One file to convert, with what the main thread already knows about the rest of the run. */
export interface SourceRequest {
  src: SourceFile;
  /** Where each job goes, when the main thread found it clashes with an earlier job. */
  placements?: Record<string, Placement>;
  /** Convert only these jobs of the file, by position (a second pass over some of them; names can repeat). */
  only?: number[];
  /** The run's Consul services, for the pass that rewrites addresses between jobs. */
  directory?: [string, DirectoryEntry][];
  /** Routes other jobs also take, and middlewares other jobs define. */
  fleet?: FleetRoutes;
}

/** All the run keeps of a job once its files are written: small, and plain data (it crosses threads). */
export interface JobOutput {
  job: string;
  file: string;
  status: JobResult["status"];
  module: string | null;
  /** The folder it was placed in before its checks (which can fail it): what the fleet index records. */
  placed: string | null;
  pattern: string | null;
  reason?: string;
  /** A file that failed before a job was read: its error as one line, where first (file:line:col: …). */
  failure?: string;
  /** Warnings, manual steps and errors as the terminal prints them (after `failure`, the parser's follow-on errors). */
  lines: { severity: Severity; text: string }[];
  /** Its report entry, rendered here (text crosses threads faster than the object would), with its counts of warnings and manual steps. */
  report: ReportPieces;
  /** Module files keyed by path relative to the output folder. */
  files: Record<string, string>;
  /** Consul names this job's values look up in the run's directory. */
  lookups: string[];
  /** Consul names this job's Services answer to. */
  services: [string, DirectoryEntry][];
  /** Its routes and middlewares, for the run's route index. */
  routes: JobRoutes;
}

/** Converts files, parsed together: the job outputs of each request, in request order. */
export async function convertSources(reqs: SourceRequest[], options: ConvertOptions): Promise<JobOutput[][]> {
  const parsed = await parseFiles(reqs.map((r) => r.src));
  const out: JobOutput[][] = [];
  for (const [i, req] of reqs.entries()) out.push(await convertParsed(req, parsed[i], options));
  return out;
}

/** Converts the jobs of one file as far as one file allows: plan, place, render, check. */
async function convertParsed(req: SourceRequest, outcome: ParseOutcome, options: ConvertOptions): Promise<JobOutput[]> {
  const normalized = readSource(outcome, options);
  if (!Array.isArray(normalized)) return [outputOf(normalized, {})];
  const outputs: JobOutput[] = [];
  const directory = req.directory && new Map(req.directory);
  for (const [k, n] of normalized.entries()) {
    if (req.only && !req.only.includes(k)) continue;
    const r = planJob(n, options);
    place(r, n, req.placements?.[n.job.name] ?? { module: r.module });
    const placed = r.module;
    const planned = r.plan && r.module ? r.plan : undefined;
    const lookups = planned ? directoryLookups(planned, r.job) : [];
    const services = planned ? directoryEntries(planned) : [];
    const routes = planned ? jobRoutes(planned, r.job, n.diagnostics) : NO_ROUTES;
    // Without a directory (no lookup of the job resolves in the run) the rewrite still settles
    // what it leaves: Connect upstream steps become blocking, as in the one-process conversion.
    if (planned) rewriteAcrossJobs(planned, r.job, directory ?? new Map(), n.diagnostics);
    if (planned && req.fleet) reportFleetRoutes(r.job, req.fleet, n.diagnostics);
    const files = planned ? await finishJob(r, n.diagnostics, options) : {};
    outputs.push({ ...outputOf(r, files), placed, lookups, services, routes });
  }
  return outputs;
}

/** What the run keeps of a converted (or failed) job. */
export function outputOf(r: JobResult, files: Record<string, string>): JobOutput {
  const failure = r.job ? undefined : r.diagnostics.find((d) => d.severity === "error");
  return {
    job: r.job,
    file: r.file,
    status: r.status,
    module: r.module,
    placed: r.module,
    pattern: r.pattern,
    ...(r.reason !== undefined ? { reason: r.reason } : {}),
    ...(failure ? { failure: `${placeOf(failure) ?? r.file}: ${failure.message}${failure.hint ? ` — ${failure.hint}` : ""}` } : {}),
    lines: r.diagnostics.filter((d) => d !== failure && (d.severity !== "info" || failure)).map((d) => ({ severity: d.severity, text: readableRefs(formatDiagnostic(d)) })),
    report: reportPieces(jobReport(r)),
    files,
    lookups: [],
    services: [],
    routes: NO_ROUTES,
  };
}
