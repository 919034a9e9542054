import { format } from "@cdktf/hcl-tools";
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseHcl } from "../src/nomad/hcl-parser.js";
import { runCli, scratch } from "./cli-helpers.js";
import { ROOT } from "./helpers.js";

// One fleet report, always whole, that starts with what to do before apply; a root module
// that plans the whole fleet from one folder.
const read = (dir: string, p: string) => readFileSync(join(dir, p), "utf8");
const reportJson = (dir: string) => JSON.parse(read(dir, "modules-k8s/migration-report.json"));

describe("the fleet report", () => {
  it("converting one file merges it into the fleet's report; diff right after sees no change", async () => {
    const dir = scratch();
    expect((await runCli(["convert"], dir)).code).toBe(0);
    const whole = read(dir, "modules-k8s/MIGRATION_REPORT.md");
    writeFileSync(join(dir, "nomad-jobs/gitea.nomad.hcl"), read(dir, "nomad-jobs/gitea.nomad.hcl").replace(/memory\s*=\s*\d+/, "memory = 999"));
    const one = await runCli(["convert", "nomad-jobs/gitea.nomad.hcl"], dir);
    expect(one.code).toBe(0);
    expect(one.stderr).toContain("7 jobs: 7 converted");
    expect(one.stderr).not.toContain("no longer produced");
    const report = reportJson(dir);
    expect(report.jobs.map((j: { job: string }) => j.job)).toEqual(["gitea", "nginx-sites", "node-exporter", "ollama", "restic-backup", "searxng", "vaultwarden"]);
    expect(read(dir, "modules-k8s/MIGRATION_REPORT.md")).not.toBe(whole);
    // The same as converting everything again.
    const all = await runCli(["diff", "--report"], dir);
    expect(all.stdout).toContain("0 new, 0 changed, 0 hand-edited, 0 removed");
    expect(all.code).toBe(0);
    expect((await runCli(["diff", "--report", "nomad-jobs/searxng.nomad.hcl"], dir)).code).toBe(0);
  });

  it("a job whose file is gone, or which the searched folder no longer holds, leaves the report", async () => {
    const dir = scratch();
    await runCli(["convert"], dir);
    rmSync(join(dir, "nomad-jobs/ollama.nomad.hcl"));
    await runCli(["convert", "nomad-jobs/gitea.nomad.hcl"], dir);
    expect(reportJson(dir).jobs.map((j: { job: string }) => j.job)).not.toContain("ollama");
  });

  it("no input read: exit 2, and the fleet's report stays as it was", async () => {
    const dir = scratch();
    await runCli(["convert"], dir);
    const before = read(dir, "modules-k8s/migration-report.json");
    const r = await runCli(["convert", "jobs/vaultwarden.nomad.hcl"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("jobs/vaultwarden.nomad.hcl: no such file or folder; nothing converted, no report written");
    expect(read(dir, "modules-k8s/migration-report.json")).toBe(before);
    const fresh = scratch(false);
    expect((await runCli(["convert", "nope"], fresh)).code).toBe(2);
    expect(existsSync(join(fresh, "modules-k8s"))).toBe(false);
  });

  it("starts with Before you apply: prerequisites, site values with their source, blocking steps by job", async () => {
    const dir = scratch();
    cpSync(join(ROOT, "test/golden/meta-interpolation/input.nomad.hcl"), join(dir, "nomad-jobs/portal.nomad.hcl"));
    writeFileSync(join(dir, "nomad2k8s.config.json"), JSON.stringify({ tls: { secretName: "my-tls" } }));
    expect((await runCli(["convert"], dir)).code).toBe(0);
    const md = read(dir, "modules-k8s/MIGRATION_REPORT.md");
    const heads = md.split("\n").filter((l) => l.startsWith("## ") || l.startsWith("### ")).slice(0, 5);
    expect(heads).toEqual(["## Before you apply", "### Prerequisites", "### Site values in use", "### Required before apply", "## Jobs"]);
    expect(md).toContain("- **External Secrets Operator** (operator): its CRDs installed and a ClusterSecretStore `vault-backend` that reads the secret store (Vault). Needed by restic-backup, vaultwarden.");
    expect(md).toContain("- **`/storage/v` on every node** (node)");
    expect(md).toContain("| `tls.secretName` | `my-tls` | site config |");
    expect(md).toMatch(/\| `storage.root` \| `\/storage\/v` \| \*\*default: another site's value, set yours\*\* \| /);
    expect(md).toMatch(/### Required before apply\n\n- \*\*portal\*\* \(`nomad-jobs\/portal.nomad.hcl`\):\n  - `N2K-INTERP-004`: set variable "attr_cpu_arch"/);
    const json = reportJson(dir);
    expect(Object.keys(json)).toEqual(["generator", "summary", "prerequisites", "siteValues", "blocking", "jobs"]);
    expect(json.prerequisites.find((p: { id: string }) => p.id === "operator:external-secrets").jobs).toEqual(["restic-backup", "vaultwarden"]);
    expect(json.siteValues.find((v: { key: string }) => v.key === "gpu.node")).toEqual({ key: "gpu.node", value: "hestia", source: "default", siteSpecific: true, jobs: ["ollama"] });
    expect(json.blocking.map((b: { job: string }) => b.job)).toEqual(["portal"]);
  });

  it("counts what was left out on purpose per job in the Markdown, lists it in the JSON and in explain", async () => {
    const dir = scratch();
    await runCli(["convert"], dir);
    const md = read(dir, "modules-k8s/MIGRATION_REPORT.md");
    const gitea = reportJson(dir).jobs[0];
    expect(gitea.ignored.length).toBeGreaterThan(1);
    expect(md).toContain(`| gitea | nomad-jobs/gitea.nomad.hcl | converted | C | gitea/ | 1 | 1 | ${gitea.ignored.length} |`);
    expect(md).toContain(`${gitea.ignored.length} attribute(s) left out on purpose (`);
    expect(md).not.toContain(gitea.ignored[0].message);
    const ex = await runCli(["explain", "gitea"], dir);
    expect(ex.code).toBe(0);
    expect(ex.stdout).toContain(gitea.ignored[0].message);
    expect((await runCli(["explain", "nope"], dir)).stderr).toContain("nope: no such file, and no job of that name in nomad-jobs");
  });
});

describe("the fleet's root module", () => {
  it("calls every module with its required inputs as root variables; parses and is in fmt layout", async () => {
    const dir = scratch();
    cpSync(join(ROOT, "test/golden/module-inputs/input.nomad.hcl"), join(dir, "nomad-jobs/shop.nomad.hcl"));
    expect((await runCli(["convert"], dir)).code).toBe(0);
    const main = read(dir, "modules-k8s/fleet/main.tf");
    const vars = read(dir, "modules-k8s/fleet/variables.tf");
    for (const m of ["gitea", "nginx-sites", "node-exporter", "ollama", "restic-backup", "searxng", "shop", "vaultwarden"]) expect(main).toContain(`module "${m}" {\n  source = "../${m}"`);
    expect(main).toMatch(/module "shop" \{\n  source = "..\/shop"\n\n  api_key_header\s+= var.shop_api_key_header\n/);
    expect(vars).toMatch(/variable "shop_api_key_header" \{\n  description = "shop: [^"]+"\n  type        = string\n\}/);
    for (const f of ["main.tf", "variables.tf", "versions.tf"]) {
      const text = read(dir, `modules-k8s/fleet/${f}`);
      await parseHcl(f, text);
      expect(await format(text), f).toBe(text);
    }
    // Regenerated and pruned like the rest: a job gone leaves the root module, which stays.
    rmSync(join(dir, "nomad-jobs/shop.nomad.hcl"));
    const pruned = await runCli(["convert", "--prune"], dir);
    expect(pruned.code).toBe(0);
    expect(read(dir, "modules-k8s/fleet/main.tf")).not.toContain('module "shop"');
    expect(pruned.stderr).not.toContain("fleet/");
  });
});
