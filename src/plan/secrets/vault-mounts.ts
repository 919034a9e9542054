import type { SiteConfig } from "../../config/site-config.js";
import type { Diagnostics } from "../../diagnostics.js";
import type { ModuleSecrets, VaultMount } from "./module-secrets.js";

/**
 * The Vault KV mounts the module's ExternalSecrets read. A remoteRef key is a path inside the
 * mount its store serves (`homelab/data/postgres` → key `postgres`): a mount no store of the site
 * config serves would leave the ExternalSecret unsynced and the pod waiting for its Secret, so it
 * is a blocking step naming the mount and the config key to set.
 */
export function reportVaultMounts(secrets: ModuleSecrets, config: SiteConfig, job: string, diags: Diagnostics): VaultMount[] {
  const mounts = [...secrets.mounts.values()].sort((a, b) => (a.mount < b.mount ? -1 : a.mount > b.mount ? 1 : 0));
  for (const m of mounts.filter((x) => !x.store)) {
    const kv = m.versions.map((v) => `KV ${v}`).join(" and ");
    diags.manual(
      "N2K-SEC-015",
      `the job reads Vault mount "${m.mount}" (${kv}: ${m.paths.join(", ")}), which the secret store ${config.secrets.storeName} does not serve (it serves "${config.secrets.mount}"): the ExternalSecret's keys are paths inside the mount and are not found until a store serving "${m.mount}" is named in the site config key secrets.mounts["${m.mount}"]`,
      {
        path: `job.${job}`,
        blocking: true,
        hint: `create a ${config.secrets.storeKind} with spec.provider.vault.path = "${m.mount}" and version = "${m.versions[0]}", set secrets.mounts["${m.mount}"] to its name (or secrets.mount = "${m.mount}" if ${config.secrets.storeName} reads that mount), then convert again`,
      },
    );
  }
  return mounts;
}
