import { describe, expect, it } from "vitest";
import { runCli } from "../cli-helpers.js";
import { folder, jobWith } from "./hostile-helpers.js";

// Limits a job set (issue 20): a module that allows the task more than Nomad did says so, with both numbers.

describe("loosened limits are warnings", () => {
  it("memory_max below the chosen tier's memory limit names both", async () => {
    const job = jobWith("web", { A: '"1"' }, "      resources {\n        cpu        = 100\n        memory     = 100\n        memory_max = 200\n      }\n");
    const r = await runCli(["convert", "jobs", "-o", "out", "-v"], folder({ "jobs/web.nomad.hcl": job }));
    expect(r.stderr).toMatch(/warning N2K-RES-008 .*memory_max = 200 MB was its hard memory limit on Nomad; the medium tier's limit of 512Mi loosens it/);
  });

  it("a memory_max the tier's limit matches is no warning", async () => {
    const job = jobWith("web", { A: '"1"' }, "      resources {\n        cpu        = 100\n        memory     = 100\n        memory_max = 512\n      }\n");
    const r = await runCli(["convert", "jobs", "-o", "out", "-v"], folder({ "jobs/web.nomad.hcl": job }));
    expect(r.stderr).not.toContain("N2K-RES-008");
  });

  it("pids_limit is a warning naming the number, no longer an ignored attribute", async () => {
    const job = jobWith("web", { A: '"1"' }).replace('ports = ["http"]', 'ports = ["http"]\n        pids_limit = 100');
    const r = await runCli(["convert", "jobs", "-o", "out", "-v"], folder({ "jobs/web.nomad.hcl": job }));
    expect(r.stderr).toMatch(/warning N2K-RES-009 .*pids_limit = 100 is not carried over: .*podPidsLimit/);
  });
});
