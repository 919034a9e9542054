import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, scratch } from "./cli-helpers.js";

describe("--namespace", () => {
  it("sets the modules' namespace (var.namespace's default) over the site config's", async () => {
    const dir = scratch();
    writeFileSync(join(dir, "nomad2k8s.config.json"), JSON.stringify({ namespace: "from-config" }));
    const r = await runCli(["convert", "nomad-jobs/searxng.nomad.hcl", "--namespace", "apps"], dir);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, "modules-k8s", "searxng", "variables.tf"), "utf8")).toMatch(/variable "namespace" \{[^}]*default += "apps"/);
    expect((await runCli(["diff", "nomad-jobs/searxng.nomad.hcl", "--namespace", "apps", "--stat"], dir)).code).toBe(0);
    const bad = await runCli(["convert", "--namespace", "Apps_1"], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--namespace Apps_1: a Kubernetes namespace is a DNS-1123 label");
  });
});

describe("options that do nothing in the mode given are errors", () => {
  const refused: [string[], string][] = [
    [["convert", "--job", "web"], "--job picks jobs to read from a running Nomad and needs --from-nomad"],
    [["convert", "--nomad-namespace", "apps"], "--nomad-namespace is the Nomad namespace --from-nomad reads, and needs --from-nomad"],
    [["convert", "--from-nomad", "http://127.0.0.1:9", "nomad-jobs"], "with --from-nomad the jobs come from Nomad's API: leave out the job files and folders"],
    [["convert", "--from-nomad", "http://127.0.0.1:9", "--var", "a=b"], "--var and --var-file set the HCL2 variables of job files"],
    [["convert", "--from-nomad", "http://127.0.0.1:9", "--namespace", "apps"], "pass --nomad-namespace, or both"],
    [["explain", "nomad-jobs/searxng.nomad.hcl", "-i", "elsewhere"], "nomad-jobs/searxng.nomad.hcl is a file: --inputs only says where to look for a job given by name"],
    [["migrate", "nomad-jobs/searxng.nomad.hcl", "--inputs", "elsewhere", "--yes"], "is a file: --inputs only says where to look"],
  ];
  for (const [args, message] of refused) {
    it(args.join(" "), async () => {
      const dir = scratch();
      const r = await runCli(args, dir);
      expect(r.stderr).toContain(message);
      expect(r.code).toBe(2);
      expect(existsSync(join(dir, "modules-k8s"))).toBe(false);
    });
  }
});

describe("control characters in names reach no terminal", () => {
  it("escapes them in explain, migrate and usage errors", async () => {
    const dir = scratch(false);
    mkdirSync(join(dir, "jobs"));
    writeFileSync(join(dir, "jobs", "e.nomad.hcl"), 'job "evil\\u001b[2J" {\n  group "g\\u001b[31m" {\n    task "t" {\n      driver = "docker"\n      config {\n        image = "nginx:1"\n      }\n    }\n  }\n}\n');
    const explain = await runCli(["explain", "evil\x1b[2J", "-i", "jobs"], dir);
    expect(explain.code).toBe(0);
    expect(explain.stdout).toContain("## evil\\x1b[2J — converted");
    const migrate = await runCli(["migrate", "jobs/e.nomad.hcl", "--yes"], dir);
    expect(migrate.code).toBe(0);
    expect(migrate.stderr).toContain('Job "evil\\x1b[2J"');
    expect(migrate.stderr).toContain("group g\\x1b[31m: pattern A");
    const missing = await runCli(["migrate", "x\x1b[2J", "--yes", "-i", "jobs"], dir);
    expect(missing.stderr).toBe('nomad2k8s: no job named "x\\x1b[2J" in jobs\n');
    for (const out of [explain.stdout, explain.stderr, migrate.stdout, migrate.stderr, missing.stderr]) expect(out).not.toContain("\x1b");
  });
});
