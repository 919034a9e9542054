import type { Diagnostics } from "../../diagnostics.js";
import type { NomadJob, Task } from "../../nomad/model.js";
import { runsAsContainer } from "../../nomad/normalize-task.js";
import { analyzeTemplate } from "../templates/go-template.js";

// The vault CLI run as a command (`vault kv get`, `/usr/bin/vault operator raft snapshot save`).
const VAULT_CLI = /(?:^|[\s/;&|("'`])vault\s+(?:read|write|kv|login|token|operator|agent|secrets|auth|lease|list|delete|policy|print|status|unwrap|ssh|pki|transit|audit|namespace|patch|proxy)\b/;
// The token Nomad injected: the env var or the file it wrote to the task's secrets dir.
const TOKEN_READ = /\$\{?VAULT_TOKEN\b|env\s+"VAULT_TOKEN"|\bsecrets\/vault_token\b/;
// A Vault address only the Nomad node reached: its own agent (a Consul name is N2K-CONSUL-001's).
const NODE_LOCAL = /^\w+:\/\/(?:localhost|127\.\d+\.\d+\.\d+|\[::1\])(?::\d+)?\/?$/;

/** VAULT_ADDR as the task sets it: its env block, else a literal line of an env template. */
function vaultAddr(task: Task): string | undefined {
  let addr = task.env.VAULT_ADDR;
  for (const t of task.templates.filter((x) => x.env)) {
    const m = /^\s*(?:export\s+)?VAULT_ADDR\s*=\s*["']?([^"'\s{}]+)["']?\s*$/m.exec(t.data ?? "");
    if (m) addr = m[1];
  }
  return addr;
}

const runLine = (task: Task) => [task.config.entrypoint?.join(" "), task.config.command, task.config.args?.join(" ")].filter(Boolean).join(" ");
// The Vault image (`hashicorp/vault`, `vault:1.13`): its entrypoint is the vault CLI.
const isVaultImage = (task: Task) => /(^|\/)vault([:@]|$)/.test(task.config.image ?? "");

/** A Vault server task: its own VAULT_ADDR on localhost is itself. */
function isVaultServer(task: Task): boolean {
  return isVaultImage(task) && /(^|\s)server(\s|$)/.test(runLine(task));
}

/** What shows the task talks to Vault itself, not only through templates the ExternalSecret replaces. */
function vaultClientSigns(task: Task): string[] {
  const signs: string[] = [];
  const addr = vaultAddr(task);
  if (addr !== undefined) signs.push("sets VAULT_ADDR");
  const run = runLine(task);
  const files = task.templates.filter((t) => !analyzeTemplate(t.data ?? "").secret).map((t) => t.data ?? "");
  if (isVaultImage(task) || /(^|\/)vault$/.test(task.config.command ?? task.config.entrypoint?.[0] ?? "") || VAULT_CLI.test(run) || files.some((f) => VAULT_CLI.test(f))) signs.push("runs the vault CLI");
  if ([run, ...files, ...Object.values(task.env)].some((s) => TOKEN_READ.test(s))) signs.push("reads the Vault token");
  const secretTemplates = task.templates.some((t) => analyzeTemplate(t.data ?? "").secret);
  if (task.vault?.envSet && !secretTemplates) signs.push("asks for VAULT_TOKEN (vault { env = true }) and reads no secret in a template");
  return signs;
}

/**
 * Tasks that used the Vault token Nomad gave them (N2K-SEC-016, blocking): in Kubernetes no token
 * is injected and the ExternalSecret store only syncs what templates read, so the app's own Vault
 * calls fail until the pod has a Vault identity. A VAULT_ADDR that only the Nomad node reached
 * (its local agent) is named in the same step.
 */
export function reportVaultClients(job: NomadJob, diags: Diagnostics): void {
  for (const g of job.groups) {
    for (const task of g.tasks.filter((t) => runsAsContainer(t) && !isVaultServer(t))) {
      const addr = vaultAddr(task);
      const local = addr !== undefined && NODE_LOCAL.test(addr);
      const signs = task.vault ? vaultClientSigns(task) : [];
      if (!signs.length && !local) continue;
      const policies = task.vault?.policies.length ? `policies ${task.vault.policies.join(", ")}` : "its policies";
      const token = task.vault ? `Nomad gave it a Vault token (${policies}${task.vault.role ? `, role ${task.vault.role}` : ""}) that Kubernetes does not inject; the ExternalSecret store only syncs the secrets templates read` : "";
      const where = local ? `VAULT_ADDR ${addr} is the Nomad node's own Vault agent; in the pod it is the pod itself` : "";
      diags.manual(
        "N2K-SEC-016",
        `task "${task.name}" uses Vault itself (${signs.length ? signs.join(", ") : "sets VAULT_ADDR"}): ${[token, where].filter(Boolean).join("; ")}`,
        {
          path: task.vault ? task.path : `${task.path}.env.VAULT_ADDR`,
          blocking: true,
          hint: `give the pod a Vault identity: a Vault Kubernetes auth role bound to its service account with ${policies}, and the Vault Agent injector (vault.hashicorp.com/agent-inject annotations) or the app's own Kubernetes login; set VAULT_ADDR to Vault's address as reachable from the cluster`,
        },
      );
    }
  }
}
