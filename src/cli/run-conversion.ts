import type { SiteConfig } from "../config/site-config.js";
import { convert, fileFailure, type ConvertResult } from "../convert.js";
import type { MigrationReport } from "../report/build-report.js";
import { reportFiles } from "../report/report-files.js";
import type { CliIO } from "./io.js";
import { loadInputs, type CommonOptions } from "./inputs.js";

export interface Conversion {
  result: ConvertResult;
  report: MigrationReport;
  /** Module files plus the two report files, relative to the output folder. */
  files: Record<string, string>;
  config: SiteConfig;
}

/** Shared by convert, diff and migrate: inputs → conversion → report files, all in memory. */
export async function runConversion(inputs: string[], opts: CommonOptions, io: CliIO, progress?: (text: string) => void, adjust?: (config: SiteConfig) => void): Promise<Conversion> {
  progress?.("reading inputs");
  const loaded = await loadInputs(inputs, opts, io, adjust);
  progress?.(`converting ${loaded.count} file(s)`);
  const sources = Array.from({ length: loaded.count }, (_, i) => loaded.read(i));
  const result = await convert(sources, { config: loaded.config, vars: loaded.vars, verify: opts.verify, files: loaded.files });
  for (const p of loaded.problems) {
    result.jobs.push(fileFailure({ code: "N2K-INPUT-001", severity: "error", message: p.message, file: p.file }));
  }
  const { report, files } = reportFiles(result);
  return { result, report, files: { ...result.files, ...files }, config: loaded.config };
}
