import { dirname, isAbsolute, posix } from "node:path";
import { FleetIndex, type Placement } from "./plan/fleet-index.js";
import { rewriteCertificateNames } from "./plan/network/certificate-names.js";
import { checkFiles } from "./check/check-files.js";
import type { SiteConfig } from "./config/site-config.js";
import { Diagnostics, JobError, type Diagnostic } from "./diagnostics.js";
import type { Evidence } from "./infer/evidence.js";
import { inferPattern, type JobInference } from "./infer/infer-pattern.js";
import type { HclValue } from "./nomad/evaluate.js";
import type { NomadJob } from "./nomad/model.js";
import { normalizeFile, type NormalizedJob } from "./nomad/normalize-job.js";
import { runsAsContainer } from "./nomad/normalize-task.js";
import { containerForms } from "./plan/drivers/driver-forms.js";
import { parseFiles, type ParseOutcome, type Source } from "./nomad/parse-files.js";
import type { Claim } from "./nomad/reader.js";
import type { FileAccess } from "./nomad/hcl/functions/filesystem.js";
import { textFiles, type JobFileReader } from "./io/job-files.js";
import { buildScope } from "./nomad/scope.js";
import { buildPlan } from "./plan/build-plan.js";
import { attachComments } from "./plan/comments.js";
import { rewriteConsulAddresses, serviceDirectory, type DirectoryEntry } from "./plan/network/service-directory.js";
import { rewriteUpstreams } from "./plan/network/upstream-addresses.js";
import type { ModulePlan, PlanFacts } from "./plan/model.js";
import { dnsLabel } from "./plan/names.js";
import { mainTasks } from "./plan/workload/task-roles.js";
import { runsAsVirtualMachine } from "./plan/vm/virtual-machine.js";
import { splitTaskNetworks } from "./plan/network/task-networks.js";
import { LayoutError } from "./render/layout.js";
import { renderModule } from "./render/render-module.js";
import { jobRoutes, reportFleetRoutes, RouteIndex } from "./plan/network/fleet-routes.js";
import { applyNeeds, type ApplyNeeds } from "./report/before-apply.js";

export type SourceFile = Source;

export interface ConvertOptions {
  config: SiteConfig;
  vars?: Record<string, HclValue>;
  /** Also validate each plan and re-parse every generated file with the HCL parser. */
  verify?: boolean;
  /** Reads a file for HCL2 `file()`, given its path joined to the job file's folder (never outside it). */
  readFile?: (path: string) => string | undefined;
  /** File access for HCL2 file functions (bytes for filebase64(), listing for fileset()); wins over readFile. */
  files?: JobFileReader;
}

export type JobStatus = "converted" | "skipped" | "failed";

export interface JobResult {
  job: string;
  file: string;
  /** The file's syntax when it is not HCL2. */
  format?: "hcl1" | "json";
  line?: number;
  status: JobStatus;
  module: string | null;
  pattern: string | null;
  reason?: string;
  evidence: Evidence[];
  inference?: JobInference;
  diagnostics: Diagnostic[];
  claims: Claim[];
  nomad?: NomadJob;
  plan?: ModulePlan;
  facts?: PlanFacts;
  /** Prerequisites and site values its module needs before apply (converted jobs). */
  needs?: ApplyNeeds;
  files: string[];
}

export interface ConvertResult {
  /** Module files keyed by path relative to the output folder. */
  files: Record<string, string>;
  jobs: JobResult[];
  /** Problems not tied to one job (unreadable file, no jobs at all). */
  diagnostics: Diagnostic[];
}

/** A file that failed before any job could be read from it (unreadable, invalid, missing). */
export function fileFailure(d: Diagnostic, also: Diagnostic[] = []): JobResult {
  return { job: "", file: d.file ?? "", line: d.line, status: "failed", module: null, pattern: null, reason: d.message, evidence: [], diagnostics: [d, ...also], claims: [], files: [] };
}

