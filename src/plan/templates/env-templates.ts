import type { Template } from "../../nomad/model.js";
import { PLAIN_ENV_PIPES, SecretScope } from "./go-template.js";
import { isComment, scanActions, type Delims } from "./go-template-scan.js";
import type { EnvVar } from "../model.js";
import type { TemplateContext } from "./template-context.js";
import { expr, quotedTemplate, REF_OPEN, splitRefs, tpl, type HclVal } from "../hcl-value.js";
import type { Task } from "../../nomad/model.js";
import { dnsLabel, tfIdent } from "../names.js";
import { SERVICE_FN, serviceRanges } from "../network/service-lookups.js";
import { credentialEnv, isSecretLiteral, readsSecretInput, secretEnv } from "../secrets/credential-env.js";
import { isCredentialName } from "../../nomad/credential-names.js";
import { hasUrlPassword } from "../secrets/literal-credentials.js";

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
    if (isServiceRangeValue(raw, d)) {
      // Rendered with the Service of a job of the run by the cross-job pass; the lookup step (N2K-TPL-002) quotes the line until then.
      env.push({ name, value: raw.replace(/^"(.*)"$|^'(.*)'$/, "$1$2") });
    } else if (ref && plain && literal.replace(/^["']|["']$/g, "").trim() === "") {
      const key = ctx.secrets.addEnv(name, ctx.secrets.remoteKey(ref.path), ref.property);
      env.push({ name, secretRef: { name: ctx.secretsRef.env, key } });
    } else if (mine.length === 0) {
      const value = raw.replace(/^"(.*)"$|^'(.*)'$/, "$1$2");
      const secretCtx = { ...ctx, inputs: ctx.interp.inputs };
      if ((isCredentialName(name) && isSecretLiteral(value)) || hasUrlPassword(value)) env.push(credentialEnv(name, value, secretCtx, { what: `env template ${t.destination}`, path: t.path, line: t.line }));
      else env.push(sensitive || readsSecretInput(value, ctx.interp.inputs) ? secretEnv(name, value, secretCtx) : { name, value });
    }
    else byHand.push(`${i + 1} (${name})`);
  });
  if (skipped.length) ctx.diags.warn("N2K-TPL-006", `line${skipped.length > 1 ? "s" : ""} ${skipped.join(", ")} of env template ${t.destination} ${skipped.length > 1 ? "are" : "is"} not KEY=VALUE; skipped`, { path: t.path, line: t.line });
  if (byHand.length) ctx.diags.manual("N2K-TPL-001", `env template ${t.destination}: line${byHand.length > 1 ? "s" : ""} ${byHand.join(", ")} mix${byHand.length > 1 ? "" : "es"} text, lookups or pipelines; set ${byHand.length > 1 ? "them" : "it"} by hand`, { path: t.path, line: t.line });
  return lastWins(env);
}

const BLOCK = new RegExp(String.raw`\{\{-?\s*range\s+(${SERVICE_FN})\s+("[^"]+")\s*-?\}\}([\s\S]*?)\{\{-?\s*end\s*-?\}\}`, "g");

/**
 * `{{ range service "x" }}` around whole `KEY=VALUE` lines (`REGISTRY_ADDR={{ .Address }}`):
 * each line gets its own block (`KEY={{ range service "x" }}{{ .Address }}{{ end }}`), which
 * sets the same env vars (the last instance won on Nomad; the Service stands for them all).
 * The block's line count is kept so line numbers stay.
 */
export function spreadServiceRanges(text: string): string {
  return text.replace(BLOCK, (all, fn: string, query: string, body: string) => {
    const lines = body.split("\n");
    const kv = lines.filter((l) => l.trim());
    if (!kv.length || !kv.every((l) => /^\s*(?:export\s+)?[A-Za-z_]\w*\s*=/.test(l) && !/\{\{-?\s*(range|if|with|end|else)\b/.test(l))) return all;
    // Quotes stay outside the block: Nomad strips them from the value.
    const wrap = (v: string) => {
      const q = /^(["'])(.*)\1$/.exec(v);
      return q ? `${q[1]}{{ range ${fn} ${query} }}${q[2]}{{ end }}${q[1]}` : `{{ range ${fn} ${query} }}${v}{{ end }}`;
    };
    const spread = lines.map((l) => (l.trim() ? l.replace(/^(\s*(?:export\s+)?[A-Za-z_]\w*\s*=\s*)(.*?)\s*$/, (_m, head: string, v: string) => head + wrap(v)) : l));
    return spread.join("\n");
  });
}

const RANGE_PART = new RegExp(String.raw`^(range\s+${SERVICE_FN}\s+"[^"]+"|end|\.(Address|ServiceAddress|Port|ServicePort|Name|ServiceName|ID|Node))$`);

/** A value made of `{{ range service "x" }}{{ .Address }}{{ end }}` blocks and text only. */
function isServiceRangeValue(raw: string, d: Delims): boolean {
  if (d.left !== "{{" || d.right !== "}}") return false;
  const ranges = serviceRanges(raw);
  if (!ranges.length) return false;
  const rest = ranges.reduce((text, r) => text.replace(r.text, ""), raw);
  return !rest.includes(d.left) && ranges.every((r) => [...r.text.matchAll(/\{\{-?\s*([^{}]*?)\s*-?\}\}/g)].every((m) => RANGE_PART.test(m[1])));
}

/** Env vars as Nomad sets them, a map: a name given twice keeps its last value (Kubernetes would too, with a warning per pod). */
export function lastWins(env: EnvVar[]): EnvVar[] {
  return env.filter((e, i) => !env.some((o, j) => j > i && o.name === e.name));
}

/**
 * An env file that sets one name on several top-level lines: Nomad keeps the last. The earlier
 * lines are emptied (the line count stays) before anything reads them, so a lookup on them
 * makes no module input or secret key the pod never sees. Lines inside a block are left.
 */
export function dropShadowedEnvLines(text: string, d: Delims): { text: string; dropped: { name: string; lines: number[] }[] } {
  const lines = text.split("\n");
  const depth: number[] = [];
  const inBlock = new Set<number>();
  let level = 0;
  let at = 1;
  for (const a of scanActions(text, d)) {
    for (; at <= a.line; at++) depth[at] = level;
    if (/^(with|if|range|define|block)\b/.test(a.body)) level++;
    if (/^(with|if|range|define|block|else|end)\b/.test(a.body)) inBlock.add(a.line);
    if (a.body === "end") level = Math.max(0, level - 1);
    // An action spanning lines puts its later lines inside it too.
    for (let n = a.line + 1; n <= a.line + a.raw.split("\n").length - 1; n++) inBlock.add(n);
  }
  for (; at <= lines.length; at++) depth[at] = level;
  const plain = (n: number) => depth[n] === 0 && !inBlock.has(n);
  const last = new Map<string, number>();
  lines.forEach((l, i) => {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(l);
    if (m && plain(i + 1)) last.set(m[1], i + 1);
  });
  const dropped = new Map<string, number[]>();
  const out = lines.map((l, i) => {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(l);
    if (!m || !plain(i + 1) || last.get(m[1]) === i + 1) return l;
    dropped.set(m[1], [...(dropped.get(m[1]) ?? []), i + 1]);
    return "";
  });
  return { text: out.join("\n"), dropped: [...dropped].map(([name, lines]) => ({ name, lines })) };
}
