import { existsSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join, relative, resolve } from "node:path";
import { keptFromEarlier, parseReport } from "../report/merge-report.js";
import { REPORT_JSON } from "../report/report-files.js";
import { reportPieces, type ReportSpool } from "../report/report-spool.js";
import { fileFailure } from "../convert.js";
import { outputOf, type JobOutput } from "../fleet/convert-source.js";
import { ProducedFiles } from "../io/stale-files.js";
import { dnsLabel } from "../plan/names.js";
import { convertFleet } from "../fleet/convert-fleet.js";
import { workerPool, type Converter } from "../fleet/worker-pool.js";
import { budgetOf, loadInputs, type CommonOptions } from "./inputs.js";
import { UsageError, type CliIO } from "./io.js";

/** Files per worker started: below this a second worker's start-up costs more than it saves. */
const WORKER_FILES = 24;

/**
 * Reads the inputs and converts them as a stream, shared by convert and diff: `record` gets
 * each job as soon as it is done (again, with the same seq, when a second pass changes it),
 * then one failed entry per input that could not be read.
 */
export async function runFleet(inputs: string[], opts: CommonOptions, io: CliIO, progress: (text: string) => void, record: (seq: number, out: JobOutput, again: boolean) => void): Promise<void> {
  let converter: Converter | undefined;
  let count = 0;
  const note = (seq: number, out: JobOutput, again: boolean) => {
    record(seq, out, again);
    count = Math.max(count, seq + 1);
    if (seq % 50 === 0) progress(`converted ${seq + 1} job(s)`);
  };
  try {
    progress("reading inputs");
    const loaded = await loadInputs(inputs, opts, io);
    // Nothing to read is a usage mistake (a mistyped path): no report replaces the fleet's.
    if (loaded.count === 0) throw new UsageError(`${loaded.problems.map((p) => `${p.file}: ${p.message}`).join("; ") || "no Nomad job found in the inputs"}; nothing converted, no report written`);
    const options = { config: loaded.config, vars: loaded.vars, verify: opts.verify };
    // Every file converts in a worker, within its budget, even in a run of one file.
    const workers = Math.max(1, Math.min(availableParallelism(), Math.ceil(loaded.count / WORKER_FILES)));
    converter = workerPool(workers, { ...options, cwd: io.cwd, allowRead: opts.allowRead ?? [] }, budgetOf(opts));
    await convertFleet(loaded.count, loaded.read, converter, note);
    for (const p of loaded.problems) note(count, outputOf(fileFailure({ code: "N2K-INPUT-001", severity: "error", message: p.message, file: p.file }), {}), false);
  } finally {
    await converter?.close();
  }
}

/**
 * What convert and diff keep of every job for the end of the run: the paths produced (for
 * stale files), the module folders of failed jobs (not stale: they could not be regenerated)
 * and the inputs that could not be read (nothing can be judged stale then). A second pass
 * over a job replaces what its first pass left.
 */
export class FleetTally {
  readonly produced = new ProducedFiles();
  private readonly failedModules = new Map<number, string>();
  private readonly unreadFiles = new Map<number, string>();

  record(seq: number, out: JobOutput): void {
    this.produced.add(Object.keys(out.files));
    this.failedModules.delete(seq);
    this.unreadFiles.delete(seq);
    if (out.status === "failed" && out.job) this.failedModules.set(seq, dnsLabel(out.job));
    if (out.status === "failed" && !out.job) this.unreadFiles.set(seq, out.file);
  }

  failed(): Set<string> {
    return new Set(this.failedModules.values());
  }

  /** Inputs that failed before a job could be read from them, in input order. */
  unread(): string[] {
    return [...this.unreadFiles.keys()].sort((a, b) => a - b).map((seq) => this.unreadFiles.get(seq)!);
  }

  get anyFailed(): boolean {
    return this.failedModules.size + this.unreadFiles.size > 0;
  }
}

/**
 * Adds to `spool` the entries of the report already in `outDir` that this run does not
 * replace (jobs from files outside its inputs, whose files still exist), so converting part of
 * a fleet keeps one whole report. Returns the module folders of the entries kept: not stale.
 */
export function keepEarlierEntries(outDir: string, spool: ReportSpool, inputs: string[], opts: CommonOptions, io: CliIO): Set<string> {
  let text: string | undefined;
  try {
    text = readFileSync(join(outDir, REPORT_JSON), "utf8");
  } catch {
    return new Set();
  }
  const fromNomad = opts.fromNomad !== undefined && opts.fromNomad !== false;
  const roots = fromNomad ? [] : inputs.map((i) => relative(io.cwd, resolve(io.cwd, i)).split("\\").join("/"));
  const covered = (file: string) => {
    if (file.startsWith("nomad://")) return fromNomad && (!opts.job?.length || opts.job.some((id) => file.endsWith(`/v1/job/${id}`)));
    // An entry whose file is gone, or lies in a folder this run searched, is not kept.
    if (!existsSync(resolve(io.cwd, file))) return true;
    return roots.some((r) => r === "" || file === r || file.startsWith(`${r}/`));
  };
  const kept = keptFromEarlier(parseReport(text), spool.held(), covered);
  if (!kept.length) return new Set();
  for (const j of kept) spool.append(reportPieces(j));
  spool.sortByFile();
  return new Set(kept.flatMap((j) => (j.module ? [j.module] : [])));
}
