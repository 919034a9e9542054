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
