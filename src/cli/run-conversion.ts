import type { SiteConfig } from "../config/site-config.js";
import { fileFailure, type ConvertResult, type SourceFile } from "../convert.js";
import { JobError } from "../diagnostics.js";
import { convertWhole } from "../fleet/worker-pool.js";
import type { MigrationReport } from "../report/build-report.js";
import { reportFiles } from "../report/report-files.js";
import type { CliIO } from "./io.js";
import { budgetOf } from "./fleet-run.js";
import { loadInputs, type CommonOptions } from "./inputs.js";

export interface Conversion {
  result: ConvertResult;
  report: MigrationReport;
  /** Module files plus the two report files, relative to the output folder. */
  files: Record<string, string>;
  config: SiteConfig;
}

/**
 * migrate and explain: inputs → conversion → report files, all in memory. The conversion runs
 * in a worker within the files' budget, as convert's does: a job that would hang or exhaust
 * memory fails, named, and the command reports it.
 */
export async function runConversion(inputs: string[], opts: CommonOptions, io: CliIO, progress?: (text: string) => void, adjust?: (config: SiteConfig) => void): Promise<Conversion> {
  progress?.("reading inputs");
  const loaded = await loadInputs(inputs, opts, io, adjust);
  progress?.(`converting ${loaded.count} file(s)`);
  const sources: SourceFile[] = [];
  const unread: ConvertResult["jobs"] = [];
  for (let i = 0; i < loaded.count; i++) {
    try {
      sources.push(loaded.read(i));
    } catch (err) {
      if (!(err instanceof JobError)) throw err;
      unread.push(fileFailure(err.diagnostic));
    }
  }
  const whole = await convertWhole(sources, { config: loaded.config, vars: loaded.vars, verify: opts.verify, cwd: io.cwd, allowRead: opts.allowRead ?? [] }, budgetOf(opts));
  const result: ConvertResult = "result" in whole ? whole.result : { files: {}, jobs: sources.map((s) => fileFailure({ ...whole, severity: "error", file: s.file })), diagnostics: [] };
  result.jobs.push(...unread);
  for (const p of loaded.problems) {
    result.jobs.push(fileFailure({ code: "N2K-INPUT-001", severity: "error", message: p.message, file: p.file }));
  }
  // The report is made again here when jobs were added to the worker's (failures it did not see).
  const made = "result" in whole && !unread.length && !loaded.problems.length ? whole : withReport(result);
  return { result, report: made.report, files: made.files, config: loaded.config };
}

function withReport(result: ConvertResult): { report: MigrationReport; files: Record<string, string> } {
  const { report, files } = reportFiles(result);
  return { report, files: { ...result.files, ...files } };
}