/** HCL2 file functions of one job file: paths relative to its folder, every read recorded in the report. */
function fileAccess(options: ConvertOptions, jobFile: string, diags: Diagnostics): FileAccess | undefined {
  const files = options.files ?? (options.readFile && textFiles(options.readFile));
  if (!files) return undefined;
  const shown = (p: string) => (isAbsolute(p) ? p : posix.join(dirname(jobFile), p));
  return {
    read: (p) => {
      const bytes = files.read(jobFile, p);
      if (bytes) diags.info("N2K-FILE-002", `read ${shown(p)} (${bytes.length} bytes)`, { hint: "a file function of the job read it; its content is in the module" });
      return bytes;
    },
    list: (d) => files.list(jobFile, d),
    baseDir: dirname(jobFile),
    home: files.home,
  };
}

/** The library entry point: no I/O, no exit; everything the user must know is in the result. */
export async function convert(sources: SourceFile[], options: ConvertOptions): Promise<ConvertResult> {
  const result: ConvertResult = { files: {}, jobs: [], diagnostics: [] };
  const index = new FleetIndex();
  const planned: { result: JobResult; diags: Diagnostics }[] = [];
  for (const outcome of await parseFiles(sources)) {
    const normalized = readSource(outcome, options);
    if (!Array.isArray(normalized)) {
      result.jobs.push(normalized);
      continue;
    }
    for (const n of normalized) {
      const r = planJob(n, options);
      place(r, n, index.place(n.job.name, outcome.src.file, r.module));
      result.jobs.push(r);
      if (r.plan && r.module) planned.push({ result: r, diags: n.diagnostics });
    }
  }
  // Addresses of services in other jobs of this run can be rewritten only once all are planned.
  const directory = serviceDirectory(planned.map((p) => p.result.plan!));
  const routeIndex = new RouteIndex();
  const routes = planned.map((p) => jobRoutes(p.result.plan!, p.result.job, p.diags));
  planned.forEach((p, i) => routeIndex.add(p.result.job, routes[i]));
  for (const [i, p] of planned.entries()) {
    rewriteAcrossJobs(p.result.plan!, p.result.job, directory, p.diags);
    const fleet = routeIndex.about(p.result.job, routes[i]);
    if (fleet) reportFleetRoutes(p.result.job, fleet, p.diags);
    Object.assign(result.files, await finishJob(p.result, p.diags, options));
  }
  return result;
}

/** What a plan dials in other jobs of the run (Consul addresses, Connect upstreams), pointed at their Services. */
export function rewriteAcrossJobs(plan: ModulePlan, job: string, directory: Map<string, DirectoryEntry>, diags: Diagnostics): void {
  rewriteConsulAddresses(plan, job, directory, diags);
  rewriteUpstreams(plan, job, directory, diags);
  rewriteCertificateNames(plan, directory, diags);
}

/** A parsed file's jobs, normalized; or the failure of the whole file (bad syntax, bad variables). */
export function readSource(outcome: ParseOutcome, options: ConvertOptions): NormalizedJob[] | JobResult {
  try {
    if ("error" in outcome) throw outcome.error;
    const { parsed, src } = outcome;
    const scopeDiags = new Diagnostics({ file: src.file });
    const scope = buildScope(parsed.raw, options.vars ?? {}, scopeDiags, fileAccess(options, src.file, scopeDiags));
    const normalized = normalizeFile(parsed, scope);
    for (const n of normalized) for (const d of scopeDiags.items) n.diagnostics.add({ ...d, job: n.job.name });
    return normalized;
  } catch (err) {
    if (!(err instanceof JobError)) throw err;
    return fileFailure(err.diagnostic, err.also);
  }
}

