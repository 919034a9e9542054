import { describe, expect, it, vi } from "vitest";
import { runCli, scratch } from "./cli-helpers.js";

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
  it("reports the wrong module by file, resource and attribute, and fails the job", async () => {
    const dir = scratch();
    const r = await runCli(["convert", "nomad-jobs/vaultwarden.nomad.hcl", "--verify", "--dry-run"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^failed job "vaultwarden" \(nomad-jobs\/vaultwarden.nomad.hcl\): vaultwarden\/main.tf: kubernetes_stateful_set.vaultwarden: spec.replikas: unknown attribute or block/m);
    expect(r.stderr).toContain("error N2K-SCHEMA-001 vaultwarden/main.tf job \"vaultwarden\": vaultwarden/main.tf: kubernetes_stateful_set.vaultwarden: spec.replikas: unknown attribute or block (not in the provider schema) (a nomad2k8s bug)");
    expect(r.stderr).toContain('error N2K-SCHEMA-002 vaultwarden/secrets.tf job "vaultwarden": vaultwarden/secrets.tf: kubectl_manifest.external_secret: yaml_body.spec.secretStoreRef.kind: "ClusterSecretStorz" is not one of "SecretStore", "ClusterSecretStore"');
  });

  it("does not run the schema check without --verify", async () => {
    const dir = scratch();
    const r = await runCli(["convert", "nomad-jobs/vaultwarden.nomad.hcl", "--dry-run"], dir);
    expect(r.stderr).not.toContain("N2K-SCHEMA");
    expect(r.code).toBe(0);
  });
});
