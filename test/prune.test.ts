import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, scratch } from "./cli-helpers.js";

// Two jobs leave the fleet: their generated modules are stale. --prune removes what the tool
// generated and nobody edited, one line per file; an edited or foreign file stays.
async function fleetWithTwoJobsGone() {
  const dir = scratch();
  expect((await runCli(["convert"], dir)).code).toBe(0);
  rmSync(join(dir, "nomad-jobs", "searxng.nomad.hcl"));
  rmSync(join(dir, "nomad-jobs", "gitea.nomad.hcl"));
  const edited = join(dir, "modules-k8s", "gitea", "main.tf");
  writeFileSync(edited, readFileSync(edited, "utf8") + "# kept for the record\n");
  writeFileSync(join(dir, "modules-k8s", "searxng", "notes.tf"), "# my own notes, not generated\n");
  // A copy Terraform keeps of a generated module is not a stale file.
  mkdirSync(join(dir, "modules-k8s", ".terraform", "modules", "old"), { recursive: true });
  writeFileSync(join(dir, "modules-k8s", ".terraform", "modules", "old", "main.tf"), readFileSync(join(dir, "modules-k8s", "searxng", "main.tf"), "utf8"));
  return dir;
}

describe("stale modules", () => {
  it("diff lists them with what --prune would do", async () => {
    const dir = await fleetWithTwoJobsGone();
    const r = await runCli(["diff"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("# modules-k8s/gitea/main.tf: no longer produced (its job is gone); edited since generation, so --prune keeps it: remove it by hand");
    expect(r.stdout).toContain("# modules-k8s/searxng/main.tf: no longer produced (its job is gone); convert --prune removes it");
    expect(r.stdout).toContain("# run `nomad2k8s convert --prune` to remove the generated, unedited files listed as no longer produced");
    expect(r.stdout).not.toContain("notes.tf");
    expect(r.stdout).toContain("8 removed");
  });

  it("convert without --prune leaves them and says so", async () => {
    const dir = await fleetWithTwoJobsGone();
    const r = await runCli(["convert"], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("8 generated file(s) in modules-k8s/ are no longer produced (`nomad2k8s diff` lists them); --prune removes the unedited ones");
    expect(existsSync(join(dir, "modules-k8s", "searxng", "main.tf"))).toBe(true);
  });

  it("--dry-run --prune lists the removals and removes nothing", async () => {
    const dir = await fleetWithTwoJobsGone();
    const r = await runCli(["convert", "--prune", "--dry-run"], dir);
    expect(r.stderr).toContain("would remove modules-k8s/searxng/main.tf: no longer produced");
    expect(r.stderr).toContain("not removed modules-k8s/gitea/main.tf: no longer produced, but edited since it was generated; remove it by hand");
    expect(readdirSync(join(dir, "modules-k8s", "searxng")).sort()).toEqual(["main.tf", "notes.tf", "outputs.tf", "variables.tf", "versions.tf"]);
    expect(r.code).toBe(1);
  });

  it("--prune removes generated, unchanged files one by one, keeps edited and foreign ones", async () => {
    const dir = await fleetWithTwoJobsGone();
    const r = await runCli(["convert", "--prune"], dir);
    const lines = r.stderr.split("\n").filter((l) => /^(removed|not removed)/.test(l));
    expect(lines).toEqual([
      "removed modules-k8s/gitea/outputs.tf: no longer produced",
      "removed modules-k8s/gitea/variables.tf: no longer produced",
      "removed modules-k8s/gitea/versions.tf: no longer produced",
      "removed modules-k8s/searxng/main.tf: no longer produced",
      "removed modules-k8s/searxng/outputs.tf: no longer produced",
      "removed modules-k8s/searxng/variables.tf: no longer produced",
      "removed modules-k8s/searxng/versions.tf: no longer produced",
      "not removed modules-k8s/gitea/main.tf: no longer produced, but edited since it was generated; remove it by hand",
    ]);
    // Like a file that is not overwritten, a file that is not removed fails the run.
    expect(r.code).toBe(1);
    expect(readdirSync(join(dir, "modules-k8s", "gitea"))).toEqual(["main.tf"]);
    expect(readdirSync(join(dir, "modules-k8s", "searxng"))).toEqual(["notes.tf"]);
    expect(existsSync(join(dir, "modules-k8s", "vaultwarden", "main.tf"))).toBe(true);
    expect(existsSync(join(dir, "modules-k8s", ".terraform", "modules", "old", "main.tf"))).toBe(true);

    // Once the user deals with the edited file, the folder goes too and the run is clean.
    writeFileSync(join(dir, "modules-k8s", "gitea", "main.tf"), readFileSync(join(dir, "modules-k8s", "gitea", "main.tf"), "utf8").replace("# kept for the record\n", ""));
    const again = await runCli(["convert", "--prune"], dir);
    expect(again.stderr).toContain("removed modules-k8s/gitea/main.tf: no longer produced\nremoved modules-k8s/gitea/: empty\n");
    expect(again.code).toBe(0);
    expect(existsSync(join(dir, "modules-k8s", "gitea"))).toBe(false);
    expect((await runCli(["diff"], dir)).stdout).toContain("0 new, 0 changed, 0 hand-edited, 0 removed");
  });

  it("keeps the module of a job that failed this time, and prunes nothing when a file cannot be read", async () => {
    const dir = scratch();
    await runCli(["convert"], dir);
    writeFileSync(join(dir, "nomad-jobs", "searxng.nomad.hcl"), 'job "searxng" {\n  group "g" {\n    task "t" {\n      driver = "docker"\n    }\n  }\n}\n');
    const failed = await runCli(["convert", "--prune"], dir);
    expect(failed.stderr).toMatch(/^failed job "searxng"/m);
    expect(failed.stderr).not.toMatch(/^removed/m);
    expect(existsSync(join(dir, "modules-k8s", "searxng", "main.tf"))).toBe(true);

    writeFileSync(join(dir, "nomad-jobs", "searxng.nomad.hcl"), 'job "searxng" {\n  group "g" {\n    count = \n  }\n}\n');
    const unreadable = await runCli(["convert", "--prune"], dir);
    expect(unreadable.stderr).toContain("not pruned: 1 input file(s) could not be read (nomad-jobs/searxng.nomad.hcl), so which modules are stale is unknown");
    expect(unreadable.stderr).not.toMatch(/^removed/m);
    expect(unreadable.code).toBe(1);
    expect(existsSync(join(dir, "modules-k8s", "searxng", "main.tf"))).toBe(true);
  });
});
