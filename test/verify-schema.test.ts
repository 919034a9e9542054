import { describe, expect, it, vi } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { defaultSiteConfig } from "../src/config/site-config.js";
import { convert } from "../src/convert.js";
import { formatDiagnostic } from "../src/diagnostics.js";
import { runCli, scratch } from "./cli-helpers.js";
import { ROOT } from "./helpers.js";

// A renderer that writes a deliberately wrong module (as a template bug would): an attribute
// renamed to one the provider does not have, and an ExternalSecret store kind the CRD refuses.
// The names keep their length so the layout stays canonical and only the schema check fires.
vi.mock("../src/render/render-module.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../src/render/render-module.js")>();
  return {
    ...real,
    renderModule: (...args: Parameters<typeof real.renderModule>) => {
      const files = real.renderModule(...args);
      files["main.tf"] = files["main.tf"].replace("    replicas     = 1\n", "    replikas     = 1\n");
      if (files["secrets.tf"]) files["secrets.tf"] = files["secrets.tf"].replace('kind = "ClusterSecretStore"', 'kind = "ClusterSecretStorz"');
      return files;
    },
  };
});

describe("convert --verify against the provider schema", () => {
  // The CLI converts in worker threads, which this module mock does not reach: the library's
  // convert() runs the same checks in this thread.
  it("reports the wrong module by file, resource and attribute, and fails the job", async () => {
    const file = "nomad-jobs/vaultwarden.nomad.hcl";
    const result = await convert([{ file, text: readFileSync(join(ROOT, file), "utf8") }], { config: defaultSiteConfig(), verify: true });
    const job = result.jobs[0];
    expect(job.status).toBe("failed");
    expect(job.reason).toMatch(/^vaultwarden\/main.tf: kubernetes_stateful_set.vaultwarden: spec.replikas: unknown attribute or block/);
    const lines = job.diagnostics.map(formatDiagnostic);
    expect(lines).toContain("error N2K-SCHEMA-001 vaultwarden/main.tf job \"vaultwarden\": vaultwarden/main.tf: kubernetes_stateful_set.vaultwarden: spec.replikas: unknown attribute or block (not in the provider schema) (a nomad2k8s bug)");
    expect(lines).toContain('error N2K-SCHEMA-002 vaultwarden/secrets.tf job "vaultwarden": vaultwarden/secrets.tf: kubectl_manifest.external_secret: yaml_body.spec.secretStoreRef.kind: "ClusterSecretStorz" is not one of "SecretStore", "ClusterSecretStore" (a nomad2k8s bug)');
  });

  it("does not run the schema check without --verify", async () => {
    const dir = scratch();
    const r = await runCli(["convert", "nomad-jobs/vaultwarden.nomad.hcl", "--dry-run"], dir);
    expect(r.stderr).not.toContain("N2K-SCHEMA");
    expect(r.code).toBe(0);
  });
});
