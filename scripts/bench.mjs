// npm run bench: throughput of (a) the HCL parser alone and (b) the whole convert over a
// corpus of 500 jobs made from the shipped examples with varied names; peak RSS; cold start.
import { parse } from "@cdktf/hcl2json";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultSiteConfig } from "../dist/config/site-config.js";
import { convert } from "../dist/convert.js";

const ROOT = new URL("..", import.meta.url).pathname;
const N = Number(process.env.BENCH_JOBS ?? 500);

function corpus() {
  const examples = readdirSync(join(ROOT, "nomad-jobs"))
    .filter((f) => f.endsWith(".hcl"))
    .sort()
    .map((f) => readFileSync(join(ROOT, "nomad-jobs", f), "utf8"));
  return Array.from({ length: N }, (_, i) => {
    const text = examples[i % examples.length].replace(/^job "([^"]+)"/m, (_m, name) => `job "${name}-${i}"`);
    return { file: `bench/job-${i}.nomad.hcl`, text };
  });
}

async function time(fn) {
  const t = performance.now();
  await fn();
  return (performance.now() - t) / 1000;
}

const sources = corpus();
// Warm up both paths once so the WebAssembly parser is loaded before timing.
await parse("warm.hcl", sources[0].text);
await convert(sources.slice(0, 7), { config: defaultSiteConfig() });

const parseSeconds = await time(async () => {
  for (const s of sources) await parse(s.file, s.text);
});
let converted = 0;
const convertSeconds = await time(async () => {
  const r = await convert(sources, { config: defaultSiteConfig() });
  converted = r.jobs.filter((j) => j.status === "converted").length;
});
const peakRssMiB = process.resourceUsage().maxRSS / 1024;

const dir = mkdtempSync(join(tmpdir(), "n2k-bench-"));
mkdirSync(join(dir, "jobs"));
writeFileSync(join(dir, "jobs", "one.nomad.hcl"), readFileSync(join(ROOT, "nomad-jobs", "searxng.nomad.hcl")));
const cold = [];
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  const p = spawnSync(process.execPath, [join(ROOT, "bin", "nomad2k8s.js"), "convert", "jobs", "-o", "out"], { cwd: dir, encoding: "utf8" });
  cold.push((performance.now() - t) / 1000);
  if (p.status !== 0) throw new Error(p.stderr);
}
cold.sort((a, b) => a - b);

const parseRate = N / parseSeconds;
const convertRate = N / convertSeconds;
console.log(`jobs:                 ${N} (${converted} converted)`);
console.log(`parse only:           ${parseRate.toFixed(0)} jobs/s`);
console.log(`whole convert:        ${convertRate.toFixed(0)} jobs/s (${(convertRate / parseRate).toFixed(2)} × parse-only)`);
console.log(`peak RSS:             ${peakRssMiB.toFixed(0)} MiB`);
console.log(`cold one-job convert: ${cold[2].toFixed(2)} s (median of 5)`);
