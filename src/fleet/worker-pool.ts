import { setFlagsFromString } from "node:v8";
import type { Worker } from "node:worker_threads";
import { createRequire } from "node:module";
import type { ConvertOptions } from "../convert.js";
import { expectManyParses } from "../nomad/hcl-parser.js";
import { fileFailure } from "../convert.js";
import type { Diagnostic } from "../diagnostics.js";
import { firstLine } from "../redact.js";
import { outputOf, type JobOutput, type SourceRequest } from "./convert-source.js";

/** Converts files on worker threads. */
export interface Converter {
  run(req: SourceRequest, urgent?: boolean): Promise<JobOutput[]>;
  close(): Promise<void>;
}

/**
 * A worker's live data is one file's jobs at a time (a few MB): a small young generation and a
 * bounded old one make V8 collect often instead of growing the heap, which keeps a fleet run's
 * memory flat. Measured on 8,000 real jobs: same speed, ~100 MB less than V8's defaults.
 */
const HEAP = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 256 };

/** Files per message to a worker: one message per file costs more than the file's cloning. */
const BATCH = 8;

/**
 * What converting one file may take: hostile input (a job evaluating a billion-element value, a
 * pattern that backtracks, a parser that recurses until it dies) ends in its worker, and fails
 * that file alone, named, while the run goes on.
 */
export const BUDGET = { msPerFile: 60_000, heapMb: HEAP.maxOldGenerationSizeMb };

type Task = { req: SourceRequest; resolve: (o: JobOutput[]) => void; reject: (e: Error) => void; alone?: boolean };

/** The compiled script of a worker of this folder: under vitest this module is TypeScript, a worker is not. */
export const workerScript = (name: string): URL => new URL(`./${name}.js`, import.meta.url.replace(/\/src\/fleet\/worker-pool\.ts$/, "/dist/fleet/worker-pool.js"));

/**
 * `size` workers converting batches of files one after another; every file is converted in a
 * worker, never in this thread, so that no file can take the run down. A batch whose worker
 * dies (out of memory, a crash) or runs over its time is retried file by file in fresh workers;
 * a file that fails so alone fails with a diagnostic naming the budget it exceeded.
 */
export function workerPool(size: number, options: ConvertOptions & { cwd: string; allowRead: string[] }, budget = BUDGET): Converter {
  expectManyParses();
  // This thread's heap cannot be bounded like a worker's: V8's memory-saving mode keeps it from
  // growing with the fleet (8,000 jobs: ~220 MB instead of ~330 MB, for ~10–20% more time).
  setFlagsFromString("--optimize-for-size");
  const { files: _f, readFile: _r, ...data } = options;
  const queue: Task[] = [];
  const { Worker } = createRequire(import.meta.url)("node:worker_threads") as typeof import("node:worker_threads");
  type Slot = { worker: Worker; batch?: { id: number; tasks: Task[]; timer: NodeJS.Timeout }; dead: boolean; end: (fail: Failure) => void };
  /** A batch that did not come back: its files again one by one, or, alone already, the file failed. */
  const lost = (tasks: Task[], fail: Failure) => {
    if (tasks.length === 1 && tasks[0].alone) return tasks[0].resolve(failedOutputs(tasks[0].req, fail));
    queue.unshift(...tasks.map((t) => ({ ...t, alone: true })));
  };
  const start = (): Slot => {
    const slot: Slot = { worker: new Worker(workerScript("pipeline-worker"), { workerData: data, resourceLimits: { ...HEAP, maxOldGenerationSizeMb: budget.heapMb } }), dead: false, end: () => undefined };
    slot.worker.on("message", (msg: { id: number; outputs?: JobOutput[][]; error?: string }) => {
      const b = slot.batch;
      if (!b || b.id !== msg.id) return;
      clearTimeout(b.timer);
      slot.batch = undefined;
      if (msg.outputs) settle(b.tasks, msg.outputs);
      else lost(b.tasks, bug(msg.error));
      pump();
    });
    const end = (slot.end = (fail: Failure) => {
      if (slot.dead) return;
      slot.dead = true;
      const b = slot.batch;
      slot.batch = undefined;
      if (b) clearTimeout(b.timer);
      void slot.worker.terminate();
      workers[workers.indexOf(slot)] = start();
      if (b) lost(b.tasks, fail);
      pump();
    });
    slot.worker.on("error", (err: Error & { code?: string }) => end(workerError(err, budget)));
    slot.worker.on("exit", (code) => end(workerExit(code)));
    return slot;
  };
  const workers: Slot[] = Array.from({ length: Math.max(1, size) }, start);
  let nextId = 0;
  let scheduled = false;
  const pump = () => {
    scheduled = false;
    for (const slot of workers) {
      if (slot.dead || slot.batch || !queue.length) continue;
      const tasks = queue.splice(0, queue[0].alone ? 1 : Math.min(BATCH, queue.findIndex((t) => t.alone) >>> 0));
      const id = nextId++;
      const ms = budget.msPerFile * tasks.length;
      const timer = setTimeout(() => slot.end(overTime(budget)), ms);
      slot.batch = { id, tasks, timer };
      slot.worker.postMessage({ id, reqs: tasks.map((t) => t.req) });
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
      for (const w of workers) w.dead = true;
      await Promise.all(workers.map((w) => w.worker.terminate()));
    },
  };
}

/** Why a file failed in a worker, to be named with the file. */
export type Failure = Omit<Diagnostic, "file" | "severity">;

export const overTime = (budget: typeof BUDGET): Failure => ({ code: "N2K-BUDGET-001", message: `converting it took longer than ${budget.msPerFile / 1000} s, the time budget of one file (--job-timeout)` });
export const bug = (error: string | undefined): Failure => ({ code: "N2K-SELF-002", message: `nomad2k8s failed on this file (a nomad2k8s bug): ${firstLine(error ?? "unknown error")}` });
export const workerExit = (code: number): Failure => ({ code: "N2K-SELF-002", message: `the converter stopped (exit code ${code}) on this file: its parser or evaluator ended abnormally` });
export function workerError(err: Error & { code?: string }, budget: typeof BUDGET): Failure {
  if (err.code !== "ERR_WORKER_OUT_OF_MEMORY") return bug(err.message);
  return { code: "N2K-BUDGET-002", message: `converting it needed more than ${budget.heapMb} MB of memory, the budget of one file (--job-memory)` };
}

/** What a file that failed in its worker gives: one failed entry naming the file and why. */
function failedOutputs(req: SourceRequest, d: Failure): JobOutput[] {
  return [outputOf(fileFailure({ ...d, severity: "error", file: req.src.file }), {})];
}


function settle(tasks: Task[], outputs: JobOutput[][]): void {
  for (const [i, t] of tasks.entries()) t.resolve(outputs[i]);
}
