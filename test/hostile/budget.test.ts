import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { evalSource } from "../../src/nomad/hcl/eval-expr.js";
import { FileScope } from "../../src/nomad/scope.js";
import { runCli } from "../cli-helpers.js";
import { ROOT } from "../helpers.js";
import { folder, jobWith } from "./hostile-helpers.js";

// Crafted jobs (issue 20): every file has a budget; one file cannot take the run down.

const doubling = `locals {\n  l0 = "aaaaaaaaaa"\n${Array.from({ length: 40 }, (_, i) => `  l${i + 1} = "\${local.l${i}}\${local.l${i}}"`).join("\n")}\n}\n`;
const crafted: Record<string, string> = {
  "jobs/a-for.nomad.hcl": 'locals { x = [for i in range(1024) : [for j in range(1024) : [for k in range(1024) : "${i}-${j}-${k}"]]] }\n' + jobWith("forjob", { E: "length(local.x)" }),
  "jobs/b-double.nomad.hcl": doubling + jobWith("doublejob", { E: "local.l40" }),
  "jobs/c-regex.nomad.hcl": jobWith("regexjob", { E: `regex_replace("${"a".repeat(50)}", "^(a|aa)+$", "x")` }),
  "jobs/d-parens.nomad.hcl": jobWith("parenjob", { E: "(".repeat(20000) + "1" + ")".repeat(20000) }),
  "jobs/e-constructor.nomad.hcl": jobWith("ctor", {}, '      template {\n        source      = "constructor"\n        destination = "local/x"\n      }'),
  "jobs/f-volume.nomad.hcl": 'job "vol" {\n  group "g" {\n    volume "v" {\n      type   = "host"\n      source = "constructor"\n    }\n    task "t" {\n      driver = "docker"\n      config { image = "nginx:1" }\n      volume_mount {\n        volume      = "v"\n        destination = "/data"\n      }\n    }\n  }\n}\n',
  "jobs/z-ok.nomad.hcl": jobWith("okjob", { A: '"1"' }),
};

