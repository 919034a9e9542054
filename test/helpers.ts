import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseConfig } from "../src/config/load-config.js";
import { defaultSiteConfig } from "../src/config/site-config.js";
import { convert, type ConvertResult } from "../src/convert.js";
import { reportFiles } from "../src/report/report-files.js";
import { jobFiles } from "../src/io/job-files.js";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const GOLDEN = join(ROOT, "test", "golden");
export const UPDATE = process.env.UPDATE_GOLDEN === "1";

export function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  const walk = (d: string) => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p).split("\\").join("/")] = readFileSync(p, "utf8");
    }
  };
  walk(dir);
  return out;
}

export function writeTree(dir: string, files: Record<string, string>): void {
  rmSync(dir, { recursive: true, force: true });
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
}

export function goldenCases(): string[] {
  return readdirSync(GOLDEN).filter((n) => statSync(join(GOLDEN, n)).isDirectory()).sort();
}

/** Converts one golden case the way the CLI would, with file names relative to the case. */
export async function convertCase(name: string): Promise<{ result: ConvertResult; files: Record<string, string> }> {
  const dir = join(GOLDEN, name);
  const sources = readdirSync(dir)
    // HCL2, HCL1 (`.nomad`) and API JSON jobs; other JSON (package.json) is not a job.
    .filter((f) => /\.(nomad\.hcl|nomad|hcl|nomad\.json)$/.test(f) || (f.endsWith(".json") && !["config.json", "vars.json", "package.json"].includes(f)))
    .sort()
    .map((f) => ({ file: f, text: readFileSync(join(dir, f), "utf8") }));
  const config = existsSync(join(dir, "config.json")) ? parseConfig(JSON.parse(readFileSync(join(dir, "config.json"), "utf8"))) : defaultSiteConfig();
  const vars = existsSync(join(dir, "vars.json")) ? JSON.parse(readFileSync(join(dir, "vars.json"), "utf8")) : {};
  // The job's sibling files, as the CLI gives them (file() and fileset() read next to the job).
  const result = await convert(sources, { config, vars, verify: true, files: jobFiles(dir) });
  return { result, files: { ...result.files, ...reportFiles(result).files } };
}
