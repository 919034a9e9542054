import { setFlagsFromString } from "node:v8";
import { Worker } from "node:worker_threads";
import type { ConvertOptions } from "../convert.js";
import { convertSource, type JobOutput, type SourceRequest } from "./convert-source.js";

/** Converts files: on worker threads for a fleet, or right here for a few files. */
export interface Converter {
  run(req: SourceRequest, urgent?: boolean): Promise<JobOutput[]>;
  close(): Promise<void>;
}

/** In this thread: no worker start-up, the right choice below a few dozen files. */
export function inThread(options: ConvertOptions): Converter {
  return { run: (req) => convertSource(req, options), close: async () => undefined };
}

type Task = { req: SourceRequest; resolve: (o: JobOutput[]) => void; reject: (e: Error) => void };

// Compiled code runs in workers; under vitest this module is TypeScript, the worker is not.
const WORKER_URL = new URL(import.meta.url.endsWith(".ts") ? import.meta.url.replace("/src/", "/dist/").replace(/\.ts$/, ".js") : import.meta.url).href.replace(/worker-pool\.js$/, "pipeline-worker.js");

/**
 * `size` workers, each converting whole files one after another. Each worker holds at most
 * `depth` files, so a slow file never leaves the others idle, and the rest wait here in order
 * (urgent requests, second passes the main thread waits on, go first).
 */
export function workerPool(size: number, options: ConvertOptions & { cwd: string }, depth = 2): Converter {
  // The CLI compiles the parser with the baseline compiler only (a one-job run starts ~0.1 s
  // sooner); workers parse hundreds of files, where optimised code pays back.
  setFlagsFromString("--no-liftoff-only");
  const { files: _f, readFile: _r, ...data } = options;
  const queue: Task[] = [];
  const workers = Array.from({ length: size }, () => {
    const worker = new Worker(new URL(WORKER_URL), { workerData: data });
    const busy = new Map<number, Task>();
    worker.on("message", (msg: { id: number; outputs?: JobOutput[]; error?: string }) => {
      const task = busy.get(msg.id)!;
      busy.delete(msg.id);
      if (msg.outputs) task.resolve(msg.outputs);
      else task.reject(new Error(`in a convert worker: ${msg.error}`));
      pump();
    });
    worker.on("error", (err) => {
      for (const t of busy.values()) t.reject(err);
      busy.clear();
    });
    return { worker, busy };
  });
  let nextId = 0;
  const pump = () => {
    for (const w of workers) {
      while (w.busy.size < depth && queue.length) {
        const task = queue.shift()!;
        const id = nextId++;
        w.busy.set(id, task);
        w.worker.postMessage({ id, req: task.req });
      }
    }
  };
  return {
    run(req, urgent = false) {
      return new Promise((resolve, reject) => {
        const task = { req, resolve, reject };
        if (urgent) queue.unshift(task);
        else queue.push(task);
        pump();
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.worker.terminate()));
    },
  };
}