describe("every file has a budget", () => {
  it("fails the crafted jobs alone, with a named limit, converts the rest, and writes the report", { timeout: 120_000 }, async () => {
    const dir = folder(crafted);
    const started = Date.now();
    // As an operator runs it: a process, whose exit code and output are the whole story.
    const r = spawnSync(process.execPath, [join(ROOT, "bin", "nomad2k8s.js"), "convert", "jobs", "-o", "out", "--json"], { cwd: dir, encoding: "utf8", timeout: 110_000 });
    expect(r.signal).toBeNull();
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(r.status).toBe(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const jobs = JSON.parse(r.stdout).jobs as { job: string; file: string; status: string; errors: { code: string; message: string }[] }[];
    const by = Object.fromEntries(jobs.map((j) => [j.file.replace("jobs/", ""), j]));
    expect(Object.keys(by).sort()).toEqual(Object.keys(crafted).map((f) => f.replace("jobs/", "")).sort());
    expect(by["a-for.nomad.hcl"].errors[0]).toMatchObject({ code: "N2K-BUDGET-003", message: expect.stringContaining("a for expression makes a value of more than 65536 elements") });
    expect(by["b-double.nomad.hcl"].errors[0]).toMatchObject({ code: "N2K-BUDGET-003", message: expect.stringContaining("a string template makes a string of 5242880 characters") });
    expect(by["c-regex.nomad.hcl"].status).toBe("converted");
    expect(by["d-parens.nomad.hcl"].status).toBe("failed");
    expect(by["e-constructor.nomad.hcl"].status).toBe("converted");
    expect(by["f-volume.nomad.hcl"].status).toBe("converted");
    expect(by["z-ok.nomad.hcl"].status).toBe("converted");
    expect(readFileSync(join(dir, "out", "regexjob", "main.tf"), "utf8")).toMatch(/name\s+= "E"\s+value = "x"/);
    expect(existsSync(join(dir, "out", "MIGRATION_REPORT.md"))).toBe(true);
  });

  it("fails a file over its time budget by name and goes on with the others", async () => {
    const dir = folder({ "jobs/a.nomad.hcl": jobWith("a", { A: '"1"' }), "jobs/b.nomad.hcl": jobWith("b", { A: '"1"' }) });
    const r = await runCli(["convert", "jobs", "-o", "out", "--json", "--job-timeout", "0.001"], dir);
    expect(r.code).toBe(1);
    const jobs = JSON.parse(r.stdout).jobs;
    expect(jobs.map((j: { file: string; status: string }) => [j.file, j.status])).toEqual([
      ["jobs/a.nomad.hcl", "failed"],
      ["jobs/b.nomad.hcl", "failed"],
    ]);
    expect(jobs[0].errors[0]).toEqual({ code: "N2K-BUDGET-001", message: "converting it took longer than 0.001 s, the time budget of one file (--job-timeout)" });
    expect(existsSync(join(dir, "out", "MIGRATION_REPORT.md"))).toBe(true);
    expect((await runCli(["convert", "jobs", "--job-timeout", "-1"], dir)).code).toBe(2);
  });

  it("matches Nomad's regular expressions in linear time", () => {
    const started = Date.now();
    expect(evalSource(`regex_replace("${"a".repeat(5000)}!", "^(a|aa)+$", "x")`, new FileScope())).toBe(`${"a".repeat(5000)}!`);
    expect(evalSource(`regex_replace("${"a".repeat(50)}", "^(a|aa)+$", "x")`, new FileScope())).toBe("x");
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

// Within the evaluator's caps, yet over a file's budget: a 2 Mi-character string (17 doublings)
// hashed 51,200 times (hours), or made upper-case 1,024 times (2 GB live).
const halfMi = `locals {\n  l0 = "aaaaaaaaaaaaaaaa"\n${Array.from({ length: 17 }, (_, i) => `  l${i + 1} = "\${local.l${i}}\${local.l${i}}"`).join("\n")}\n}\n`;
const slow = halfMi + jobWith("slowjob", { E: 'length([for i in range(1024) : [for j in range(50) : sha256("${local.l17}${i}${j}")]])' });
const big = halfMi + jobWith("bigjob", { E: 'length([for i in range(1024) : upper("${local.l17}${i}")])' });
const cli = (args: string[], cwd: string) => spawnSync(process.execPath, [join(ROOT, "bin", "nomad2k8s.js"), ...args], { cwd, encoding: "utf8", timeout: 100_000 });

describe("migrate and explain convert within the same budget, in a worker", () => {
  it("explain: a file over its time budget fails by name with N2K-BUDGET-001, exit 1, no stack trace", { timeout: 120_000 }, () => {
    const dir = folder({ "jobs/slow.nomad.hcl": slow });
    const r = cli(["explain", "jobs/slow.nomad.hcl", "--job-timeout", "2"], dir);
    expect(r.signal).toBeNull();
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("Source: `jobs/slow.nomad.hcl`");
    expect(r.stdout).toContain("`N2K-BUDGET-001`: converting it took longer than 2 s, the time budget of one file (--job-timeout)");
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /);
  });

  it("migrate --yes: a file over its memory budget fails by name with N2K-BUDGET-002, exit 1, nothing written", { timeout: 120_000 }, () => {
    const dir = folder({ "jobs/big.nomad.hcl": big });
    const r = cli(["migrate", "jobs/big.nomad.hcl", "-o", "out", "--yes", "--job-memory", "96"], dir);
    expect(r.signal).toBeNull();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("jobs/big.nomad.hcl: failed");
    expect(r.stderr).toContain("`N2K-BUDGET-002`: converting it needed more than 96 MB of memory, the budget of one file (--job-memory)");
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, "out"))).toBe(false);
  });

  it("a hostile file beside the job asked for by name fails alone: the job migrates, explain names the file", { timeout: 180_000 }, async () => {
    const dir = folder({ "jobs/big.nomad.hcl": big, "jobs/ok.nomad.hcl": jobWith("okjob", { A: '"1"' }) });
    const migrated = await runCli(["migrate", "okjob", "-i", "jobs", "-o", "out", "--yes", "--job-memory", "96"], dir);
    expect(migrated.code).toBe(0);
    expect(readFileSync(join(dir, "out", "okjob", "main.tf"), "utf8")).toContain('value = "1"');
    // The hostile job cannot be found by its name: the file it may be in is shown, failed.
    const explained = await runCli(["explain", "bigjob", "-i", "jobs", "--job-memory", "96"], dir);
    expect(explained.code).toBe(1);
    expect(explained.stdout).toContain("Source: `jobs/big.nomad.hcl`");
    expect(explained.stdout).toContain("N2K-BUDGET-002");
    expect(explained.stderr).toContain('bigjob: no such file, and no job of that name in jobs, and 1 file(s) failed before their jobs could be read (shown)');
  });

  it("migrate by the name of a job whose file failed shows that file and exits 1", { timeout: 120_000 }, async () => {
    const dir = folder({ "jobs/big.nomad.hcl": big, "jobs/ok.nomad.hcl": jobWith("okjob", { A: '"1"' }) });
    const missing = await runCli(["migrate", "bigjob", "-i", "jobs", "-o", "out", "--yes", "--job-memory", "96"], dir);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no job named "bigjob" in jobs, and 1 file(s) failed before their jobs could be read (shown)');
  });
});
