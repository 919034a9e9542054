import type { SiteConfig } from "../config/site-config.js";
import type { HclVal } from "./hcl-value.js";
import type { ExternalSecretPlan } from "./model.js";
import type { ModuleSecrets } from "./module-secrets.js";

/** One ExternalSecret for env keys (`<app>-secrets`) and one for rendered files (`<app>-files`). */
export function planSecrets(secrets: ModuleSecrets, ref: { env: HclVal; files: HclVal }, config: SiteConfig): ExternalSecretPlan[] {
  const base = { storeName: config.secrets.storeName, storeKind: config.secrets.storeKind, refreshInterval: config.secrets.refreshInterval };
  const out: ExternalSecretPlan[] = [];
  if (secrets.env.length) out.push({ ...base, tfName: "external_secret", name: ref.env, targetName: ref.env, data: secrets.env });
  if (secrets.fileEntries.length || Object.keys(secrets.files).length) {
    const template = Object.keys(secrets.files).length ? secrets.files : undefined;
    out.push({ ...base, tfName: "external_secret_files", name: ref.files, targetName: ref.files, data: secrets.fileEntries, template });
  }
  return out;
}
