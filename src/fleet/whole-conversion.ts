import { convert, type ConvertOptions, type ConvertResult, type SourceFile } from "../convert.js";
import type { MigrationReport } from "../report/build-report.js";
import { reportFiles } from "../report/report-files.js";

/** A whole conversion of a few files, as migrate and explain read it: results, report, files. */
export interface WholeConversion {
  result: ConvertResult;
  report: MigrationReport;
  /** Module files plus the two report files, relative to the output folder. */
  files: Record<string, string>;
}

/** Converts the files together (run in a worker, within the budget: see convertWhole). */
export async function wholeConversion(sources: SourceFile[], options: ConvertOptions): Promise<WholeConversion> {
  const result = await convert(sources, options);
  const { report, files } = reportFiles(result);
  // The typed Nomad job stays here: the commands read the plan, facts and report only.
  for (const j of result.jobs) delete j.nomad;
  return { result, report, files: { ...result.files, ...files } };
}
