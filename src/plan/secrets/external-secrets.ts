import type { SiteConfig } from "../../config/site-config.js";
import { expr, tpl, type HclVal } from "../hcl-value.js";
import type { ExternalSecretPlan, Variable } from "../model.js";
import type { ModuleSecrets } from "./module-secrets.js";

/** The Secret of the n-th file rendered from a whole remote key: `<app>-extract`, `<app>-extract-2`. */
export const extractSecretName = (n: number): HclVal => tpl(expr("local.app_name"), n === 1 ? "-extract" : `-extract-${n}`);

/**
 * One ExternalSecret for env keys (`<app>-secrets`), one for rendered files (`<app>-files`), one
 * for Litestream's credentials (`<app>-litestream`).
 * When every env key is the same-named property of one remote key, the contract's
 * `secret_keys` variable lists them.
 */
export function planSecrets(secrets: ModuleSecrets, ref: { env: HclVal; files: HclVal; litestream: HclVal }, config: SiteConfig, variables: Variable[]): ExternalSecretPlan[] {
  const defaults = { storeName: config.secrets.storeName, storeKind: config.secrets.storeKind, refreshInterval: config.secrets.refreshInterval };
  const out: ExternalSecretPlan[] = [];
  // An ExternalSecret reads from the store all its keys share; keys of other stores name theirs.
  const withStores = (es: ExternalSecretPlan): ExternalSecretPlan => {
    const keys = [...new Set([...es.data.map((d) => d.remoteKey), ...(es.extract ?? [])])];
    const storeOf = (k: string) => secrets.stores.get(k) ?? config.secrets.storeName;
    const own = keys.length && keys.every((k) => storeOf(k) === storeOf(keys[0])) ? storeOf(keys[0]) : config.secrets.storeName;
    const others = Object.fromEntries(keys.filter((k) => storeOf(k) !== own).map((k) => [k, storeOf(k)]));
    return { ...es, storeName: own, ...(Object.keys(others).length ? { stores: others } : {}) };
  };
  const base = defaults;
  if (secrets.env.length || secrets.envExtract.length) {
    const remote = secrets.env[0]?.remoteKey;
    const fits = secrets.env.length > 0 && secrets.env.every((e) => e.remoteKey === remote && e.secretKey === e.property);
    if (fits) variables.push({ name: "secret_keys", description: `Keys of ${remote} in the secret store, exposed as env vars`, type: "list(string)", default: secrets.env.map((e) => e.secretKey) });
    out.push({ ...base, tfName: "external_secret", name: ref.env, targetName: ref.env, data: secrets.env, ...(fits ? { keysVariable: { remoteKey: remote } } : {}), ...(secrets.envExtract.length ? { extract: secrets.envExtract } : {}) });
  }
  if (secrets.fileEntries.length || Object.keys(secrets.files).length) {
    const template = Object.keys(secrets.files).length ? secrets.files : undefined;
    out.push({ ...base, tfName: "external_secret_files", name: ref.files, targetName: ref.files, data: secrets.fileEntries, template });
  }
  secrets.extractFiles.forEach((f, i) => {
    const name = extractSecretName(i + 1);
    out.push({ ...base, tfName: `external_secret_extract${i ? `_${i + 1}` : ""}`, name, targetName: name, data: [], extract: [f.remoteKey], template: { [f.key]: f.template } });
  });
  if (secrets.litestream.length) out.push({ ...base, tfName: "external_secret_litestream", name: ref.litestream, targetName: ref.litestream, data: secrets.litestream });
  return out.map(withStores);
}
