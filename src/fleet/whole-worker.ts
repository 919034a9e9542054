// The worker thread of migrate and explain: it converts a few files together (they need the
// whole result: plan, facts and the typed job the questions are asked from) and posts it back.
// One such worker serves a whole command run, one conversion after another (src/fleet/convert-whole.ts).
import { parentPort } from "node:worker_threads";
import { convert, type ConvertOptions, type SourceFile } from "../convert.js";
import { jobFiles } from "../io/job-files.js";

/** What crosses to the worker: the options are the conversion's own (a migrate's second run has the user's answers in its config). */
export interface WholeRequest {
  id: number;
  sources: SourceFile[];
  options: Omit<ConvertOptions, "files" | "readFile"> & { cwd: string; allowRead: string[] };
}

parentPort!.on("message", async ({ id, sources, options }: WholeRequest) => {
  const { cwd, allowRead, ...rest } = options;
  try {
    parentPort!.postMessage({ id, result: await convert(sources, { ...rest, files: jobFiles(cwd, allowRead) }) });
  } catch (err) {
    parentPort!.postMessage({ id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
});
