import type { Diagnostics } from "../../diagnostics.js";
import type { Task, Template } from "../../nomad/model.js";
import { analyzeTemplate, NOMAD_VAR, SecretScope, toExternalSecretTemplate, uniqueLines } from "./go-template.js";
import { expr, type HclVal } from "../hcl-value.js";
import { resolveString, runtimeValue, type InterpContext } from "../interpolate.js";
import type { EnvVar, VolumeMountPlan } from "../model.js";
import type { ModuleSecrets } from "../secrets/module-secrets.js";
import { dataKey } from "../names.js";
import { mount, type PodVolumes } from "../storage/pod-volumes.js";

export interface TemplateContext {
  pod: PodVolumes;
  configMap: { tfName: string; data: Record<string, HclVal> };
  /** `kubernetes_config_map` or `kubernetes_config_map_v1`, per the site config. */
  configMapType: string;
  secrets: ModuleSecrets;
  secretsRef: { env: HclVal; files: HclVal };
  interp: InterpContext;
  diags: Diagnostics;
}

export interface TemplateResult {
  env: EnvVar[];
  mounts: VolumeMountPlan[];
}

/** Where a template destination lands inside the container. */
export function destinationPath(dest: string): string {
  const d = dest.replace(/^\$\{NOMAD_TASK_DIR\}/, "local").replace(/^\$\{NOMAD_SECRETS_DIR\}/, "secrets").replace(/^\$\{NOMAD_ALLOC_DIR\}/, "alloc");
  return d.startsWith("/") ? d : `/${d.replace(/^\.\//, "").replace(/^\.\.\//, "")}`;
}

const fileName = (dest: string) => dataKey(destinationPath(dest).split("/").filter(Boolean).pop() ?? "file");

/**
 * Nomad templates → env vars, ConfigMap files and ExternalSecret entries. Secret template
 * bodies and values never leave secrets.tf: diagnostics quote line numbers only.
 */
export function mapTemplates(task: Task, ctx: TemplateContext): TemplateResult {
  const out: TemplateResult = { env: [], mounts: [] };
  for (const t of task.templates) {
    if (t.source && !t.data) {
      ctx.diags.manual("N2K-TPL-004", `template from file ${t.source} (destination ${t.destination}) is not read; create a ConfigMap or Secret for it`, { path: t.path, line: t.line });
      continue;
    }
    const text = resolveEnvCalls(resolveString(t.data ?? "", ctx.interp, t.path), ctx, t);
    const facts = analyzeTemplate(text);
    for (const source of facts.secretPaths.filter((p) => p.startsWith(NOMAD_VAR))) {
      const path = source.slice(NOMAD_VAR.length);
      ctx.diags.manual("N2K-SEC-006", `Nomad variable ${path} is read by template ${t.destination}: copy its items into the secret store under "${ctx.secrets.remoteKey(source)}"`, { path: t.path, line: t.line });
    }
    if (facts.secretPaths.length) mapSecretTemplate(t, text, ctx, out);
    else if (t.env) out.env.push(...envLines(text, t, ctx));
    else mapStaticTemplate(t, text, ctx, out);
    if (facts.consulLines.length) {
      const lines = uniqueLines(facts.consulLines);
      // The lookup lines are quoted, unless the template also reads secrets.
      const where = lines.map((n) => (facts.secretPaths.length ? `line ${n}` : `line ${n}: \`${text.split("\n")[n - 1].trim().slice(0, 100)}\``)).join("; ");
      ctx.diags.manual("N2K-TPL-002", `template ${t.destination} uses Consul lookups (template ${where}); replace them with Kubernetes Service names or values`, { path: t.path, line: t.line });
    }
  }
  return out;
}

