import { readdir, readFile, rmdir, unlink } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { fileState, isOverrideFile, type FileState } from "../render/header.js";
import { insideOut } from "./safe-write.js";

export interface StaleFile {
  /** Relative to the output folder. */
  path: string;
  /** "generated": ours and untouched (safe to remove); "edited": ours, changed since. */
  state: Exclude<FileState, "foreign">;
}

/**
 * Files under `out` that nomad2k8s generated (they carry its header) but that the new
 * conversion no longer produces, e.g. the module of a job that was removed. Folders in
 * `keepDirs` (modules of jobs that failed this time), hidden folders and symlinks are not
 * looked at.
 */
export async function staleFiles(out: string, produced: ProducedFiles, keepDirs: Set<string>): Promise<StaleFile[]> {
  const found: StaleFile[] = [];
  const walk = async (dir: string) => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(dir, e.name);
      const rel = relative(out, p).split("\\").join("/");
      if (e.isDirectory()) {
        // Hidden folders (.terraform holds copies of modules) are not ours to judge.
        if (!keepDirs.has(rel) && !e.name.startsWith(".")) await walk(p);
      } else if (e.isFile() && e.name.endsWith(".tf") && !isOverrideFile(e.name) && !produced.has(rel)) {
        const state = fileState(await readFile(p, "utf8"));
        if (state !== "foreign") found.push({ path: rel, state });
      }
    }
  };
  await walk(out);
  return found;
}

/**
 * The paths a run produced, remembered compactly: modules repeat the same few file names, so
 * each folder keeps one shared list of names instead of a string per file.
 */
export class ProducedFiles {
  private readonly byDir = new Map<string, Set<string>>();
  private readonly lists = new Map<string, Set<string>>();

  add(paths: string[]): void {
    const byDir = new Map<string, string[]>();
    for (const p of paths) {
      const at = p.lastIndexOf("/");
      const dir = p.slice(0, Math.max(at, 0));
      byDir.set(dir, [...(byDir.get(dir) ?? []), p.slice(at + 1)]);
    }
    for (const [dir, names] of byDir) {
      const all = [...new Set([...(this.byDir.get(dir) ?? []), ...names])].sort();
      const key = all.join("/");
      if (!this.lists.has(key)) this.lists.set(key, new Set(all));
      this.byDir.set(dir, this.lists.get(key)!);
    }
  }

  /** The folders anything was produced in. */
  dirs(): string[] {
    return [...this.byDir.keys()];
  }

  /** Whether anything was produced in this top-level folder. */
  hasDir(dir: string): boolean {
    return this.byDir.has(dir);
  }

  has(rel: string): boolean {
    const at = rel.lastIndexOf("/");
    return this.byDir.get(rel.slice(0, Math.max(at, 0)))?.has(rel.slice(at + 1)) ?? false;
  }
}

export interface PruneOutcome {
  removed: string[];
  /** Edited since generation: never removed, the user decides. */
  kept: string[];
  /** Module folders left empty and removed. */
  folders: string[];
}

/**
 * Removes the stale files that are generated and unedited (the same rule that allows
 * overwriting), then the folders they leave empty. Nothing outside `out` is touched.
 */
export async function pruneStale(out: string, stale: StaleFile[], dryRun: boolean): Promise<PruneOutcome> {
  const outcome: PruneOutcome = { removed: [], kept: [], folders: [] };
  const dirs = new Set<string>();
  for (const f of stale) {
    if (f.state !== "generated") {
      outcome.kept.push(f.path);
      continue;
    }
    const full = insideOut(out, f.path);
    // Read again right before removing: an edit since the scan keeps the file.
    if (!dryRun) {
      if (fileState(await readFile(full, "utf8")) !== "generated") {
        outcome.kept.push(f.path);
        continue;
      }
      await unlink(full);
    }
    outcome.removed.push(f.path);
    dirs.add(dirname(full));
  }
  if (!dryRun) {
    for (const dir of [...dirs].sort().reverse()) {
      if (resolve(dir) === resolve(out)) continue;
      try {
        await rmdir(dir); // fails, as wanted, when anything else is left in the folder
        outcome.folders.push(relative(out, dir).split("\\").join("/"));
      } catch {
        // not empty: the user's other files stay
      }
    }
  }
  return outcome;
}
