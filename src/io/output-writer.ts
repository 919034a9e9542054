import { createHash } from "node:crypto";
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, readSync } from "node:fs";
import { dirname } from "node:path";
import { checksumStream, markdownHeader, readHeader } from "../render/header.js";
import { insideOut, refusal, writeAction, writeAtomic, type WriteAction } from "./safe-write.js";
import type { FileState } from "../render/header.js";

export interface WriteOutcome {
  path: string;
  action: WriteAction;
  state?: FileState;
  /** Why a blocked write can never be done, even with --force (a symbolic link on the way). */
  refused?: string;
}

/**
 * Writes a fleet's files as they come, with the rules of planWrites/applyWrites (atomic temp +
 * rename; a file edited since generation, or not ours, is left alone without --force), but
 * synchronously and without a look at the disk where none is needed: a module folder that did
 * not exist when the run started holds nothing to compare with or protect.
 */
export class OutputWriter {
  private readonly existing: Set<string>;
  private readonly made = new Set<string>();

  constructor(
    private readonly out: string,
    private readonly opts: { force: boolean; dryRun: boolean },
  ) {
    let names: string[] = [];
    try {
      names = readdirSync(out);
    } catch {
      // no output folder yet: everything is new
    }
    // In any case: on a case-insensitive disk (macOS, Windows) "API/" holds "api/main.tf".
    this.existing = new Set(names.map((n) => n.toLowerCase()));
  }

  /** Writes one module's files (paths relative to the output folder). */
  write(files: Record<string, string>): WriteOutcome[] {
    const outcomes: WriteOutcome[] = [];
    for (const rel of Object.keys(files).sort()) {
      const full = insideOut(this.out, rel);
      const after = files[rel];
      const refused = refusal(this.out, full);
      if (refused) {
        outcomes.push({ path: rel, action: "blocked", refused });
        continue;
      }
      const fresh = !this.existing.has(rel.split("/")[0].toLowerCase());
      let before: string | undefined;
      if (!fresh) {
        try {
          before = readFileSync(full, "utf8");
        } catch {
          // not there: created
        }
      }
      const outcome = writeAction(rel, before, after, this.opts.force);
      if ((outcome.action === "create" || outcome.action === "update") && !this.opts.dryRun) this.put(full, (write) => write(after));
      outcomes.push({ path: rel, ...outcome });
    }
    return outcomes;
  }

  /**
   * Writes a file too large to hold (the fleet's report), produced piece by piece by `emit`.
   * `markdown`: the file gets the checksummed header, which needs one pass over the body first.
   */
  writeStream(rel: string, emit: (write: (chunk: string) => void) => void, markdown: boolean): WriteOutcome {
    const full = insideOut(this.out, rel);
    const refused = refusal(this.out, full);
    if (refused) return { path: rel, action: "blocked", refused };
    let produce = emit;
    if (markdown) {
      const sum = checksumStream();
      emit((c) => sum.update(c));
      const head = markdownHeader(sum.value());
      produce = (write) => {
        write(head);
        emit(write);
      };
    }
    const digest = createHash("sha256");
    produce((c) => digest.update(c));
    const after = digest.digest("hex");
    const before = fileDigest(full);
    if (before === undefined || before.sha === after) {
      const action = before === undefined ? "create" : "unchanged";
      if (action === "create" && !this.opts.dryRun) this.put(full, produce);
      return { path: rel, action, ...(before ? { state: "generated" as const } : {}) };
    }
    const state = streamState(full, markdown);
    const action: WriteAction = state === "generated" || this.opts.force ? "update" : "blocked";
    if (action === "update" && !this.opts.dryRun) this.put(full, produce);
    return { path: rel, action, state };
  }

  /** An atomic write, with one mkdir per folder for the whole run. */
  private put(full: string, produce: (write: (chunk: string) => void) => void): void {
    const dir = dirname(full);
    if (!this.made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      this.made.add(dir);
    }
    writeAtomic(full, produce);
  }
}

/** Calls `each` with the file's bytes from `from` on, a chunk at a time; false when there is no file. */
function readChunks(full: string, each: (chunk: Buffer) => void, from = 0): boolean {
  let fd: number;
  try {
    fd = openSync(full, "r");
  } catch {
    return false;
  }
  try {
    const buf = Buffer.allocUnsafe(1 << 16);
    for (let n, at = from; (n = readSync(fd, buf, 0, buf.length, at)) > 0; at += n) each(buf.subarray(0, n));
    return true;
  } finally {
    closeSync(fd);
  }
}

/** sha256 of a file; undefined when there is none. */
function fileDigest(full: string): { sha: string } | undefined {
  const hash = createHash("sha256");
  return readChunks(full, (c) => hash.update(c)) ? { sha: hash.digest("hex") } : undefined;
}

/** Whether a report on disk is ours and untouched, read a chunk at a time (it can be large). */
function streamState(full: string, markdown: boolean): FileState {
  const start = Buffer.alloc(512);
  const fd = openSync(full, "r");
  const n = readSync(fd, start, 0, start.length, 0);
  closeSync(fd);
  const head = start.subarray(0, n).toString("latin1");
  if (!markdown) return /^\{\s*"generator": "nomad2k8s"/.test(head) ? "generated" : "foreign";
  const h = readHeader(head);
  if (!h) return "foreign";
  const sum = checksumStream();
  readChunks(full, (c) => sum.update(c), Buffer.byteLength(head.slice(0, h.length), "latin1"));
  return sum.value() === h.checksum ? "generated" : "edited";
}
