import type { SiteConfig } from "../config/site-config.js";
import { fileFailure, type ConvertResult, type JobResult, type SourceFile } from "../convert.js";
import { JobError } from "../diagnostics.js";
import { convertWhole } from "../fleet/convert-whole.js";
import type { MigrationReport } from "../report/build-report.js";
import { reportFiles } from "../report/report-files.js";
import type { CliIO } from "./io.js";
import { budgetOf, loadInputs, type CommonOptions } from "./inputs.js";

export interface Conversion {
  result: ConvertResult;
  report: MigrationReport;
  /** Module files plus the two report files, relative to the output folder. */
  files: Record<string, string>;
  config: SiteConfig;
}

/**
 * migrate and explain: inputs → conversion → report files, all in memory. The conversion runs
 * in a worker within the files' budget, as convert's does (src/fleet/convert-whole.ts).
 */
export async function runConversion(inputs: string[], opts: CommonOptions, io: CliIO, progress?: (text: string) => void, adjust?: (config: SiteConfig) => void): Promise<Conversion> {
  progress?.("reading inputs");
  const loaded = await loadInputs(inputs, opts, io, adjust);
  progress?.(`converting ${loaded.count} file(s)`);
  const sources: SourceFile[] = [];
  const unread: JobResult[] = [];
  for (let i = 0; i < loaded.count; i++) {
    try {
      sources.push(loaded.read(i));
    } catch (err) {
      if (!(err instanceof JobError)) throw err;
      unread.push(fileFailure(err.diagnostic, err.also));
    }
  }
  const options = { config: loaded.config, vars: loaded.vars, verify: opts.verify, cwd: io.cwd, allowRead: opts.allowRead ?? [] };
  const result = await convertWhole(sources, options, budgetOf(opts));
  result.jobs.push(...unread);
  for (const p of loaded.problems) {
    result.jobs.push(fileFailure({ code: "N2K-INPUT-001", severity: "error", message: p.message, file: p.file }));
  }
  const { report, files } = reportFiles(result);
  return { result, report, files: { ...result.files, ...files }, config: loaded.config };
}
