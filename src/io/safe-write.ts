import { closeSync, lstatSync, openSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { fileState, isOverrideFile, type FileState } from "../render/header.js";

export type WriteAction = "create" | "update" | "unchanged" | "blocked";

export interface PlannedWrite {
  path: string;
  action: WriteAction;
  state?: FileState;
  before?: string;
  after: string;
  /** Why a blocked write can never be done, even with --force (a symbolic link on the way). */
  refused?: string;
}

/** Resolves a generated path inside `out`; anything that would land outside is refused. */
export function insideOut(out: string, rel: string): string {
  const full = resolve(out, rel);
  const r = relative(resolve(out), full);
  if (r === "" || r.startsWith("..") || isAbsolute(r)) throw new Error(`refusing to write outside the output folder: ${rel}`);
  return full;
}

/**
 * The first path component under `out` (the folder itself excepted) that is a symbolic link, as
 * a path relative to `out`: writing through it would land wherever it points, so nothing is.
 */
export function symlinkOnTheWay(out: string, full: string): string | undefined {
  const base = resolve(out);
  let at = base;
  for (const part of relative(base, full).split(sep)) {
    at = join(at, part);
    try {
      if (lstatSync(at).isSymbolicLink()) return relative(base, at).split(sep).join("/");
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Why nothing is written at `full`: a symbolic link on the way (--force does not change it). */
export function refusal(out: string, full: string): string | undefined {
  const link = symlinkOnTheWay(out, full);
  return link && `${link} is a symbolic link; nomad2k8s writes only real files and folders under the output folder`;
}

/** What writing `files` into `out` would do, file by file; nothing is written. */
export async function planWrites(out: string, files: Record<string, string>, force: boolean): Promise<PlannedWrite[]> {
  const plans: PlannedWrite[] = [];
  for (const rel of Object.keys(files).sort()) {
    const full = insideOut(out, rel);
    const after = files[rel];
    const refused = refusal(out, full);
    if (refused) {
      plans.push({ path: rel, action: "blocked", after, refused });
      continue;
    }
    let before: string | undefined;
    try {
      before = await readFile(full, "utf8");
    } catch {
      // not there: created
    }
    plans.push({ path: rel, ...writeAction(rel, before, after, force), ...(before === undefined ? {} : { before }), after });
  }
  return plans;
}

/** The overwrite rule: a file is replaced only when it is ours and unedited, or with --force. */
export function writeAction(rel: string, before: string | undefined, after: string, force: boolean): { action: WriteAction; state?: FileState } {
  if (isOverrideFile(rel)) throw new Error(`refusing to write ${rel}: override files hold the user's fixes (a nomad2k8s bug)`);
  if (before === undefined) return { action: "create" };
  if (before === after) return { action: "unchanged", state: "generated" };
  const state = stateOf(rel, before);
  return { action: state === "generated" || force ? "update" : "blocked", state };
}

export function stateOf(rel: string, text: string): FileState {
  if (rel.endsWith(".json")) {
    try {
      return JSON.parse(text).generator === "nomad2k8s" ? "generated" : "foreign";
    } catch {
      return "foreign";
    }
  }
  return fileState(text);
}

/** Carries out planned writes atomically (temp file in the same folder, then rename). */
export async function applyWrites(out: string, plans: PlannedWrite[]): Promise<void> {
  for (const p of plans) {
    if (p.action === "create" || p.action === "update") await writeFileAtomic(insideOut(out, p.path), p.after);
  }
}

export async function writeFileAtomic(full: string, text: string): Promise<void> {
  await mkdir(dirname(full), { recursive: true });
  writeAtomic(full, (write) => write(text));
}

/**
 * Writes `full` (its folder exists) from the chunks `produce` gives: into a temp file beside
 * it, then renamed over it, so a reader never sees half a file; the temp file goes on failure.
 */
export function writeAtomic(full: string, produce: (write: (chunk: string) => void) => void): void {
  const tmp = join(dirname(full), `.${process.pid}.${Date.now()}.nomad2k8s.tmp`);
  try {
    const fd = openSync(tmp, "w");
    try {
      produce((c) => writeSync(fd, c));
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, full);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // never made, or already gone
    }
    throw err;
  }
}
