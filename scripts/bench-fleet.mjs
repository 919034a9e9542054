// A fleet of N real job files for the benchmark: ../shared/corpus/jobs plus the shipped
// examples, cycled until N, each job renamed so that every name in the fleet is unique.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

const ROOT = new URL("..", import.meta.url).pathname;
export const CORPUS = join(ROOT, "..", "shared", "corpus", "jobs");

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.isFile() && /\.(nomad\.hcl|nomad|hcl)$/.test(e.name) ? [join(dir, e.name)] : []));
}

/** The job files the fleet cycles through: the corpus when it is there, always the examples. */
export function sourceJobs() {
  let corpus = [];
  try {
    corpus = walk(CORPUS);
  } catch {
    // no corpus here: the examples alone
  }
  const examples = walk(join(ROOT, "nomad-jobs"));
  return [...corpus, ...examples].map((f) => ({ file: f, text: readFileSync(f, "utf8"), corpus: f.startsWith(CORPUS) }));
}

/** Writes `n` job files under `dir` (emptied first); returns their paths. */
export function writeFleet(dir, n, jobs = sourceJobs()) {
  rmSync(dir, { recursive: true, force: true });
  const files = [];
  for (let i = 0; i < n; i++) {
    const src = jobs[i % jobs.length];
    const round = Math.floor(i / jobs.length);
    // Real fleets repeat names across repositories (many "traefik" jobs): a number makes each unique.
    const text = src.text.replace(/^(\s*job\s+")([^"]+)"/m, (_m, head, name) => `${head}${name}-${i}"`);
    const rel = src.corpus ? relative(CORPUS, src.file) : join("examples", relative(join(ROOT, "nomad-jobs"), src.file));
    const out = join(dir, `r${round}`, rel.split("/").join("__"));
    mkdirSync(join(dir, `r${round}`), { recursive: true });
    writeFileSync(out, text);
    files.push(out);
  }
  return files;
}
