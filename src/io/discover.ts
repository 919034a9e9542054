import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";

const JOB_FILE = /\.(nomad\.hcl|nomad|hcl)$/;

export interface Discovered {
  files: string[];
  problems: { file: string; message: string }[];
}

/** Input files and folders → job files (folders searched recursively, sorted for stable output). */
export async function discoverInputs(inputs: string[]): Promise<Discovered> {
  const out: Discovered = { files: [], problems: [] };
  for (const input of inputs) {
    let st;
    try {
      st = await stat(input);
    } catch {
      out.problems.push({ file: input, message: "no such file or folder" });
      continue;
    }
    if (st.isFile()) {
      out.files.push(input);
      continue;
    }
    const found = await walk(input);
    if (found.length === 0) out.problems.push({ file: input, message: "no Nomad job files (*.nomad.hcl, *.nomad, *.hcl) in this folder" });
    out.files.push(...found);
  }
  out.files = [...new Set(out.files)];
  return out;
}

async function walk(dir: string): Promise<string[]> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files: string[] = [];
  for (const e of entries) {
    if (e.name.startsWith(".") || e.name === "node_modules") continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) files.push(...(await walk(p)));
    else if (e.isFile() && JOB_FILE.test(e.name)) files.push(p);
  }
  return files;
}
