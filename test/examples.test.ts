import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultSiteConfig } from "../src/config/site-config.js";
import { convert } from "../src/convert.js";
import { reportFiles } from "../src/report/report-files.js";
import { readTree, ROOT, UPDATE, writeTree } from "./helpers.js";

// modules-k8s/ is committed: regenerating it from nomad-jobs/ must give no diff. Its provider
// schema check is in schema-check.test.ts.
async function convertExamples() {
  const sources = readdirSync(join(ROOT, "nomad-jobs"))
    .filter((f) => f.endsWith(".hcl"))
    .sort()
    .map((f) => ({ file: `nomad-jobs/${f}`, text: readFileSync(join(ROOT, "nomad-jobs", f), "utf8") }));
  const result = await convert(sources, { config: defaultSiteConfig(), verify: true });
  return { result, files: { ...result.files, ...reportFiles(result).files } };
}

describe("shipped examples", () => {
  it("regenerate modules-k8s/ without drift", async () => {
    const { files } = await convertExamples();
    const dir = join(ROOT, "modules-k8s");
    if (UPDATE) writeTree(dir, files);
    expect(readTree(dir)).toEqual(files);
  });

  it("cover every pattern of the contract", async () => {
    const { result } = await convertExamples();
    const patterns = new Set(result.jobs.map((j) => j.pattern));
    for (const p of ["A", "B", "C", "D", "E"]) expect(patterns).toContain(p);
    expect(result.jobs.every((j) => j.status === "converted")).toBe(true);
    expect(result.jobs.length).toBeGreaterThanOrEqual(6);
  });
});