/** Stages up to the plan; a job that stops earlier comes back failed or skipped, with why. */
export function planJob(n: NormalizedJob, options: ConvertOptions): JobResult {
  const { diagnostics: diags, claims } = n;
  let job = n.job;
  const base: JobResult = { job: job.name, file: job.file, line: job.line, ...(job.format ? { format: job.format } : {}), status: "failed", module: null, pattern: null, evidence: [], diagnostics: diags.items, claims, nomad: job, files: [] };
  // Process drivers (java, exec, raw_exec) become containers where they can (plan/drivers).
  const forms = containerForms(job, options.config, diags);
  job = base.nomad = forms.job;
  // A lifecycle helper on another driver is dropped later; only a main task's driver skips the job.
  const badDrivers = [...job.groups.flatMap((g) => g.tasks).filter((t) => !t.driver), ...job.groups.flatMap(mainTasks).filter((t) => !runsAsContainer(t) && !runsAsVirtualMachine(t, job))];
  if (badDrivers.length) {
    const t = badDrivers[0];
    const skip = forms.skips.get(t);
    const reason = skip?.reason ?? (t.driver ? `task "${t.name}" uses the ${t.driver} driver, which cannot run as a container image; port it to a container by hand` : `task "${t.name}" has no driver`);
    diags.add({ code: skip?.code ?? "N2K-DRIVER-001", severity: t.driver ? "warning" : "error", message: reason, path: `${t.path}.driver`, line: job.line, ...(skip?.hint ? { hint: skip.hint } : {}) });
    return { ...base, status: t.driver ? "skipped" : "failed", reason };
  }
  job = base.nomad = splitTaskNetworks(job, diags);
  const inference = inferPattern(job, options.config, diags);
  base.inference = inference;
  base.pattern = inference.pattern;
  base.evidence = inference.groups.flatMap((g) => g.evidence);
  if (inference.skip) {
    const step = inference.skipStep;
    diags.warn(step?.code ?? "N2K-JOB-008", `skipped: ${inference.skip}`, { line: job.line, ...(step ? { path: step.path, hint: step.hint } : {}) });
    return { ...base, status: "skipped", reason: inference.skip };
  }
  if (diags.hasErrors) return { ...base, reason: firstError(diags) };
  const { plan, facts } = buildPlan(job, inference, options.config, diags);
  // Planning may settle a group's pattern (SQLite that stays on the job's volume is C).
  base.pattern = inference.pattern;
  if (diags.hasErrors) return { ...base, plan, facts, reason: firstError(diags) };
  return { ...base, status: "converted", module: dnsLabel(job.name), plan, facts, needs: applyNeeds(plan, options.config) };
}

/** Render and check a planned job; it stays converted only if its files pass the checks. */
export async function finishJob(r: JobResult, diags: Diagnostics, options: ConvertOptions): Promise<Record<string, string>> {
  const plan = r.plan!;
  plan.comments = attachComments(plan, r.job, diags.items);
  const fail = (): Record<string, string> => {
    Object.assign(r, { status: "failed", module: null, reason: firstError(diags) });
    return {};
  };
  let files: Record<string, string>;
  try {
    files = renderModule(plan, options.config);
  } catch (err) {
    if (!(err instanceof LayoutError)) throw err;
    diags.error("N2K-SELF-001", `rendered HCL is malformed (a nomad2k8s bug): ${err.message}`);
    return fail();
  }
  await checkFiles(files, plan, diags, !!options.verify, r.module ?? "");
  if (diags.hasErrors) return fail();
  const out = Object.fromEntries(Object.entries(files).map(([name, text]) => [`${r.module}/${name}`, text]));
  r.files = Object.keys(out);
  return out;
}

/** Puts a job where the fleet index says (its folder, N2K-JOB-007 when it clashes with an earlier job). */
export function place(r: JobResult, n: NormalizedJob, p: Placement): void {
  r.module = p.module;
  if (p.warning) n.diagnostics.warn("N2K-JOB-007", p.warning.message, { line: n.job.line, hint: p.warning.hint });
}

function firstError(diags: Diagnostics): string {
  return diags.items.find((d) => d.severity === "error")!.message;
}
