import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, scratch } from "./cli-helpers.js";
import { ROOT } from "./helpers.js";

describe("nomad2k8s convert", () => {
  it("converts the default nomad-jobs/ folder into modules-k8s/ with a report", async () => {
    const dir = scratch();
    const r = await runCli(["convert"], dir);
    expect(r.code).toBe(0);
    expect(readdirSync(join(dir, "modules-k8s")).sort()).toEqual(["MIGRATION_REPORT.md", "fleet", "gitea", "migration-report.json", "nginx-sites", "node-exporter", "ollama", "restic-backup", "searxng", "vaultwarden"]);
    expect(r.stderr).toMatch(/^converted job "searxng" \(nomad-jobs\/searxng.nomad.hcl\) → modules-k8s\/searxng\/ \(pattern A; /m);
    expect(r.stdout).toBe("");
    // The committed examples are exactly what the CLI writes.
    expect(readFileSync(join(dir, "modules-k8s", "searxng", "main.tf"), "utf8")).toBe(readFileSync(join(ROOT, "modules-k8s", "searxng", "main.tf"), "utf8"));
  });

  it("prints the JSON report on stdout with --json and writes nothing with --dry-run", async () => {
    const dir = scratch();
    const r = await runCli(["convert", "nomad-jobs/searxng.nomad.hcl", "--json", "--dry-run", "-o", "out"], dir);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.jobs.map((j: { job: string; status: string }) => [j.job, j.status])).toEqual([["searxng", "converted"]]);
    expect(r.stderr).toContain("would create out/searxng/main.tf");
    expect(existsSync(join(dir, "out"))).toBe(false);
  });

  it("goes on after a bad file, names it, and exits 1", async () => {
    const dir = scratch();
    writeFileSync(join(dir, "nomad-jobs", "bad.nomad.hcl"), 'job "x" {\n  group "g" {\n    count = \n  }\n}\n');
    const r = await runCli(["convert"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^failed nomad-jobs\/bad.nomad.hcl:3:13: invalid HCL: Invalid expression/m);
    expect(r.stderr).toMatch(/converted job "vaultwarden"/);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it("says a syntax error once, file:line:col first and the error that caused the others; the parser's cascade only with -v", async () => {
    const dir = scratch(false);
    mkdirSync(join(dir, "jobs"));
    // An unclosed quote on line 6: the parser then also complains about every line after it.
    writeFileSync(join(dir, "jobs", "broken.nomad.hcl"), 'job "web" {\n  group "web" {\n    task "web" {\n      driver = "docker"\n      config {\n        image = "nginx:1.27\n      }\n    }\n  }\n}\n');
    const r = await runCli(["convert", "jobs"], dir);
    expect(r.code).toBe(1);
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines[0]).toBe("failed jobs/broken.nomad.hcl:6:28: invalid HCL: Unterminated template string; No closing marker was found for the string. — the HCL1 parser (Nomad before 1.0) rejects it too (5 more parser errors may follow from it; --verbose lists them)");
    expect(lines).toHaveLength(2);
    expect(r.stderr).not.toContain("Invalid multi-line string");
    const v = await runCli(["convert", "jobs", "-v"], dir);
    expect(v.stderr.match(/info N2K-PARSE-002 jobs\/broken.nomad.hcl:\d+:\d+: may follow from the first syntax error: Invalid multi-line string/g)).toHaveLength(5);
    const diff = await runCli(["diff", "jobs", "--stat"], dir);
    expect(diff.stderr).toBe("error jobs/broken.nomad.hcl:6:28: invalid HCL: Unterminated template string; No closing marker was found for the string. — the HCL1 parser (Nomad before 1.0) rejects it too\n");
  });

  it("exits 2 and writes no report for a missing path or an empty folder (no input read)", async () => {
    const dir = scratch(false);
    const missing = await runCli(["convert", "nope"], dir);
    expect(missing.stderr).toMatch(/nomad2k8s: nope: no such file or folder; nothing converted, no report written/);
    expect(missing.code).toBe(2);
    const r = await runCli(["convert", "."], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no Nomad job files/);
  });

  it("refuses to overwrite an edited file without --force", async () => {
    const dir = scratch();
    await runCli(["convert"], dir);
    const file = join(dir, "modules-k8s", "searxng", "main.tf");
    writeFileSync(file, readFileSync(file, "utf8") + "# my change\n");
    const r = await runCli(["convert"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("not overwritten modules-k8s/searxng/main.tf: edited since it was generated; move your change into main_override.tf beside it (kept across runs), then --force regenerates it");
    expect(readFileSync(file, "utf8")).toContain("# my change");
    expect((await runCli(["convert", "--force"], dir)).code).toBe(0);
    expect(readFileSync(file, "utf8")).not.toContain("# my change");
  });

  it("turns warnings into a failing status with --strict", async () => {
    const dir = scratch();
    // A warning: SQLite that must stay on its volume (N2K-LITE-005).
    writeFileSync(join(dir, "sonarr.nomad.hcl"), 'job "sonarr" {\n  group "g" {\n    task "t" {\n      driver = "docker"\n      config {\n        image   = "linuxserver/sonarr:4"\n        volumes = ["/srv/sonarr:/config"]\n      }\n    }\n  }\n}\n');
    expect((await runCli(["convert", "sonarr.nomad.hcl", "--strict", "--dry-run"], dir)).code).toBe(1);
    expect((await runCli(["convert", "nomad-jobs/searxng.nomad.hcl", "--strict", "--dry-run"], dir)).code).toBe(0);
  });

  it("takes --var and --var-file for HCL2 variables", async () => {
    const dir = scratch(false);
    writeFileSync(join(dir, "j.nomad.hcl"), 'variable "tag" {}\nvariable "n" {\n  type = number\n  default = 1\n}\njob "v" {\n  group "g" {\n    count = var.n\n    task "t" {\n      driver = "docker"\n      config {\n        image = "app:${var.tag}"\n      }\n    }\n  }\n}\n');
    // Without a value, "tag" becomes an input of the module; "n" (a count) would need --var.
    const r0 = await runCli(["convert", "j.nomad.hcl", "-o", "o0"], dir);
    expect(r0.code).toBe(0);
    expect(readFileSync(join(dir, "o0", "v", "main.tf"), "utf8")).toContain('image = "app:${var.tag}"');
    expect(readFileSync(join(dir, "o0", "v", "variables.tf"), "utf8")).toMatch(/variable "tag" \{\n  description = "Nomad job variable \\"tag\\" \(it had no default\)"\n  type        = string\n\}/);
    writeFileSync(join(dir, "vars.hcl"), 'n = 4\n');
    const r = await runCli(["convert", "j.nomad.hcl", "--var", "tag=9.9", "--var-file", "vars.hcl", "--json", "--dry-run"], dir);
    expect(r.code).toBe(0);
    const main = readFileSync(join(dir, "j.nomad.hcl"), "utf8");
    expect(main).toContain("var.tag");
    const r2 = await runCli(["convert", "j.nomad.hcl", "--var", "tag=9.9", "--var-file", "vars.hcl", "-o", "o"], dir);
    expect(r2.code).toBe(0);
    expect(readFileSync(join(dir, "o", "v", "variables.tf"), "utf8")).toContain('default     = "9.9"');
    expect(readFileSync(join(dir, "o", "v", "main.tf"), "utf8")).toContain("replicas = 4");
  });

  it("exits 2 on usage errors", async () => {
    const dir = scratch(false);
    expect((await runCli(["convert", "--bogus"], dir)).code).toBe(2);
    expect((await runCli(["convert", "--var", "novalue"], dir)).code).toBe(2);
    expect((await runCli(["nonsense"], dir)).code).toBe(2);
    expect((await runCli([], dir)).code).toBe(2);
    expect((await runCli(["--help"], dir)).code).toBe(0);
    expect((await runCli(["--version"], dir)).stdout).toBe("0.1.0\n");
  });

  it("runs as a real process: plain lines, exit status, no stack trace", () => {
    const dir = scratch(false);
    writeFileSync(join(dir, "x.nomad.hcl"), "job {");
    const p = spawnSync(process.execPath, [join(ROOT, "bin", "nomad2k8s.js"), "convert", "x.nomad.hcl"], { cwd: dir, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    expect(p.status).toBe(1);
    expect(p.stderr).toMatch(/^failed x.nomad.hcl:1:5: invalid HCL/m);
    expect(p.stderr).not.toMatch(/\n\s+at /);
    expect(p.stderr).not.toMatch(/\x1b\[/);
  });
});
