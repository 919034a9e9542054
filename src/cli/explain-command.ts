import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { inert, inertLine } from "../redact.js";
import { jobSection } from "../report/markdown.js";
import type { CommonOptions } from "./inputs.js";
import { UsageError, type CliIO } from "./io.js";
import { unreadFiles } from "./job-summary.js";
import { runConversion } from "./run-conversion.js";

export interface ExplainOptions extends CommonOptions {
  json?: boolean;
  inputs: string;
}

/** The pattern decision, its evidence and the mapping table for the jobs of one file, or for one job by name. */
export async function explainCommand(target: string, opts: ExplainOptions, io: CliIO): Promise<number> {
  const isFile = existsSync(resolve(io.cwd, target));
  const conv = await runConversion([isFile ? target : opts.inputs], opts, io);
  // By name: that job only (every file defining it), found among --inputs.
  const all = conv.report.jobs.map((j, i) => ({ j, r: conv.result.jobs[i] }));
  let picked = all.filter((x) => isFile || x.j.job === target);
  let missing: string | undefined;
  if (!picked.length) {
    const unread = unreadFiles(conv.report.jobs, `${inertLine(target)}: no such file, and no job of that name in ${inertLine(opts.inputs)}`);
    if (!unread) throw new UsageError(`${target}: no such file, and no job of that name in ${opts.inputs}`);
    picked = all.filter((x) => unread.sections.includes(x.j));
    missing = unread.message;
  }
  if (opts.json) {
    const jobs = picked.map(({ j, r }) => ({ ...j, decision: r?.inference?.groups ?? [] }));
    io.stdout(JSON.stringify({ jobs }, null, 2) + "\n");
  } else {
    // Job files can hold escape sequences: inert, so they cannot drive the terminal.
    io.stdout(inert(picked.map(({ j }) => jobSection(j, true).join("\n")).join("\n\n")) + "\n");
  }
  if (missing) io.stderr(`${missing}\n`);
  return missing || picked.some(({ j }) => j.status === "failed") ? 1 : 0;
}
