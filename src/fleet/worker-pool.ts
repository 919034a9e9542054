import { setFlagsFromString } from "node:v8";
import type { Worker } from "node:worker_threads";
import { createRequire } from "node:module";
import type { ConvertOptions } from "../convert.js";
import { expectManyParses } from "../nomad/hcl-parser.js";
import { convertSources, type JobOutput, type SourceRequest } from "./convert-source.js";

/** Converts files: on worker threads for a fleet, or right here for a few files. */
export interface Converter {
  run(req: SourceRequest, urgent?: boolean): Promise<JobOutput[]>;
  close(): Promise<void>;
}

/** In this thread: no worker start-up, the right choice below a few dozen files. */
export function inThread(options: ConvertOptions): Converter {
  return { run: async (req) => (await convertSources([req], options))[0], close: async () => undefined };
}

/**
 * A worker's live data is one file's jobs at a time (a few MB): a small young generation and a
 * bounded old one make V8 collect often instead of growing the heap, which keeps a fleet run's
 * memory flat. Measured on 8,000 real jobs: same speed, ~100 MB less than V8's defaults.
 */
const HEAP = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 256 };

/** Files per message to a worker: one message per file costs more than the file's cloning. */
const BATCH = 8;

type Task = { req: SourceRequest; resolve: (o: JobOutput[]) => void; reject: (e: Error) => void };

// Compiled code runs in workers; under vitest this module is TypeScript, the worker is not.
const WORKER_URL = import.meta.url.replace(/\/src\/fleet\/worker-pool\.ts$/, "/dist/fleet/worker-pool.js").replace(/worker-pool\.js$/, "pipeline-worker.js");

/**
 * `size` workers converting batches of files one after another, and with
 * `here` this thread too, a batch at a time between its own work (writing what is done): one
 * thread fewer to start and to hold in memory than a worker per core. A worker holds at most
 * `depth` batches, so the rest wait here in order (urgent requests, which the main thread
 * waits on, go first) and no worker idles while another has a backlog.
 */
export function workerPool(size: number, options: ConvertOptions & { cwd: string; allowRead: string[] }, here?: ConvertOptions, depth = 2): Converter {
  expectManyParses();
  // This thread's heap cannot be bounded like a worker's: V8's memory-saving mode keeps it from
  // growing with the fleet (8,000 jobs: ~220 MB instead of ~330 MB, for ~10–20% more time).
  setFlagsFromString("--optimize-for-size");
  const { files: _f, readFile: _r, ...data } = options;
  const queue: Task[] = [];
  const convertHere = (tasks: Task[], options: ConvertOptions) => convertSources(tasks.map((t) => t.req), options).then((outputs) => settle(tasks, outputs), (err) => settle(tasks, undefined, err));
  const { Worker } = createRequire(import.meta.url)("node:worker_threads") as typeof import("node:worker_threads");
  const workers = Array.from({ length: size }, () => {
    const worker: Worker = new Worker(new URL(WORKER_URL), { workerData: data, resourceLimits: HEAP });
    const busy = new Map<number, Task[]>();
    worker.on("message", (msg: { id: number; outputs?: JobOutput[][]; error?: string }) => {
      const tasks = busy.get(msg.id)!;
      busy.delete(msg.id);
      settle(tasks, msg.outputs, msg.error && new Error(`in a convert worker: ${msg.error}`));
      pump();
    });
    const w = { worker, busy, dead: false };
    // A worker dies when a file needs more than its bounded heap: that file converts here, with
    // this thread's heap, as the in-memory convert() would; the dead worker gets no more work.
    worker.on("error", (err) => {
      w.dead = true;
      const lost = [...busy.values()].flat();
      busy.clear();
      if (here) void convertHere(lost, here);
      else settle(lost, undefined, err);
    });
    return w;
  });
  let nextId = 0;
  let hereBusy = false;
  let scheduled = false;
  const pump = () => {
    scheduled = false;
    for (const w of workers) {
      while (!w.dead && w.busy.size < depth && queue.length) {
        const id = nextId++;
        const tasks = queue.splice(0, BATCH);
        w.busy.set(id, tasks);
        w.worker.postMessage({ id, reqs: tasks.map((t) => t.req) });
      }
    }
    if (here && !hereBusy && queue.length) {
      const tasks = queue.splice(0, BATCH);
      hereBusy = true;
      // After the events already queued (finished jobs to write), so this thread's share adapts.
      setImmediate(() =>
        convertHere(tasks, here).finally(() => {
          hereBusy = false;
          pump();
        }),
      );
    }
  };
  return {
    run(req, urgent = false) {
      return new Promise((resolve, reject) => {
        const task = { req, resolve, reject };
        if (urgent) queue.unshift(task);
        else queue.push(task);
        // Requests made in one go (the fleet's first window) leave together, in full batches.
        if (!scheduled) queueMicrotask(pump);
        scheduled = true;
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.worker.terminate()));
    },
  };
}

function settle(tasks: Task[], outputs: JobOutput[][] | undefined, err?: unknown): void {
  for (const [i, t] of tasks.entries()) {
    if (outputs) t.resolve(outputs[i]);
    else t.reject(err instanceof Error ? err : new Error(String(err)));
  }
}
