import { readFile, readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { isNomadJobJson } from "../nomad/parse-api-json.js";

const JOB_FILE = /\.(nomad\.hcl|nomad|hcl)$/;
// Found in a folder, these are jobs only when their content says so (package.json is not).
const MAYBE_JOB_FILE = /\.(json|job)$/;

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
    if (found.length === 0) out.problems.push({ file: input, message: "no Nomad job files (*.nomad.hcl, *.nomad, *.hcl, *.job, Nomad API *.json) in this folder" });
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
    else if (e.isFile() && (JOB_FILE.test(e.name) || (MAYBE_JOB_FILE.test(e.name) && (await holdsJob(p))))) files.push(p);
  }
  return files;
}

/** A `.json` file is a job when it parses to one; a `.job` file when it has a job block or is one. */
async function holdsJob(file: string): Promise<boolean> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    return false;
  }
  if (/^\s*\{/.test(text)) {
    try {
      return isNomadJobJson(JSON.parse(text));
    } catch {
      if (file.endsWith(".json")) return false;
    }
  }
  return file.endsWith(".job") && /^\s*job\s+"/m.test(text);
}
