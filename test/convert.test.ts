import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultSiteConfig } from "../src/config/site-config.js";
import { parseConfig } from "../src/config/load-config.js";
import { convert } from "../src/convert.js";
import { ROOT } from "./helpers.js";

const searxng = readFileSync(join(ROOT, "nomad-jobs", "searxng.nomad.hcl"), "utf8");

describe("convert (library)", () => {
  it("parses large batches in a worker and keeps input order and per-file errors", async () => {
    const sources = Array.from({ length: 40 }, (_, i) => ({ file: `j${i}.nomad.hcl`, text: searxng.replace('job "searxng"', `job "s${i}"`).replace('host = "search.', `host = "s${i}.`) }));
    sources[17] = { file: "bad.nomad.hcl", text: 'job "x" {\n\n  group "g" {\n' };
    const r = await convert(sources, { config: defaultSiteConfig() });
    expect(r.jobs.map((j) => j.file)).toEqual(sources.map((s) => s.file));
    expect(r.jobs[17]).toMatchObject({ status: "failed", line: 3 });
    expect(r.jobs.filter((j) => j.status === "converted")).toHaveLength(39);
    const small = await convert(sources.slice(0, 3), { config: defaultSiteConfig() });
    expect(small.files["s0/main.tf"]).toBe(r.files["s0/main.tf"]);
  });

  it.each(["A", "B", "C", "D", "E", "daemonset", "job"])("honours a pattern override to %s for any job", async (pattern) => {
    const config = parseConfig({ jobs: { searxng: { pattern }, "restic-backup": { pattern } } });
    const restic = readFileSync(join(ROOT, "nomad-jobs", "restic-backup.nomad.hcl"), "utf8");
    const r = await convert([{ file: "s.hcl", text: searxng }, { file: "r.hcl", text: restic }], { config, verify: true });
    expect(r.jobs.map((j) => [j.status, j.pattern])).toEqual([["converted", pattern], ["converted", pattern]]);
    expect(r.jobs[0].evidence[0].kind).toBe(pattern === "A" ? "stateless" : "override");
  });

  it("gives a job whose name maps to a module folder already taken a folder of its own, with a warning", async () => {
    const a = searxng;
    const b = searxng.replace('job "searxng"', 'job "SearXNG"');
    const r = await convert([{ file: "a.hcl", text: a }, { file: "nested/b.nomad.hcl", text: b }], { config: defaultSiteConfig() });
    expect(r.jobs.map((j) => [j.status, j.module])).toEqual([["converted", "searxng"], ["converted", "searxng-b"]]);
    expect(r.jobs[1].diagnostics.find((d) => d.code === "N2K-JOB-007")).toMatchObject({ severity: "warning", message: 'job "SearXNG" maps to the module folder "searxng" already used by job "searxng" (a.hcl); converted into searxng-b/ instead' });
    expect(Object.keys(r.files).some((f) => f.startsWith("searxng-b/"))).toBe(true);
  });

  it("converts each file of a job defined twice (step1/step2 variants) into its own folder", async () => {
    const files = ["step1.hcl", "x/step1.hcl", "step2.nomad"].map((file) => ({ file, text: searxng }));
    const r = await convert(files, { config: defaultSiteConfig() });
    expect(r.jobs.map((j) => [j.status, j.module])).toEqual([["converted", "searxng"], ["converted", "searxng-step1"], ["converted", "searxng-step2"]]);
    const again = await convert([...files, { file: "y/step1.hcl", text: searxng }], { config: defaultSiteConfig() });
    expect(again.jobs.map((j) => j.module)).toEqual(["searxng", "searxng-step1", "searxng-step2", "searxng-step1-2"]);
    expect(r.jobs[2].diagnostics.find((d) => d.code === "N2K-JOB-007")?.message).toBe('job "searxng" is also defined in step1.hcl; converted into searxng-step2/; both modules create Kubernetes resources of the same names');
  });

  it("lets the site config's env answers win over the job's env and over its env templates", async () => {
    const job = `job "envs" {
  group "app" {
    task "web" {
      driver = "docker"
      config {
        image = "example/web:1"
      }
      env {
        MODE  = "job"
        LEVEL = "job"
      }
      template {
        destination = "local/app.env"
        env         = true
        data        = "MODE=template\\nCOLOR=template\\n"
      }
    }
  }
}
`;
    const config = parseConfig({ jobs: { envs: { groups: { app: { env: { MODE: "answer", COLOR: "answer", LEVEL: "answer" } } } } } });
    const r = await convert([{ file: "envs.nomad.hcl", text: job }], { config });
    const main = r.files["envs/main.tf"];
    const values = [...main.matchAll(/name\s*=\s*"(MODE|COLOR|LEVEL)"\n\s*value\s*=\s*"([^"]*)"/g)].map((m) => `${m[1]}=${m[2]}`);
    expect(values.sort()).toEqual(["COLOR=answer", "LEVEL=answer", "MODE=answer"]);
  });
});
