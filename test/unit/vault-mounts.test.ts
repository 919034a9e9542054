import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load-config.js";
import { Diagnostics } from "../../src/diagnostics.js";
import { ModuleSecrets } from "../../src/plan/secrets/module-secrets.js";
import { planSecrets } from "../../src/plan/secrets/external-secrets.js";
import { reportVaultMounts } from "../../src/plan/secrets/vault-mounts.js";

const ref = { env: "app-secrets", files: "app-files", litestream: "app-litestream" };

describe("Vault mounts", () => {
  it("keeps the key inside its mount and sends a mapped mount's keys to its store", () => {
    const secrets = new ModuleSecrets(parseConfig({ secrets: { mounts: { certificates: "vault-certs" } } }), "app", "default");
    secrets.addEnv("A", secrets.remoteKey("secret/data/app"), "a");
    secrets.addEnv("C", secrets.remoteKey("certificates/data/site"), "cert");
    const [es] = planSecrets(secrets, ref, parseConfig({ secrets: { mounts: { certificates: "vault-certs" } } }), []);
    expect(es.data.map((d) => d.remoteKey)).toEqual(["app", "site"]);
    expect(es.storeName).toBe("vault-backend");
    expect(es.stores).toEqual({ site: "vault-certs" });
  });

  it("is a blocking step naming an unserved mount, its KV version and the config key; none for Nomad variables or dynamic secrets", () => {
    const config = parseConfig({});
    const secrets = new ModuleSecrets(config, "app", "default");
    secrets.remoteKey("homelab/data/postgres");
    secrets.remoteKey("nomadVar:nomad/jobs/app");
    secrets.remoteKey("aws/sts/role");
    secrets.remoteKey("secret/app");
    const diags = new Diagnostics();
    const mounts = reportVaultMounts(secrets, config, "app", diags);
    expect(mounts.map((m) => [m.mount, m.versions, m.store])).toEqual([
      ["homelab", ["v2"], undefined],
      ["secret", ["v1"], "vault-backend"],
    ]);
    expect(diags.items.map((d) => [d.code, d.blocking])).toEqual([["N2K-SEC-015", true]]);
    expect(diags.items[0].message).toContain('secrets.mounts["homelab"]');
  });

  it("takes one store to read every mount when the remote key carries the mount", () => {
    const config = parseConfig({ secrets: { remoteKeyTemplate: "{path}" } });
    const secrets = new ModuleSecrets(config, "app", "default");
    expect(secrets.remoteKey("homelab/data/postgres")).toBe("homelab/postgres");
    const diags = new Diagnostics();
    reportVaultMounts(secrets, config, "app", diags);
    expect(diags.items).toEqual([]);
  });
});
