import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { fileState } from "../render/header.js";

/**
 * Files under `out` that nomad2k8s generated (they carry its header) but that the new
 * conversion no longer produces, e.g. the module of a job that was removed.
 */
export async function staleFiles(out: string, produced: Record<string, string>, keepDirs: Set<string>): Promise<string[]> {
  const found: string[] = [];
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
        if (!keepDirs.has(rel)) await walk(p);
      } else if (e.name.endsWith(".tf") && !(rel in produced) && fileState(await readFile(p, "utf8")) !== "foreign") found.push(rel);
    }
  };
  await walk(out);
  return found;
}
