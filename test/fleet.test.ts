import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadInputs } from "../src/cli/inputs.js";
import { defaultSiteConfig } from "../src/config/site-config.js";
import { convert } from "../src/convert.js";
import { jobFiles } from "../src/io/job-files.js";
import { ProducedFiles } from "../src/io/stale-files.js";
import { reportFiles } from "../src/report/report-files.js";
import { runCli, scratch } from "./cli-helpers.js";
import { GOLDEN, goldenCases, readTree } from "./helpers.js";

// A fleet large enough for the worker threads: the job files of every golden case in one
// folder. Many cases reuse job names (second folders, N2K-JOB-007), one pair has a Consul
// address the other provides (second pass), some fail or are skipped.
function fleet(): string {
  const cwd = scratch(false);
  for (const c of goldenCases()) {
    for (const f of readdirSync(join(GOLDEN, c))) {
      if (!/\.(nomad\.hcl|nomad|hcl)$/.test(f) && !(f.endsWith(".json") && !["config.json", "vars.json"].includes(f))) continue;
      mkdirSync(join(cwd, "jobs", c), { recursive: true });
      cpSync(join(GOLDEN, c, f), join(cwd, "jobs", c, f));
    }
  }
  return cwd;
}

/** What the library's in-memory convert() makes of the same inputs: the reference. */
async function reference(cwd: string): Promise<Record<string, string>> {
  const io = { stdout: () => undefined, stderr: () => undefined, isTTY: false, env: {}, cwd };
  const loaded = await loadInputs(["jobs"], {}, io);
  const sources = Array.from({ length: loaded.count }, (_, i) => loaded.read(i));
  const result = await convert(sources, { config: defaultSiteConfig(), files: jobFiles(cwd) });
  return { ...result.files, ...reportFiles(result).files };
}

describe("convert of a fleet (worker threads, streamed writes and report)", () => {
  let cwd: string;
  let first: Awaited<ReturnType<typeof runCli>>;
  beforeAll(async () => {
    cwd = fleet();
    first = await runCli(["convert", "jobs", "-o", "out", "--json"], cwd);
  }, 120_000);

  it("uses enough files for the workers", () => {
    expect(readdirSync(join(cwd, "jobs")).length).toBeGreaterThanOrEqual(24);
  });

  it("writes byte for byte what the in-memory conversion produces, report included", async () => {
    const expected = await reference(cwd);
    const got = readTree(join(cwd, "out"));
    expect(Object.keys(got).sort()).toEqual(Object.keys(expected).sort());
    for (const [path, text] of Object.entries(expected)) expect(got[path], path).toBe(text);
    // The cases this fleet is made to exercise are there.
    expect(got["migration-report.json"]).toContain("N2K-JOB-007");
    expect(got["migration-report.json"]).toContain("N2K-CONSUL-002");
    expect(first.stdout).toBe(got["migration-report.json"]);
  }, 120_000);

  it("lists jobs in input order with the summary, and fails the run when a job fails", () => {
    const lines = first.stderr.split("\n").filter((l) => /^(converted|skipped|failed) /.test(l));
    const report = JSON.parse(readFileSync(join(cwd, "out", "migration-report.json"), "utf8"));
    expect(lines.length).toBe(report.jobs.length);
    expect(lines.map((l) => /\((jobs\/[^)]+)\)/.exec(l)?.[1] ?? l.split(" ")[1].replace(/(:\d+)*:$/, ""))).toEqual(report.jobs.map((j: { file: string }) => j.file));
    expect(first.stderr).toMatch(new RegExp(`^${report.summary.jobs} jobs: ${report.summary.converted} converted`, "m"));
    expect(first.code).toBe(report.summary.failed > 0 ? 1 : 0);
  });

  it("diff of the fleet against what it wrote: nothing to change", async () => {
    const files = Object.keys(readTree(join(cwd, "out"))).length;
    const r = await runCli(["diff", "jobs", "-o", "out", "--report"], cwd);
    expect(r.stdout).toBe(`0 new, 0 changed, 0 hand-edited, 0 removed, ${files} unchanged\n`);
    expect(r.code).toBe(2); // the fleet has jobs that fail
  }, 120_000);

  it("a second run leaves every file unchanged, and an edited file is not overwritten", async () => {
    const dry = await runCli(["convert", "jobs", "-o", "out", "--dry-run"], cwd);
    const would = dry.stderr.split("\n").filter((l) => l.startsWith("would "));
    expect(would.length).toBe(Object.keys(readTree(join(cwd, "out"))).length);
    expect(would.every((l) => l.startsWith("would leave unchanged out/"))).toBe(true);
    expect(would).toEqual([...would].sort());

    const main = Object.keys(readTree(join(cwd, "out"))).find((p) => p.endsWith("/main.tf"))!;
    writeFileSync(join(cwd, "out", main), readFileSync(join(cwd, "out", main), "utf8") + "# mine\n");
    const again = await runCli(["convert", "jobs", "-o", "out"], cwd);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`not overwritten out/${main}: edited since it was generated; move your change into main_override.tf beside it (kept across runs), then --force regenerates it`);
    expect(readFileSync(join(cwd, "out", main), "utf8")).toMatch(/# mine\n$/);
    const diff = await runCli(["diff", "jobs", "-o", "out"], cwd);
    expect(diff.stdout).toContain(`# out/${main}: hand-edited since generation; not overwritten without --force`);
    expect(diff.stdout).toMatch(/^0 new, 0 changed, 1 hand-edited, 0 removed, \d+ unchanged$/m);
  }, 120_000);
});

describe("ProducedFiles", () => {
  it("knows every path added, and no other", () => {
    const p = new ProducedFiles();
    p.add(["a/main.tf", "a/variables.tf", "MIGRATION_REPORT.md"]);
    p.add(["b/main.tf", "b/variables.tf"]);
    p.add(["a/outputs.tf"]);
    for (const f of ["a/main.tf", "a/variables.tf", "a/outputs.tf", "b/main.tf", "b/variables.tf", "MIGRATION_REPORT.md"]) expect(p.has(f), f).toBe(true);
    for (const f of ["b/outputs.tf", "c/main.tf", "main.tf", "a", "a/main.tf/x"]) expect(p.has(f), f).toBe(false);
  });
});
