// npm run bench: the whole CLI `convert` on fleets of real Nomad jobs against the HCL parser
// alone on the same files (one thread), with peak RSS; then how cost grows with fleet size,
// and the cold start of a one-job convert. See README "Speed".
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sourceJobs, writeFleet } from "./bench-fleet.mjs";

const ROOT = new URL("..", import.meta.url).pathname;
const N = Number(process.env.BENCH_JOBS ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SIZES = (process.env.BENCH_SIZES ?? "500,2000,8000").split(",").filter(Boolean).map(Number);
const work = mkdtempSync(join(tmpdir(), "n2k-bench-"));
const jobs = sourceJobs();

function parseOnly(dir) {
  const p = spawnSync(process.execPath, [join(ROOT, "scripts", "bench-parse.mjs"), dir], { encoding: "utf8" });
  if (p.status !== 0) throw new Error(p.stderr);
  return JSON.parse(p.stdout).seconds;
}

let outs = 0;
/**
 * Wall seconds and peak RSS of one `nomad2k8s convert` process into a new output folder;
 * `dryRun`: the same without writing, which tells the disk's share. Nothing is deleted until
 * the end: ext4 scans the inodes it freed in the last seconds on every file it creates, so
 * removing the last run's thousands of files right before a run makes its writes several
 * times slower than a user's.
 */
function convert(dir, dryRun = false) {
  const out = join(work, `out-${outs++}`);
  const t = performance.now();
  const p = spawnSync(process.execPath, ["--require", join(ROOT, "scripts", "bench-rss.cjs"), join(ROOT, "bin", "nomad2k8s.js"), "convert", dir, "-o", out, ...(dryRun ? ["--dry-run"] : [])], {
    encoding: "utf8",
    env: { ...process.env, BENCH_RSS_FD: "3" },
    stdio: ["ignore", "pipe", "pipe", "pipe"],
    maxBuffer: 1 << 30,
  });
  const seconds = (performance.now() - t) / 1000;
  // Exit 1 is expected: a real fleet has jobs that fail (exec drivers, missing variables).
  if (p.status !== 0 && p.status !== 1) throw new Error(p.stderr);
  const summary = /^(\d+) jobs: (\d+) converted/m.exec(p.stderr);
  return { seconds, rssMiB: Number(p.output[3]), jobs: summary ? `${summary[2]} of ${summary[1]} converted` : "?" };
}

const min = (xs) => Math.min(...xs);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const f2 = (x) => x.toFixed(2);

console.log(`fleet: ${jobs.filter((j) => j.corpus).length} corpus jobs + ${jobs.filter((j) => !j.corpus).length} examples, cycled with unique names`);
const main = join(work, `fleet-${N}`);
writeFleet(main, N, jobs);
const rows = [];
for (let r = 0; r < RUNS; r++) {
  const parse = parseOnly(main);
  const dry = convert(main, true);
  const conv = convert(main);
  rows.push({ parse, dry: dry.seconds, dryRatio: dry.seconds / parse, convert: conv.seconds, ratio: conv.seconds / parse, rss: Math.max(conv.rssMiB, dry.rssMiB), jobs: conv.jobs });
  console.log(`run ${r + 1}: ${N} jobs (${conv.jobs}): parse only ${f2(parse)} s, convert ${f2(conv.seconds)} s (${f2(conv.seconds / parse)} ×), without writing ${f2(dry.seconds)} s (${f2(dry.seconds / parse)} ×), peak RSS ${Math.max(conv.rssMiB, dry.rssMiB).toFixed(0)} MiB`);
}
const col = (k) => rows.map((x) => x[k]);
console.log(`\n${N} jobs, ${RUNS} runs (min / median):`);
console.log(`  parse only (one thread):  ${f2(min(col("parse")))} / ${f2(median(col("parse")))} s`);
console.log(`  whole convert (CLI):      ${f2(min(col("convert")))} / ${f2(median(col("convert")))} s`);
console.log(`  convert ÷ parse-only:     ${f2(min(col("ratio")))} / ${f2(median(col("ratio")))}`);
console.log(`  convert --dry-run:        ${f2(min(col("dry")))} / ${f2(median(col("dry")))} s (${f2(min(col("dryRatio")))} / ${f2(median(col("dryRatio")))} × parse-only)`);
console.log(`  peak RSS:                 ${min(col("rss")).toFixed(0)} / ${median(col("rss")).toFixed(0)} MiB`);

console.log(`\nscaling (one run each):`);
for (const n of SIZES) {
  const dir = join(work, `fleet-${n}`);
  writeFleet(dir, n, jobs);
  const parse = parseOnly(dir);
  const conv = convert(dir);
  console.log(`  ${String(n).padStart(5)} jobs: parse only ${f2(parse)} s, convert ${f2(conv.seconds)} s (${f2(conv.seconds / parse)} ×, ${((conv.seconds / n) * 1000).toFixed(2)} ms/job), peak RSS ${conv.rssMiB.toFixed(0)} MiB`);
}

const one = join(work, "one");
mkdirSync(join(one, "jobs"), { recursive: true });
writeFileSync(join(one, "jobs", "searxng.nomad.hcl"), readFileSync(join(ROOT, "nomad-jobs", "searxng.nomad.hcl")));
const cold = Array.from({ length: 7 }, () => convert(join(one, "jobs")).seconds);
console.log(`\ncold one-job convert: ${f2(median(cold))} s (median of 7; min ${f2(min(cold))} s)`);
rmSync(work, { recursive: true, force: true });
