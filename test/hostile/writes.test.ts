import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli-helpers.js";
import { folder, jobWith } from "./hostile-helpers.js";

// Crafted output folders (issue 20): writes never leave --out.

describe("writes never leave --out", () => {
  it("refuses a module folder that is a symbolic link out of --out, even with --force, and writes the rest", async () => {
    const dir = folder({ "jobs/web.nomad.hcl": jobWith("web", { A: '"1"' }), "jobs/api.nomad.hcl": jobWith("api", { A: '"1"' }) });
    mkdirSync(join(dir, "victim"));
    mkdirSync(join(dir, "out"));
    symlinkSync("../victim", join(dir, "out", "web"));
    for (const force of [[], ["--force"]]) {
      const r = await runCli(["convert", "jobs", "-o", "out", ...force], dir);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("not written out/web/main.tf: web is a symbolic link; nomad2k8s writes only real files and folders under the output folder");
      expect(existsSync(join(dir, "victim", "main.tf"))).toBe(false);
      expect(existsSync(join(dir, "out", "api", "main.tf"))).toBe(true);
    }
  });

  it("refuses a generated file that is a symbolic link, and a report file that is one", async () => {
    const dir = folder({ "jobs/web.nomad.hcl": jobWith("web", { A: '"1"' }), "victim.txt": "keep me" });
    mkdirSync(join(dir, "out", "web"), { recursive: true });
    symlinkSync("../../victim.txt", join(dir, "out", "web", "main.tf"));
    symlinkSync("../victim.txt", join(dir, "out", "MIGRATION_REPORT.md"));
    const r = await runCli(["convert", "jobs", "-o", "out", "--force"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("not written out/web/main.tf: web/main.tf is a symbolic link");
    expect(r.stderr).toContain("not written out/MIGRATION_REPORT.md: MIGRATION_REPORT.md is a symbolic link");
    expect(readFileSync(join(dir, "victim.txt"), "utf8")).toBe("keep me");
  });

  it("migrate refuses the same way", async () => {
    const dir = folder({ "jobs/web.nomad.hcl": jobWith("web", { A: '"1"' }) });
    mkdirSync(join(dir, "victim"));
    mkdirSync(join(dir, "out"));
    symlinkSync("../victim", join(dir, "out", "web"));
    const r = await runCli(["migrate", "jobs/web.nomad.hcl", "-o", "out", "--yes"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr + r.stdout).toContain("out/web/main.tf will not be written: web is a symbolic link");
    expect(existsSync(join(dir, "victim", "main.tf"))).toBe(false);
  });
});

describe("init keeps what it did not write", () => {
  it("does not overwrite an existing schema file unless it is nomad2k8s's own, or --force", async () => {
    const dir = folder({ "nomad2k8s.schema.json": '{"mine": true}\n' });
    const r = await runCli(["init"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("nomad2k8s.schema.json already exists and differs from nomad2k8s's schema; use --force to overwrite it");
    expect(readFileSync(join(dir, "nomad2k8s.schema.json"), "utf8")).toBe('{"mine": true}\n');
    expect(existsSync(join(dir, "nomad2k8s.config.json"))).toBe(false);
    expect((await runCli(["init", "--force"], dir)).code).toBe(0);
    writeFileSync(join(dir, "nomad2k8s.config.json.bak"), "");
    expect((await runCli(["init", "-c", "other.json"], dir)).code).toBe(0);
  });
});

describe("jobs whose names sanitize alike", () => {
  it('"", "..", "." and names differing by case or characters each get their own module folder', async () => {
    const names = ["", "..", ".", "Web", "web", "we_b", "a/b", "..."];
    const files = Object.fromEntries(names.map((n, i) => [`jobs/j${i}.nomad.hcl`, jobWith(n, { A: `"${i}"` })]));
    const dir = folder(files);
    const r = await runCli(["convert", "jobs", "-o", "out"], dir);
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, "out", "migration-report.json"), "utf8")) as { jobs: { job: string; module: string; file: string }[] };
    const modules = report.jobs.map((j) => j.module);
    expect(new Set(modules).size).toBe(names.length);
    for (const m of modules) expect(m).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
    // Each module holds its own job's value.
    for (const j of report.jobs) expect(readFileSync(join(dir, "out", j.module, "main.tf"), "utf8")).toContain(`value = "${j.file.match(/j(\d+)/)![1]}"`);
  });
});
