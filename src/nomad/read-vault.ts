import type { Reader } from "./reader.js";
import type { Task, VaultUse } from "./model.js";

/**
 * A `vault` block (job, group or task level) as Nomad applies it to a task: the token it fetched
 * with these policies, set as VAULT_TOKEN unless `env = false`, and written to secrets/vault_token
 * unless `disable_file`. The block itself stays reported (N2K-SEC-005) by the not-carried table.
 */
export function readVault(r: Reader): VaultUse | undefined {
  const raw = r.raw.vault;
  const block = Array.isArray(raw) ? raw[0] : raw;
  if (!block || typeof block !== "object") return undefined;
  const o = block as Record<string, unknown>;
  const policies = (Array.isArray(o.policies) ? o.policies : o.policies === undefined ? [] : [o.policies]).filter((p): p is string => typeof p === "string");
  return {
    policies,
    env: o.env !== false,
    envSet: o.env === true,
    ...(typeof o.role === "string" ? { role: o.role } : {}),
    path: `${r.path}.vault`,
  };
}

/** Nomad's inheritance: a task without a vault block of its own uses its group's, else its job's. */
export function inheritVault(tasks: Task[], vault: VaultUse | undefined): void {
  if (vault) for (const t of tasks) t.vault ??= vault;
}