/** `{{ env "NOMAD_X" }}` becomes its pod value; other env lookups stay and are reported. */
function resolveEnvCalls(text: string, ctx: TemplateContext, t: Template): string {
  return text.replace(/\{\{-?\s*env\s+"([^"]+)"\s*-?\}\}/g, (all, name: string) => {
    const v = runtimeValue(name, ctx.interp, t.path);
    if (v !== undefined) return v;
    ctx.diags.manual("N2K-TPL-003", `template ${t.destination} reads environment variable ${name}; provide it in the ConfigMap or container env`, { path: t.path, line: t.line });
    return all;
  });
}

function mapStaticTemplate(t: Template, text: string, ctx: TemplateContext, out: TemplateResult): void {
  let key = fileName(t.destination);
  for (let i = 2; key in ctx.configMap.data; i++) key = `${i}-${fileName(t.destination)}`;
  ctx.configMap.data[key] = text;
  const name = ctx.pod.configMap("config", { name: expr(`${ctx.configMapType}.${ctx.configMap.tfName}.metadata[0].name`), defaultMode: t.perms ? perms(t.perms) : undefined });
  out.mounts.push(mount(name, destinationPath(t.destination), { subPath: key, readOnly: true }));
}

function perms(p: string): string {
  return p.startsWith("0") ? p : `0${p}`;
}

function mapSecretTemplate(t: Template, text: string, ctx: TemplateContext, out: TemplateResult): void {
  if (t.env) {
    out.env.push(...envLines(text, t, ctx));
    return;
  }
  const rendered = toExternalSecretTemplate(text, (ref) => ctx.secrets.fileKey(ref.path, ref.property));
  const facts = analyzeTemplate(text);
  if (rendered === null) {
    for (const ref of facts.secretRefs) ctx.secrets.fileKey(ref.path, ref.property);
    ctx.diags.manual("N2K-TPL-001", `secret file template ${t.destination} does more than plain substitution (template lines ${uniqueLines(facts.otherActions).join(", ") || "?"}); its keys are fetched, but the file is not mounted: add it to the ExternalSecret template by hand`, { path: t.path, line: t.line });
    return;
  }
  const key = ctx.secrets.addFile(fileName(t.destination), rendered);
  const name = ctx.pod.secret("secret-files", { secretName: ctx.secretsRef.files, defaultMode: t.perms ? perms(t.perms) : undefined });
  out.mounts.push(mount(name, destinationPath(t.destination), { subPath: key, readOnly: true }));
}

/** KEY=VALUE lines of an env template: literals become env values, secret reads secret refs. */
function envLines(text: string, t: Template, ctx: TemplateContext): EnvVar[] {
  const env: EnvVar[] = [];
  const scope = new SecretScope();
  text.split("\n").forEach((line, i) => {
    const assign = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    const actions = [...line.matchAll(/\{\{-?\s*([\s\S]*?)\s*-?\}\}/g)].map((m) => m[1].trim());
    let ref: { path: string; property: string } | undefined;
    let plain = true;
    for (const a of actions) {
      const step = scope.step(a);
      if (step.kind === "ref") ref = { path: step.source, property: step.property };
      else if (step.kind === "open-other" || step.kind === "other") plain = false;
    }
    if (!assign) {
      if (line.trim() && !line.trim().startsWith("#") && actions.length === 0) ctx.diags.warn("N2K-TPL-006", `line ${i + 1} of env template ${t.destination} is not KEY=VALUE; skipped`, { path: t.path, line: t.line });
      return;
    }
    const [, name, raw] = assign;
    const literal = raw.replace(/\{\{[\s\S]*?\}\}/g, "");
    if (ref && plain && literal.replace(/^["']|["']$/g, "").trim() === "") {
      const key = ctx.secrets.addEnv(name, ctx.secrets.remoteKey(ref.path), ref.property);
      env.push({ name, secretRef: { name: ctx.secretsRef.env, key } });
    } else if (actions.length === 0) env.push({ name, value: raw.replace(/^"(.*)"$|^'(.*)'$/, "$1$2") });
    else ctx.diags.manual("N2K-TPL-001", `env template ${t.destination} line ${i + 1} (${name}) mixes text and lookups; set ${name} by hand`, { path: t.path, line: t.line });
  });
  return env;
}
