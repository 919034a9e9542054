import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { siteConfigJsonSchema } from "../src/config/json-schema.js";
import { ConfigError, parseConfig } from "../src/config/load-config.js";
import { ROOT } from "./helpers.js";
import { runCli, scratch } from "./cli-helpers.js";

describe("nomad2k8s diff", () => {
  async function converted() {
    const dir = scratch();
    expect((await runCli(["convert"], dir)).code).toBe(0);
    return dir;
  }

  it("exits 0 when nothing would change", async () => {
    const r = await runCli(["diff"], await converted());
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("0 new, 0 changed, 0 hand-edited, 0 removed, 33 unchanged\n");
  });

  it("exits 1 and shows a unified diff for a changed job", async () => {
    const dir = await converted();
    const job = join(dir, "nomad-jobs", "gitea.nomad.hcl");
    writeFileSync(job, readFileSync(job, "utf8").replace('image = "gitea/gitea:1.22.3"', 'image = "gitea/gitea:1.23.0"'));
    const r = await runCli(["diff"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("# modules-k8s/gitea/variables.tf: changed");
    expect(r.stdout).toContain('-  default     = "1.22.3"\n+  default     = "1.23.0"');
    expect(r.stdout).toContain("0 new, 1 changed, 0 hand-edited, 0 removed, 32 unchanged");
    expect((await runCli(["diff", "--stat"], dir)).stdout).toBe("0 new, 1 changed, 0 hand-edited, 0 removed, 32 unchanged\n");
  });

  it("shows hand-edited generated files as such", async () => {
    const dir = await converted();
    const file = join(dir, "modules-k8s", "ollama", "main.tf");
    writeFileSync(file, readFileSync(file, "utf8") + "# tuned by hand\n");
    const r = await runCli(["diff"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("# modules-k8s/ollama/main.tf: hand-edited since generation; not overwritten without --force");
    expect(r.stdout).toContain("-# tuned by hand");
  });

  it("lists a new job's files and a removed job's files", async () => {
    const dir = await converted();
    writeFileSync(join(dir, "nomad-jobs", "extra.nomad.hcl"), readFileSync(join(dir, "nomad-jobs", "searxng.nomad.hcl"), "utf8").replace('job "searxng"', 'job "extra"').replace('host = "search.', 'host = "extra.'));
    rmSync(join(dir, "nomad-jobs", "node-exporter.nomad.hcl"));
    const r = await runCli(["diff"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("# modules-k8s/extra/main.tf: new file");
    expect(r.stdout).toContain("# modules-k8s/node-exporter/main.tf: no longer produced (its job is gone); convert --prune removes it");
    expect(r.stdout).toContain("4 new, 1 changed, 0 hand-edited, 4 removed, 28 unchanged");
  });

  it("exits 2 when a job fails", async () => {
    const dir = await converted();
    writeFileSync(join(dir, "nomad-jobs", "broken.nomad.hcl"), "job {");
    expect((await runCli(["diff"], dir)).code).toBe(2);
  });
});

describe("site config", () => {
  it("drives the TLS secret, storage root and tier table", async () => {
    const dir = scratch();
    writeFileSync(
      join(dir, "site.json"),
      JSON.stringify({
        tls: { secretName: "acme-wildcard" },
        storage: { root: "/mnt/gluster" },
        tiers: [
          { name: "small", cpuRequest: 25, cpuLimit: 100, memoryRequest: 32, memoryLimit: 128 },
          { name: "big", cpuRequest: 100, cpuLimit: 1000, memoryRequest: 96, memoryLimit: 512 },
        ],
      }),
    );
    expect((await runCli(["convert", "--config", "site.json"], dir)).code).toBe(0);
    const sites = readFileSync(join(dir, "modules-k8s", "nginx-sites", "main.tf"), "utf8");
    expect(sites).toContain('secret_name = "acme-wildcard"');
    expect(sites).toContain('path = "/mnt/gluster/glusterfs_nginx_sites"');
    expect(sites).toContain('requests = { cpu = "100m", memory = "96Mi" }');
    const searx = readFileSync(join(dir, "modules-k8s", "searxng", "main.tf"), "utf8");
    expect(searx).toContain('requests = { cpu = "100m", memory = "96Mi" }');
    expect(readFileSync(join(dir, "modules-k8s", "restic-backup", "main.tf"), "utf8")).not.toContain("wildcard-brmartin-tls");
  });

  it.each([
    [{ tls: { secretName: 5 } }, "tls.secretName: Invalid input: expected string, received number"],
    [{ storage: { root: "relative/path" } }, "storage.root: must be an absolute path"],
    [{ namespace: "Not_Valid" }, "namespace: must be a DNS-1123 label"],
    [{ tierz: [] }, '(top level): unknown key(s) "tierz"'],
    [{ ingress: { clasName: "x" } }, 'ingress: unknown key(s) "clasName"'],
    [{ tiers: [] }, "tiers: Too small: expected array to have >=1 items"],
    [{ resourceTypes: "v2" }, 'resourceTypes: Invalid option: expected one of "contract"|"v1"'],
    [{ jobs: { web: { pattern: "Z" } } }, "jobs.web.pattern: Invalid option"],
    [{ secrets: { storeKind: "Vault" } }, 'secrets.storeKind: Invalid option: expected one of "ClusterSecretStore"|"SecretStore"'],
  ])("names the bad key and what was expected: %j", (raw, message) => {
    expect(() => parseConfig(raw, "site.json")).toThrow(ConfigError);
    try {
      parseConfig(raw, "site.json");
    } catch (err) {
      expect((err as Error).message).toContain("site.json: invalid site config");
      expect((err as Error).message).toContain(message);
    }
  });

  it("reports unreadable config files with exit 2", async () => {
    const dir = scratch();
    writeFileSync(join(dir, "bad.json"), "{ nope");
    const r = await runCli(["convert", "--config", "bad.json"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad.json: not valid JSON/);
    expect((await runCli(["convert", "--config", "missing.json"], dir)).stderr).toMatch(/missing.json: file not found/);
  });

  it("init writes every default and a JSON Schema the defaults satisfy", async () => {
    const dir = scratch(false);
    expect((await runCli(["init"], dir)).code).toBe(0);
    const written = JSON.parse(readFileSync(join(dir, "nomad2k8s.config.json"), "utf8"));
    expect(written.$schema).toBe("./nomad2k8s.schema.json");
    expect(parseConfig(written)).toEqual(parseConfig({ $schema: "./nomad2k8s.schema.json" }));
    expect(JSON.parse(readFileSync(join(dir, "nomad2k8s.schema.json"), "utf8"))).toEqual(siteConfigJsonSchema());
    expect((await runCli(["init"], dir)).code).toBe(1);
  });

  it("ships an up-to-date JSON Schema for editors", () => {
    const shipped = JSON.parse(readFileSync(join(ROOT, "nomad2k8s.schema.json"), "utf8"));
    expect(shipped, "nomad2k8s.schema.json is behind the site config: run `npm run schema:update`").toEqual(siteConfigJsonSchema());
  });
});
