// Real fleets: converts every repository of the third-party corpus (kept outside this repository,
// read at test time only) the way its owner would, one `convert` per repository, and asserts
// what the team promised about them. `verify` re-parses every module and checks it against the
// provider schema and CRD shapes, so a module that would not apply fails its job here. Skips when the corpus is not next to the checkout.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CliIO } from "../../src/cli/io.js";
import { runConversion } from "../../src/cli/run-conversion.js";
import type { JobResult } from "../../src/convert.js";
import { ROOT } from "../helpers.js";
import { DETECTORS, scanModule, scanSkip, type Detector } from "./detectors.js";
import { ALLOWED_SKIPS, NOMAD_REJECTS, NOT_NOMAD_FIELDS } from "./expectations.js";

const CORPUS = join(ROOT, "..", "shared", "corpus");
const present = existsSync(join(CORPUS, "jobs"));
if (!present) console.warn(`corpus tests skipped: ${CORPUS} is not there (CI has it)`);

interface FleetRun {
  jobs: JobResult[];
  hits: Record<Detector, string[]>;
  unknownFields: string[];
  /** Written files (modules and reports) holding the plan's private-use reference marks. */
  marked: string[];
}

const io: CliIO = { stdout: () => {}, stderr: () => {}, isTTY: false, env: {}, cwd: CORPUS };

async function convertSubset(subset: string): Promise<FleetRun> {
  const dir = join(CORPUS, subset);
  const out: FleetRun = { jobs: [], hits: Object.fromEntries(Object.keys(DETECTORS).map((k) => [k, []])) as unknown as FleetRun["hits"], unknownFields: [], marked: [] };
  for (const fleet of readdirSync(dir).filter((d) => statSync(join(dir, d)).isDirectory()).sort()) {
    const { result, files: written } = await runConversion([join(subset, fleet)], { verify: true }, io);
    for (const [name, text] of Object.entries(written)) if (/[\uE000\uE001]/.test(text)) out.marked.push(`${fleet}/${name}`);
    for (const j of result.jobs) {
      out.jobs.push(j);
      for (const d of j.diagnostics) {
        if (d.code === "N2K-UNKNOWN-001") out.unknownFields.push(String(d.path ?? "").replace(/^job\.[^.]+/, "job").replace(/\.(group|task|service|volume|port)\.[^.]+/g, ".$1.*").replace(/\[\d+\]/g, ""));
      }
      if (j.status === "skipped") for (const [k, list] of Object.entries(scanSkip(sourceOf(j), j.reason ?? ""))) out.hits[k as Detector].push(...list.map((l) => `${j.file}: ${l}`));
      if (j.status !== "converted" || !j.module) continue;
      const files = Object.fromEntries(Object.entries(result.files).filter(([k]) => k.startsWith(`${j.module}/`)).map(([k, v]) => [k.slice(j.module!.length + 1), v]));
      const source = sourceOf(j);
      for (const [k, list] of Object.entries(scanModule(files, source, j.diagnostics))) out.hits[k as Detector].push(...list.map((l) => `${j.file}: ${l}`));
    }
  }
  return out;
}

function sourceOf(j: JobResult): string {
  try {
    return readFileSync(join(CORPUS, j.file), "utf8");
  } catch {
    // jobs read from elsewhere have no source text to scan
    return "";
  }
}

const deliberateSkip = (j: JobResult) => j.status === "skipped" && ALLOWED_SKIPS.some((a) => (a.code ? j.diagnostics.some((d) => d.code === a.code) : a.reason!.test(j.reason ?? "")));

const failures = (r: FleetRun) =>
  r.jobs
    .filter((j) => j.status === "failed" && !NOMAD_REJECTS[j.file.replace(/^[^/]+\//, "")])
    .map((j) => `${j.file}: ${j.reason}`)
    .sort();

describe.skipIf(!present)("real fleets (../shared/corpus)", () => {
  for (const subset of ["jobs", "legacy-hcl1", "json"]) {
    describe(subset, async () => {
      const run = present ? await convertSubset(subset) : ({ jobs: [], hits: {}, unknownFields: [], marked: [] } as unknown as FleetRun);
      it("fails no job that Nomad accepts", () => {
        expect(failures(run)).toEqual([]);
      });
      if (subset === "jobs") {
        it("still fails the files Nomad rejects (the list above is current)", () => {
          const failed = new Set(run.jobs.filter((j) => j.status === "failed").map((j) => j.file.replace(/^[^/]+\//, "")));
          expect(Object.keys(NOMAD_REJECTS).filter((f) => !failed.has(f))).toEqual([]);
        });
      }
      it("leaves no defect the detectors find in converted modules", () => {
        const found = Object.fromEntries(Object.entries(run.hits).filter(([, v]) => v.length).map(([k, v]) => [k, v.slice(0, 5)]));
        expect(found).toEqual({});
      });
      it("writes no internal reference mark into a module or the report", () => {
        expect(run.marked).toEqual([]);
      });
      it("raises N2K-UNKNOWN-001 only for fields Nomad does not have", () => {
        expect([...new Set(run.unknownFields)].filter((f) => !NOT_NOMAD_FIELDS.some((n) => f.endsWith(n))).sort()).toEqual([]);
      });
      it("skips only what has no container equivalent (ALLOWED_SKIPS)", () => {
        expect(run.jobs.filter((j) => j.status === "skipped" && !deliberateSkip(j)).map((j) => `${j.file}: ${j.reason}`)).toEqual([]);
      });
      if (subset !== "jobs") {
        it("converts every job that runs a container image", () => {
          expect(run.jobs.filter((j) => j.status !== "converted" && !deliberateSkip(j)).map((j) => `${j.file}: ${j.status} ${j.reason}`)).toEqual([]);
        });
      }
    });
  }
});
