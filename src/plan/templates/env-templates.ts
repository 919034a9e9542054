import type { Template } from "../../nomad/model.js";
import { PLAIN_ENV_PIPES, SecretScope } from "./go-template.js";
import { isComment, scanActions, type Delims } from "./go-template-scan.js";
import type { EnvVar } from "../model.js";
import type { TemplateContext } from "./template-context.js";
import { expr, quotedTemplate, REF_OPEN, splitRefs, tpl, type HclVal } from "../hcl-value.js";
import type { Task } from "../../nomad/model.js";
import { dnsLabel, tfIdent } from "../names.js";

// Names Kubernetes should not show in the pod spec: their literal values go to the group's Secret.
export const CREDENTIAL = /TOKEN|PASSW|SECRET|KEY|CREDENTIAL/i;
const KEY_LINE = /^\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_]*\s*=/;

/** An env template whose lines come from a module input (`data = base64decode(var.app_env)`). */
export function isEnvFileFromInputs(text: string): boolean {
  return text.split("\n").some((l) => l.includes(REF_OPEN) && !KEY_LINE.test(l));
}

/**
 * The env file is only known when Terraform runs: the module reads its KEY=VALUE lines into a
 * Secret of its own (as Nomad reads the file: `export`, quotes and comments allowed), which the
 * container loads with env_from. The input holds secret material, so it is a sensitive variable.
 */
export function mapEnvFileFromInputs(t: Template, text: string, task: Task, ctx: TemplateContext): { secretName: HclVal; comment: string } {
  const parts = splitRefs(text.trim());
  const source = parts.length === 1 && typeof parts[0] !== "string" ? parts[0].$expr : quotedTemplate(text);
  const kv = 'split("=", l)';
  const data = expr(
    `{ for l in split("\\n", replace(${source}, "\\r", "")) : trimprefix(trimspace(${kv}[0]), "export ") => trim(trimspace(join("=", slice(${kv}, 1, length(${kv})))), "\\"'") if length(${kv}) > 1 && !startswith(trimspace(l), "#") }`,
  );
  const base = tfIdent(`${ctx.interp.group}_${task.name}_env`);
  let tfName = base;
  for (let i = 2; ctx.envFiles.some((s) => s.tfName === tfName); i++) tfName = `${base}_${i}`;
  const name = tpl(expr("local.app_name"), `-${dnsLabel(tfName.replace(/_/g, "-"))}`);
  const vars = [...new Set([...text.matchAll(/\bvar\.([A-Za-z_][A-Za-z0-9_-]*)/g)].map((m) => m[1]))];
  const what = vars.length ? `variable${vars.length > 1 ? "s" : ""} ${vars.map((v) => `"${v}"`).join(", ")}` : "a module value";
  ctx.envFiles.push({ tfName, name, data, comments: [`Env file ${t.destination} of task "${task.name}", read from ${what} when Terraform runs (KEY=VALUE lines).`] });
  ctx.diags.manual("N2K-TPL-007", `set ${what}: env template ${t.destination} comes from it, so the module reads its KEY=VALUE lines into Secret ${ctx.interp.appName}-${dnsLabel(tfName.replace(/_/g, "-"))}, loaded with env_from`, {
    path: t.path,
    line: t.line,
    blocking: true,
    hint: "give the env file's text as the job did, from a tfvars file kept out of version control or a TF_VAR_ environment variable",
  });
  return { secretName: expr(`${ctx.secretType}.${tfName}.metadata[0].name`), comment: `env file ${t.destination} (from ${what})` };
}

/**
 * KEY=VALUE lines of an env template: literals become env values, secret reads secret refs
 * (a pipeline only when it leaves the plain value). What needs a hand is reported once.
 */
export function envLines(text: string, d: Delims, t: Template, ctx: TemplateContext, sensitive = false): EnvVar[] {
  const env: EnvVar[] = [];
  const scope = new SecretScope();
  const actions = scanActions(text, d);
  const byHand: string[] = [];
  const skipped: number[] = [];
  text.split("\n").forEach((line, i) => {
    const assign = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    const mine = actions.filter((a) => a.line === i + 1);
    let ref: { path: string; property: string } | undefined;
    let plain = true;
    for (const a of mine) {
      if (isComment(a.body)) continue;
      const step = scope.step(a.body);
      if (step.kind === "ref") {
        ref = { path: step.source, property: step.property };
        if (step.pipes.some((p) => !PLAIN_ENV_PIPES.has(p))) plain = false;
      } else if (step.kind === "open-other" || step.kind === "other" || step.kind === "open-pki" || step.kind === "pki-field" || step.kind === "assign") plain = false;
    }
    if (!assign) {
      if (line.trim() && !line.trim().startsWith("#") && mine.length === 0) skipped.push(i + 1);
      return;
    }
    const [, name, raw] = assign;
    const literal = raw.split(d.left).map((s, j) => (j === 0 ? s : s.slice(s.indexOf(d.right) + d.right.length))).join("");
    if (ref && plain && literal.replace(/^["']|["']$/g, "").trim() === "") {
      const key = ctx.secrets.addEnv(name, ctx.secrets.remoteKey(ref.path), ref.property);
      env.push({ name, secretRef: { name: ctx.secretsRef.env, key } });
    } else if (mine.length === 0) {
      const value = raw.replace(/^"(.*)"$|^'(.*)'$/, "$1$2");
      env.push(sensitive || CREDENTIAL.test(name) ? sensitiveEnv(name, value, ctx) : { name, value });
    }
    else byHand.push(`${i + 1} (${name})`);
  });
  if (skipped.length) ctx.diags.warn("N2K-TPL-006", `line${skipped.length > 1 ? "s" : ""} ${skipped.join(", ")} of env template ${t.destination} ${skipped.length > 1 ? "are" : "is"} not KEY=VALUE; skipped`, { path: t.path, line: t.line });
  if (byHand.length) ctx.diags.manual("N2K-TPL-001", `env template ${t.destination}: line${byHand.length > 1 ? "s" : ""} ${byHand.join(", ")} mix${byHand.length > 1 ? "" : "es"} text, lookups or pipelines; set ${byHand.length > 1 ? "them" : "it"} by hand`, { path: t.path, line: t.line });
  return env;
}

/** A literal env value that is secret material: a key of the group's Secret, read with secret_key_ref. */
function sensitiveEnv(name: string, value: string, ctx: TemplateContext): EnvVar {
  const data = ctx.sensitive.data as Record<string, HclVal>;
  let key = name;
  for (let i = 2; key in data && data[key] !== value; i++) key = `${name}_${i}`;
  data[key] = value;
  return { name, secretRef: { name: expr(`${ctx.secretType}.${ctx.sensitive.tfName}.metadata[0].name`), key } };
}
