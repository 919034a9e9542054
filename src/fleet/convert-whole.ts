import type { Worker } from "node:worker_threads";
import { createRequire } from "node:module";
import { fileFailure, type ConvertResult, type JobResult, type SourceFile } from "../convert.js";
import type { WholeRequest } from "./whole-worker.js";
import { BUDGET, bug, overTime, workerError, workerExit, workerScript, type Failure } from "./worker-pool.js";

type Options = WholeRequest["options"];

/** A worker's old generation is bounded by its files' budgets, and by this over many files. */
const MAX_HEAP_MB = 4096;

/**
 * migrate and explain convert their files together (they need the whole result), in a worker,
 * within the budget of that many files, as convert does file by file: a job that would hang or
 * exhaust memory fails, named, instead of taking the command down. When the whole fails, each
 * file is converted alone to find the ones over their own budget: they fail by name, and the
 * others are converted together again (a hostile file in the folder does not fail the job asked for).
 */
export async function convertWhole(sources: SourceFile[], options: Options, budget = BUDGET): Promise<ConvertResult> {
  const whole = await convertIn(sources, options, budget);
  if (!isFailure(whole)) return whole;
  if (sources.length < 2) return failedAll(sources, whole);
  const failed: JobResult[] = [];
  const good: SourceFile[] = [];
  for (const s of sources) {
    const alone = await convertIn([s], options, budget);
    if (isFailure(alone)) failed.push(fileFailure({ ...alone, severity: "error", file: s.file }));
    else good.push(s);
  }
  // No file over its own budget: together they were, and all fail with it.
  if (!failed.length) return failedAll(sources, whole);
  const rest = good.length ? await convertIn(good, options, budget) : { files: {}, jobs: [], diagnostics: [] };
  if (isFailure(rest)) return failedAll(sources, rest);
  const order = new Map(sources.map((s, i) => [s.file, i]));
  rest.jobs = [...rest.jobs, ...failed].sort((a, b) => order.get(a.file)! - order.get(b.file)!);
  return rest;
}

const isFailure = (r: ConvertResult | Failure): r is Failure => !("jobs" in r);

function failedAll(sources: SourceFile[], why: Failure): ConvertResult {
  return { files: {}, jobs: sources.map((s) => fileFailure({ ...why, severity: "error", file: s.file })), diagnostics: [] };
}

/**
 * One worker serves a command run: started once, it stays warm between a migrate's conversion
 * before and after the user's answers (a cold start costs ~0.2 s plus an unwarmed converter,
 * several times a warm run). It is started again after a conversion that stopped it, or for a
 * different memory budget.
 */
let kept: { worker: Worker; heapMb: number } | undefined;
let nextId = 0;

function workerOf(heapMb: number): Worker {
  if (kept?.heapMb === heapMb) return kept.worker;
  if (kept) retire(kept.worker);
  const { Worker } = createRequire(import.meta.url)("node:worker_threads") as typeof import("node:worker_threads");
  const worker = new Worker(workerScript("whole-worker"), { resourceLimits: { maxOldGenerationSizeMb: heapMb } });
  // Idle, it does not keep the process alive: a command ends when its work does.
  worker.unref();
  worker.on("error", () => undefined);
  worker.once("exit", () => {
    if (kept?.worker === worker) kept = undefined;
  });
  kept = { worker, heapMb };
  return worker;
}

function retire(worker: Worker): void {
  if (kept?.worker === worker) kept = undefined;
  void worker.terminate();
}

/** The files converted together in the kept worker, or why they could not be within the budget. */
function convertIn(sources: SourceFile[], options: Options, budget: typeof BUDGET): Promise<ConvertResult | Failure> {
  const n = Math.max(1, sources.length);
  const worker = workerOf(Math.min(MAX_HEAP_MB, budget.heapMb * n));
  const id = nextId++;
  return new Promise((resolve) => {
    const finish = (out: ConvertResult | Failure, stop = false) => {
      clearTimeout(timer);
      worker.off("message", onMessage).off("error", onError).off("exit", onExit);
      if (stop) retire(worker);
      else worker.unref();
      resolve(out);
    };
    const onMessage = (msg: { id: number; result?: ConvertResult; error?: string }) => {
      if (msg.id === id) finish(msg.result ?? bug(msg.error));
    };
    const onError = (err: Error & { code?: string }) => finish(workerError(err, budget), true);
    const onExit = (code: number) => finish(workerExit(code), true);
    const timer = setTimeout(() => finish(overTime(budget), true), budget.msPerFile * n);
    worker.on("message", onMessage).on("error", onError).on("exit", onExit);
    worker.ref();
    worker.postMessage({ id, sources, options } satisfies WholeRequest);
  });
}
