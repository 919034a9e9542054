import { parse } from "@cdktf/hcl2json";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { convertCase, GOLDEN, goldenCases, ROOT } from "./helpers.js";
import { defaultSiteConfig } from "../src/config/site-config.js";
import { convert } from "../src/convert.js";

// "No silent drops": every attribute path of every input job must be claimed by a stage:
// mapped, deliberately ignored with a reason, or reported as not carried over.
function leafPaths(value: unknown, path: string, out: string[]): string[] {
  if (Array.isArray(value) && value.some((v) => v && typeof v === "object" && !Array.isArray(v))) {
    value.forEach((v, i) => leafPaths(v, value.length === 1 ? path : `${path}[${i}]`, out));
  } else if (value && typeof value === "object" && !Array.isArray(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) out.push(path);
    for (const [k, v] of entries) leafPaths(v, `${path}.${k}`, out);
  } else out.push(path);
  return out;
}

async function claimsOf(sources: { file: string; text: string }[], result: Awaited<ReturnType<typeof convert>>) {
  const problems: string[] = [];
  for (const src of sources) {
    let raw: Record<string, unknown>;
    try {
      raw = await parse(src.file, src.text);
    } catch {
      continue;
    }
    for (const [name, bodies] of Object.entries((raw.job ?? {}) as Record<string, unknown[]>)) {
      const job = result.jobs.find((j) => j.job === name && j.file === src.file);
      if (!job) continue;
      for (const leaf of leafPaths(bodies[0], `job.${name}`, [])) {
        const covered = job.claims.some((c) => leaf === c.path || (!c.exact && (leaf.startsWith(`${c.path}.`) || leaf.startsWith(`${c.path}[`))));
        if (!covered) problems.push(`${src.file}: ${leaf}`);
      }
    }
  }
  return problems;
}

describe("no silent drops", () => {
  it.each(goldenCases())("every attribute of golden %s is claimed", async (name) => {
    const { result } = await convertCase(name);
    const dir = join(GOLDEN, name);
    const sources = readdirSync(dir)
      .filter((f) => f.endsWith(".hcl"))
      .map((f) => ({ file: f, text: readFileSync(join(dir, f), "utf8") }));
    expect(await claimsOf(sources, result)).toEqual([]);
    // Nothing reached the catch-all: each key was handled on purpose (bad-inputs holds one on purpose).
    const unknown = result.jobs.flatMap((j) => j.diagnostics).filter((d) => d.code === "N2K-UNKNOWN-001");
    expect(unknown.map((d) => d.path)).toEqual(name === "bad-inputs" ? ["job.../../etc/Evil Name.group.g.task.t.resources.frobnicate"] : []);
  });

  it("every attribute of the shipped examples is claimed", async () => {
    const sources = readdirSync(join(ROOT, "nomad-jobs")).map((f) => ({ file: f, text: readFileSync(join(ROOT, "nomad-jobs", f), "utf8") }));
    const result = await convert(sources, { config: defaultSiteConfig() });
    expect(await claimsOf(sources, result)).toEqual([]);
    expect(result.jobs.flatMap((j) => j.diagnostics).filter((d) => d.code === "N2K-UNKNOWN-001")).toEqual([]);
  });

  it("reports a Nomad field nobody handles instead of dropping it", async () => {
    const text = `job "x" {\n  group "g" {\n    brand_new_field = 1\n    task "t" {\n      driver = "docker"\n      config {\n        image = "a:1"\n        shiny = true\n      }\n    }\n  }\n}\n`;
    const result = await convert([{ file: "x.hcl", text }], { config: defaultSiteConfig() });
    const unknown = result.jobs[0].diagnostics.filter((d) => d.code === "N2K-UNKNOWN-001").map((d) => d.path);
    expect(unknown).toEqual(["job.x.group.g.task.t.config.shiny", "job.x.group.g.brand_new_field"]);
    const report = result.jobs[0].claims.filter((c) => c.how === "reported").map((c) => c.path);
    expect(report).toContain("job.x.group.g.brand_new_field");
  });
});
