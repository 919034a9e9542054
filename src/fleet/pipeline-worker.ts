// A worker thread of a bulk convert: it converts whole files (parse to checked module files), one
// at a time in the order they come, and posts each file's job outputs back.
import { parentPort, workerData } from "node:worker_threads";
import type { ConvertOptions } from "../convert.js";
import { jobFiles } from "../io/job-files.js";
import { convertSource, type SourceRequest } from "./convert-source.js";

const { cwd, ...rest } = workerData as Omit<ConvertOptions, "files" | "readFile"> & { cwd: string };
const options: ConvertOptions = { ...rest, files: jobFiles(cwd) };
let queue = Promise.resolve();

parentPort!.on("message", ({ id, req }: { id: number; req: SourceRequest }) => {
  queue = queue.then(async () => {
    try {
      parentPort!.postMessage({ id, outputs: await convertSource(req, options) });
    } catch (err) {
      parentPort!.postMessage({ id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    }
  });
});
