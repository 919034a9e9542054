import { jobSection } from "../report/markdown.js";
import type { CommonOptions } from "./inputs.js";
import type { CliIO } from "./io.js";
import { runConversion } from "./run-conversion.js";

export interface ExplainOptions extends CommonOptions {
  json?: boolean;
}

/** The pattern decision, its evidence and the mapping table for the jobs of one file. */
export async function explainCommand(file: string, opts: ExplainOptions, io: CliIO): Promise<number> {
  const { result, report } = await runConversion([file], opts, io);
  if (opts.json) {
    const jobs = report.jobs.map((j, i) => ({ ...j, decision: result.jobs[i]?.inference?.groups ?? [] }));
    io.stdout(JSON.stringify({ jobs }, null, 2) + "\n");
  } else {
    io.stdout(report.jobs.map((j) => jobSection(j).join("\n")).join("\n\n") + "\n");
  }
  return report.jobs.some((j) => j.status === "failed") ? 1 : 0;
}
