// A worker thread of a bulk convert: it converts batches of whole files (parse to checked module
// files) in the order they come, and posts each file's job outputs back.
import { parentPort, workerData } from "node:worker_threads";
import type { ConvertOptions } from "../convert.js";
import { jobFiles } from "../io/job-files.js";
import { convertSources, type SourceRequest } from "./convert-source.js";

const { cwd, allowRead, ...rest } = workerData as Omit<ConvertOptions, "files" | "readFile"> & { cwd: string; allowRead: string[] };
const options: ConvertOptions = { ...rest, files: jobFiles(cwd, allowRead) };
let queue = Promise.resolve();

parentPort!.on("message", ({ id, reqs }: { id: number; reqs: SourceRequest[] }) => {
  queue = queue.then(async () => {
    try {
      parentPort!.postMessage({ id, outputs: await convertSources(reqs, options) });
    } catch (err) {
      parentPort!.postMessage({ id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    }
  });
});
