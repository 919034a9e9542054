import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { JobError } from "../diagnostics.js";
import { parseFile, parseLegacy, type ParsedFile } from "./parse-file.js";

export interface Source {
  file: string;
  text: string;
}

export type ParseOutcome = { src: Source; parsed: ParsedFile } | { src: Source; error: JobError };

/** Below this many files a worker's start-up costs more than it saves. */
const WORKER_THRESHOLD = 24;

// Runs in a worker thread: parses files one after another and posts each result back.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { parse } = require(workerData.parser);
parentPort.on("message", async ({ id, file, text }) => {
  try {
    parentPort.postMessage({ id, raw: await parse(file, text) });
  } catch (err) {
    parentPort.postMessage({ id, error: String(err && err.message ? err.message : err) });
  }
});
`;

async function parseHere(src: Source): Promise<ParseOutcome> {
  try {
    return { src, parsed: await parseFile(src.file, src.text) };
  } catch (err) {
    if (err instanceof JobError) return { src, error: err };
    throw err;
  }
}

type Reply = { id: number; raw?: Record<string, unknown>; error?: string };

/**
 * One long-lived worker: its WebAssembly parser stays warm between calls. It holds the
 * process open only while requests are pending.
 */
class ParseWorker {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: unknown) => void }>();
  private nextId = 0;
  broken = false;

  constructor() {
    const parser = createRequire(import.meta.url).resolve("@cdktf/hcl2json");
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { parser } });
    this.worker.on("message", (msg: Reply) => {
      this.pending.get(msg.id)?.resolve(msg);
      this.pending.delete(msg.id);
      if (this.pending.size === 0) this.worker.unref();
    });
    this.worker.on("error", (err) => {
      this.broken = true;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    });
    this.worker.unref();
  }

  parse(src: Source): Promise<Reply> {
    const id = this.nextId++;
    if (this.pending.size === 0) this.worker.ref();
    const reply = new Promise<Reply>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    this.worker.postMessage({ id, file: src.file, text: src.text });
    return reply;
  }
}

const pool: ParseWorker[] = [];

/** One worker per core: the later stages mostly wait on the parser, so it gets every core. */
function workers(): ParseWorker[] {
  const size = Math.max(1, Math.min(4, availableParallelism()));
  for (let i = 0; i < size; i++) if (!pool[i] || pool[i].broken) pool[i] = new ParseWorker();
  return pool.slice(0, size);
}

/**
 * Parses sources in order. Large batches are parsed by worker threads, so the WebAssembly
 * parser runs on every core while the later stages work on the files already parsed.
 */
export async function* parseSources(sources: Source[]): AsyncGenerator<ParseOutcome> {
  if (sources.length < WORKER_THRESHOLD) {
    for (const src of sources) yield await parseHere(src);
    return;
  }
  const ws = workers();
  // JSON jobs need no HCL parser; the rest go to the workers.
  const replies = sources.map((src, i) => (/^\s*\{/.test(src.text) ? undefined : ws[i % ws.length].parse(src)));
  for (const [i, src] of sources.entries()) {
    const reply = replies[i];
    if (!reply) {
      yield await parseHere(src);
      continue;
    }
    const msg = await reply;
    if (msg.raw) {
      yield { src, parsed: { file: src.file, source: src.text, raw: msg.raw, format: "hcl2" } };
      continue;
    }
    try {
      yield { src, parsed: parseLegacy(src.file, src.text, msg.error) };
    } catch (err) {
      if (!(err instanceof JobError)) throw err;
      yield { src, error: err };
    }
  }
}
