import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli-helpers.js";
import { folder, jobWith } from "./hostile-helpers.js";

// Crafted file functions (issue 20): reads stay in the job's folder; a refused read fails that job.

const other = jobWith("other", { A: '"1"' });

async function convert(env: Record<string, string>, files: Record<string, string> = {}, args: string[] = []) {
  const dir = folder({ "jobs/web/web.nomad.hcl": jobWith("web", env), "jobs/other.nomad.hcl": other, ...files });
  const r = await runCli(["convert", "jobs", "-o", "out", "--json", ...args], dir, { NOMAD_TOKEN: "tok-LEAKED-1234" });
  const report = r.stdout ? JSON.parse(r.stdout) : undefined;
  const web = report?.jobs.find((j: { job: string }) => j.job === "web");
  const all = r.stdout + r.stderr + (existsSync(join(dir, "out")) ? readAll(dir) : "");
  return { r, dir, report, web, all };
}

function readAll(dir: string): string {
  let text = "";
  for (const f of ["out/MIGRATION_REPORT.md", "out/migration-report.json", "out/web/main.tf"]) if (existsSync(join(dir, f))) text += readFileSync(join(dir, f), "utf8");
  return text;
}

describe("file functions read only inside the job file's folder", () => {
  it.each([
    ['filebase64("/proc/self/environ")', "/proc/self/environ"],
    ['file("/etc/passwd")', "/etc/passwd"],
    ['file("../../outside/x")', "outside/x"],
    ['try(file("/etc/passwd"), "")', "/etc/passwd"],
  ])("%s fails the job naming the file and the rule; the other job converts", async (expr, shown) => {
    const { r, web, report, all, dir } = await convert({ E: expr }, { "outside/x": "outside-secret" });
    expect(r.code).toBe(1);
    expect(web.status).toBe("failed");
    expect(web.errors[0].code).toBe("N2K-FILE-001");
    expect(web.errors[0].message).toContain(shown);
    expect(web.errors[0].message).toContain("nomad2k8s reads only files inside the job file's folder (--allow-read DIR allows another folder)");
    expect(report.jobs.find((j: { job: string }) => j.job === "other").status).toBe("converted");
    expect(existsSync(join(dir, "out", "web", "main.tf"))).toBe(false);
    expect(all).not.toContain("tok-LEAKED-1234");
    expect(all).not.toContain(Buffer.from("NOMAD_TOKEN=tok").toString("base64").slice(0, 12));
    expect(all).not.toContain("outside-secret");
    expect(all).not.toContain("root:x:0:0");
  });

  it("refuses a symbolic link in the job's folder that leads out of it", async () => {
    const dir = folder({ "jobs/web/web.nomad.hcl": jobWith("web", { E: 'file("conf.txt")' }), "secret/key": "PRIVATE-KEY-MATERIAL" });
    symlinkSync(join(dir, "secret", "key"), join(dir, "jobs", "web", "conf.txt"));
    const r = await runCli(["convert", "jobs", "-o", "out", "--json"], dir);
    const web = JSON.parse(r.stdout).jobs[0];
    expect(web.status).toBe("failed");
    expect(web.errors[0].message).toBe('${file("conf.txt")}: file "conf.txt" is a symbolic link to secret/key, outside the job file\'s folder: nomad2k8s reads only files inside the job file\'s folder (--allow-read DIR allows another folder)');
    expect(r.stdout + r.stderr).not.toContain("PRIVATE-KEY-MATERIAL");
  });

  it("does not fall back to the current folder for a file missing next to the job", async () => {
    const { r, web, all } = await convert({ E: 'file("conf.txt")' }, { "conf.txt": "CWD-CONTENT" });
    expect(r.code).toBe(0);
    expect(web.status).toBe("converted");
    expect(all).not.toContain("CWD-CONTENT");
    expect(all).toContain("var.file_conf_txt");
  });

  it("refuses devices and FIFOs even in an allowed folder, at once", async () => {
    for (const expr of ['filebase64("/dev/zero")', 'file("/dev/stdin")', 'fileexists("/dev/zero")']) {
      const started = Date.now();
      const { web } = await convert({ E: expr }, {}, ["--allow-read", "/dev"]);
      expect(web.status, expr).toBe("failed");
      // /dev/stdin is a link to the process's descriptor, outside /dev: refused before it is opened.
      expect(web.errors[0].message, expr).toMatch(/not a regular file|is a symbolic link to .*outside the job file's folder/);
      expect(Date.now() - started).toBeLessThan(5000);
    }
  });

  it("refuses a FIFO in the job's folder without waiting on it", async () => {
    const dir = folder({ "jobs/web/web.nomad.hcl": jobWith("web", { E: 'file("pipe")' }) });
    execFileSync("mkfifo", [join(dir, "jobs", "web", "pipe")]);
    const r = await runCli(["convert", "jobs", "-o", "out", "--json"], dir);
    expect(JSON.parse(r.stdout).jobs[0].errors[0].message).toBe('${file("pipe")}: file "pipe" is not read: not a regular file');
  });

  it("refuses a file larger than the cap", async () => {
    const { web } = await convert({ E: 'file("big.txt")' }, { "jobs/web/big.txt": "x".repeat(8 * 1024 * 1024 + 1) });
    expect(web.errors[0].message).toBe('${file("big.txt")}: file "big.txt" is not read: 8388609 bytes, more than the 8 MiB nomad2k8s reads');
  });

  it("refuses fileset() of a folder outside the job's", async () => {
    const { web } = await convert({ E: 'join(",", fileset("/etc", "*"))' });
    expect(web.errors[0].code).toBe("N2K-FILE-001");
    expect(web.errors[0].message).toContain('folder "/etc" (/etc) is outside the job file\'s folder');
  });

  it("lists every file read in the report; --allow-read widens the folder", async () => {
    const files = { "jobs/web/conf.txt": "hello", "shared/common.txt": "common" };
    const refused = await convert({ A: 'file("conf.txt")', B: 'file("../../shared/common.txt")' }, files);
    expect(refused.web.status).toBe("failed");
    const { r, web, report, dir } = await convert({ A: 'file("conf.txt")', B: 'file("../../shared/common.txt")' }, files, ["--allow-read", "shared"]);
    expect(r.code).toBe(0);
    expect(web.filesRead).toEqual(["jobs/web/conf.txt (5 bytes)", "shared/common.txt (6 bytes)"]);
    expect(report.jobs.find((j: { job: string }) => j.job === "other").filesRead).toBeUndefined();
    expect(readFileSync(join(dir, "out", "MIGRATION_REPORT.md"), "utf8")).toContain("### Files read\n\n- jobs/web/conf.txt (5 bytes)\n- shared/common.txt (6 bytes)");
  });

  it("reads a --var-file only when it is a regular file", async () => {
    const dir = folder({ "jobs/web.nomad.hcl": jobWith("web", { A: '"1"' }) });
    const r = await runCli(["convert", "jobs", "-o", "out", "--var-file", "/dev/zero"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe("nomad2k8s: --var-file /dev/zero: not read: not a regular file");
  });

  it("refuses a job file that is not a regular file or too large, and converts the others", async () => {
    const dir = folder({ "jobs/a.nomad.hcl": jobWith("a", { A: '"1"' }), "jobs/b.nomad.hcl": `# ${"x".repeat(16 * 1024 * 1024)}\n` });
    const r = await runCli(["convert", "jobs", "-o", "out", "--json"], dir);
    const report = JSON.parse(r.stdout);
    expect(r.code).toBe(1);
    expect(report.jobs.map((j: { file: string; status: string }) => [j.file, j.status])).toEqual([
      ["jobs/a.nomad.hcl", "converted"],
      ["jobs/b.nomad.hcl", "failed"],
    ]);
    expect(report.jobs[1].error).toBe("not read: 16777219 bytes, more than the 16 MiB nomad2k8s reads");
  });
});
