// A worker thread of a bulk convert: it converts batches of whole files (parse to checked module
// files) in the order they come, and posts each file's job outputs back; or, for migrate and
// explain, converts a few files together and posts the whole result.
import { parentPort, workerData } from "node:worker_threads";
import type { ConvertOptions, SourceFile } from "../convert.js";
import { jobFiles } from "../io/job-files.js";
import { convertSources, type SourceRequest } from "./convert-source.js";
import { wholeConversion } from "./whole-conversion.js";

const { cwd, allowRead, ...rest } = workerData as Omit<ConvertOptions, "files" | "readFile"> & { cwd: string; allowRead: string[] };
const options: ConvertOptions = { ...rest, files: jobFiles(cwd, allowRead) };
let queue = Promise.resolve();

parentPort!.on("message", ({ id, reqs, whole }: { id: number; reqs?: SourceRequest[]; whole?: SourceFile[] }) => {
  queue = queue.then(async () => {
    try {
      if (whole) parentPort!.postMessage({ id, whole: await wholeConversion(whole, options) });
      else parentPort!.postMessage({ id, outputs: await convertSources(reqs!, options) });
    } catch (err) {
      parentPort!.postMessage({ id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    }
  });
});
