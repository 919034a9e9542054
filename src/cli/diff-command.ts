import { resolve } from "node:path";
import { formatDiagnostic } from "../diagnostics.js";
import { readableRefs } from "../plan/hcl-value.js";
import { planWrites } from "../io/safe-write.js";
import { staleFiles } from "../io/stale-files.js";
import { REPORT_JSON, REPORT_MD } from "../report/report-files.js";
import type { CommonOptions } from "./inputs.js";
import type { CliIO } from "./io.js";
import { changed, renderReview, renderStat, summarize } from "./review.js";
import { failedModules, runConversion } from "./run-conversion.js";

export interface DiffOptions extends CommonOptions {
  out: string;
  stat?: boolean;
  report?: boolean;
}

/**
 * What a convert would change on disk, without writing. Exit 0: no difference; 1: there are
 * differences (like `terraform plan -detailed-exitcode`); 2: a job or input failed.
 */
export async function diffCommand(inputs: string[], opts: DiffOptions, io: CliIO): Promise<number> {
  const { result, files } = await runConversion(inputs, opts, io);
  if (!opts.report) {
    delete files[REPORT_MD];
    delete files[REPORT_JSON];
  }
  const outDir = resolve(io.cwd, opts.out);
  const plans = await planWrites(outDir, files, false);
  const removed = await staleFiles(outDir, files, failedModules(result));
  const summary = summarize(plans, removed);
  if (!opts.stat) io.stdout(renderReview(io, opts.out, plans, removed));
  io.stdout(`${renderStat(summary)}\n`);
  const failed = result.jobs.filter((j) => j.status === "failed");
  for (const j of failed) for (const d of j.diagnostics.filter((x) => x.severity === "error")) io.stderr(`${readableRefs(formatDiagnostic(d))}\n`);
  if (failed.length) return 2;
  return changed(summary) ? 1 : 0;
}
