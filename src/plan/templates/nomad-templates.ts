import type { Diagnostics } from "../../diagnostics.js";
import type { Task, Template } from "../../nomad/model.js";
import { analyzeTemplate, callsSecretFn, NOMAD_VAR, PLAIN_ENV_PIPES, SecretScope, toExternalSecretTemplate, uniqueLines, type TemplateFacts } from "./go-template.js";
import { GO_DELIMS, isComment, literalValue, renderStatic, rewriteActions, scanActions, type Delims } from "./go-template-scan.js";
import { expr, type HclVal } from "../hcl-value.js";
import { reportConsulAddress, resolveString, runtimeValue, type InterpContext } from "../interpolate.js";
import type { EnvVar, VolumeMountPlan } from "../model.js";
import type { ModuleSecrets } from "../secrets/module-secrets.js";
import type { ModuleCertificates } from "../secrets/certificates.js";
import { dataKey } from "../names.js";
import { mount, type PodVolumes } from "../storage/pod-volumes.js";

export interface TemplateContext {
  pod: PodVolumes;
  configMap: { tfName: string; data: Record<string, HclVal> };
  /** `kubernetes_config_map` or `kubernetes_config_map_v1`, per the site config. */
  configMapType: string;
  secrets: ModuleSecrets;
  secretsRef: { env: HclVal; files: HclVal };
  certificates: ModuleCertificates;
  interp: InterpContext;
  diags: Diagnostics;
}

/** A file a template writes: where Nomad put it (task path) and the mount that shows it there. */
export interface TemplateFile {
  dest: string;
  mount: VolumeMountPlan;
}

export interface TemplateResult {
  env: EnvVar[];
  files: TemplateFile[];
}

/**
 * A path as the task sees it: the task directories as `/local`, `/secrets` and `/alloc`,
 * absolute paths as they are; any other relative path stays relative: it is inside the task
 * directory, which a container sees only through a docker volume.
 */
export function taskPath(p: string): string {
  const d = p
    .replace(/^\$\{NOMAD_TASK_DIR\}/, "/local")
    .replace(/^\$\{NOMAD_SECRETS_DIR\}/, "/secrets")
    .replace(/^\$\{NOMAD_ALLOC_DIR\}/, "/alloc")
    .replace(/^(\.\/)+/, "")
    .replace(/(.)\/+$/, "$1");
  if (d.startsWith("/")) return d;
  const dir = /^(?:\.\.\/)?(alloc)(\/.*)?$|^(local|secrets)(\/.*)?$/.exec(d);
  if (dir) return `/${dir[1] ?? dir[3]}${dir[2] ?? dir[4] ?? ""}`;
  return d.replace(/^(\.\.\/)+/, "");
}

/** Where a template destination lands inside the container when no docker volume maps it. */
export function destinationPath(dest: string): string {
  const p = taskPath(dest);
  return p.startsWith("/") ? p : `/${p}`;
}

const fileName = (dest: string) => dataKey(destinationPath(dest).split("/").filter(Boolean).pop() ?? "file");

// Vault engines that mint credentials on read (database, AWS, …), unlike KV stores.
const DYNAMIC_SECRET = /^[^/]+\/(creds|sts)\//;
const CREDENTIAL = /TOKEN|PASSW|SECRET|KEY|CREDENTIAL/i;

const delimsOf = (t: Template): Delims => ({ left: t.leftDelimiter || GO_DELIMS.left, right: t.rightDelimiter || GO_DELIMS.right });

/**
 * Nomad templates → env vars, ConfigMap files, ExternalSecret entries and cert-manager
 * Certificates. A template that calls Vault or Nomad variables never reaches a ConfigMap;
 * secret template bodies and values never leave secrets.tf: diagnostics quote line numbers only.
 */
export function mapTemplates(task: Task, ctx: TemplateContext): TemplateResult {
  const out: TemplateResult = { env: [], files: [] };
  for (const t of task.templates) {
    if (t.source && !t.data) {
      ctx.diags.manual("N2K-TPL-004", `template from file ${t.source} (destination ${t.destination}) is not read; create a ConfigMap or Secret for it`, { path: t.path, line: t.line });
      continue;
    }
    const d = delimsOf(t);
    const text = resolveEnvCalls(resolveString(t.data ?? "", ctx.interp, t.path, { consulCheck: false }), d, task, ctx, t);
    const facts = analyzeTemplate(text, d);
    // Secret-call parameters (a PKI `common_name=x.service.consul`) are not addresses to rewrite.
    reportConsulAddress(rewriteActions(text, d, (a) => (callsSecretFn(a.body) ? "" : undefined)) ?? "", ctx.interp, t.path);
    for (const source of facts.secretPaths.filter((p) => p.startsWith(NOMAD_VAR))) {
      const path = source.slice(NOMAD_VAR.length);
      ctx.diags.manual("N2K-SEC-006", `Nomad variable ${path} is read by template ${t.destination}: copy its items into the secret store under "${ctx.secrets.remoteKey(source)}"`, { path: t.path, line: t.line });
    }
    for (const source of facts.secretPaths.filter((p) => DYNAMIC_SECRET.test(p))) {
      ctx.diags.manual("N2K-SEC-007", `template ${t.destination} reads the Vault dynamic secret ${source}: the ExternalSecret fetches it as a stored key, which Vault does not have`, { path: t.path, line: t.line, hint: "use an External Secrets VaultDynamicSecret generator, or store static credentials" });
    }
    if (facts.secret) mapSecretTemplate(t, text, d, facts, ctx, out);
    else if (t.env) out.env.push(...envLines(renderStatic(text, d, () => undefined), d, t, ctx));
    else mapStaticTemplate(t, renderStatic(text, d, () => undefined), ctx, out);
    if (facts.consulLines.length) {
      const lines = uniqueLines(facts.consulLines);
      // The lookup lines are quoted, unless the template also reads secrets.
      const where = lines.map((n) => (facts.secret ? `line ${n}` : `line ${n}: \`${text.split("\n")[n - 1].trim().slice(0, 100)}\``)).join("; ");
      ctx.diags.manual("N2K-TPL-002", `template ${t.destination} uses Consul lookups (template ${where}); replace them with Kubernetes Service names or values`, { path: t.path, line: t.line });
    }
  }
  return out;
}

/**
 * `{{ env "X" }}` becomes its value where the pod knows it (Nomad runtime variables, the
 * task's own env); other env lookups stay and are reported once per template.
 */
function resolveEnvCalls(text: string, d: Delims, task: Task, ctx: TemplateContext, t: Template): string {
  const unknown: string[] = [];
  const out = rewriteActions(text, d, (a) => {
    const m = /^env\s+"([^"]+)"$/.exec(a.body);
    if (!m) return undefined;
    const name = m[1];
    // The task's own env values fill in too, unless the name says it is a credential.
    // A value that keeps a runtime interpolation is not known here.
    const own = name in task.env && !CREDENTIAL.test(name) && !task.env[name].includes("${") ? task.env[name] : undefined;
    const v = runtimeValue(name, ctx.interp, t.path) ?? own;
    if (v !== undefined && !v.includes(d.left)) return v;
    if (!unknown.includes(name)) unknown.push(name);
    return undefined;
  })!;
  if (unknown.length) {
    ctx.diags.manual("N2K-TPL-003", `template ${t.destination} reads environment variable${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}; provide ${unknown.length > 1 ? "them" : "it"} in the ConfigMap or container env`, { path: t.path, line: t.line });
  }
  return out;
}

function mapStaticTemplate(t: Template, text: string, ctx: TemplateContext, out: TemplateResult): void {
  let key = fileName(t.destination);
  for (let i = 2; key in ctx.configMap.data; i++) key = `${i}-${fileName(t.destination)}`;
  ctx.configMap.data[key] = text;
  const name = ctx.pod.configMap("config", { name: expr(`${ctx.configMapType}.${ctx.configMap.tfName}.metadata[0].name`), defaultMode: t.perms ? perms(t.perms) : undefined });
  out.files.push({ dest: taskPath(t.destination), mount: mount(name, destinationPath(t.destination), { subPath: key, readOnly: true }) });
}

function perms(p: string): string {
  return p.startsWith("0") ? p : `0${p}`;
}

function mapSecretTemplate(t: Template, text: string, d: Delims, facts: TemplateFacts, ctx: TemplateContext, out: TemplateResult): void {
  if (facts.pki.length) {
    mapPkiTemplate(t, text, d, facts, ctx, out);
    return;
  }
  if (t.env) {
    out.env.push(...envLines(text, d, t, ctx));
    return;
  }
  const rendered = toExternalSecretTemplate(text, (ref) => ctx.secrets.fileKey(ref.path, ref.property), d);
  if (rendered === null) {
    for (const ref of facts.secretRefs) ctx.secrets.fileKey(ref.path, ref.property);
    const lines = uniqueLines([...facts.otherActions, ...facts.consulLines]).join(", ");
    ctx.diags.manual(
      "N2K-TPL-001",
      `secret file template ${t.destination} does more than plain substitution${lines ? ` (template lines ${lines})` : ""}; ${facts.secretRefs.length ? "its keys are fetched, but " : ""}the file is not mounted: write it as an ExternalSecret template by hand`,
      { path: t.path, line: t.line },
    );
    return;
  }
  const key = ctx.secrets.addFile(fileName(t.destination), rendered);
  const name = ctx.pod.secret("secret-files", { secretName: ctx.secretsRef.files, defaultMode: t.perms ? perms(t.perms) : undefined });
  out.files.push({ dest: taskPath(t.destination), mount: mount(name, destinationPath(t.destination), { subPath: key, readOnly: true }) });
}

/** The TLS-secret keys a PKI template writes, in order, or null when it writes anything else. */
function pkiKeys(text: string, d: Delims): string[] | null {
  const scope = new SecretScope();
  const keys: string[] = [];
  let last = 0;
  for (const a of scanActions(text, d)) {
    if (text.slice(last, a.start).trim()) return null;
    last = a.end;
    if (isComment(a.body)) continue;
    if (literalValue(a.body) !== undefined) return null;
    const step = scope.step(a.body);
    if (step.kind === "pki-field") keys.push(step.key);
    else if (step.kind !== "open-pki" && step.kind !== "end" && step.kind !== "assign") return null;
  }
  return text.slice(last).trim() ? null : keys;
}

/**
 * Vault PKI → a cert-manager Certificate whose TLS secret is mounted where the template wrote
 * the certificate, key or CA; certificate and key in one file use cert-manager's CombinedPEM.
 */
function mapPkiTemplate(t: Template, text: string, d: Delims, facts: TemplateFacts, ctx: TemplateContext, out: TemplateResult): void {
  const where = { path: t.path, line: t.line, destination: t.destination };
  const certs = facts.pki.map((use) => ctx.certificates.forUse(use, where));
  const keys = pkiKeys(text, d);
  const unique = [...new Set(keys ?? [])];
  const combined = unique.length > 1 && unique.includes("tls.crt") && unique.includes("tls.key");
  // Certificate then issuing CA is a full chain, which cert-manager already writes as tls.crt.
  const chain = unique.length === 2 && unique[0] === "tls.crt" && unique[1] === "ca.crt";
  if (t.env || !keys || !unique.length || new Set(certs).size > 1 || facts.secretRefs.length || (unique.length > 1 && !combined && !chain)) {
    ctx.diags.manual("N2K-PKI-002", `template ${t.destination} renders Vault PKI data with other text or lookups (template lines ${uniqueLines(facts.pki.map((p) => p.line)).join(", ")}); it is not mounted: build the file from the Certificate's Secret (keys tls.crt, tls.key, ca.crt) by hand`, { path: t.path, line: t.line });
    return;
  }
  const cert = certs[0];
  let key = unique[0];
  if (combined) {
    cert.combinedPem = true;
    key = "tls-combined.pem";
    ctx.diags.warn("N2K-PKI-003", `template ${t.destination} holds the certificate and its private key in one file: mounted from the Certificate's tls-combined.pem (private key first, then the certificate chain${unique.includes("ca.crt") ? "; the issuing CA only if the issuer puts it in the chain" : ""})`, {
      path: t.path,
      line: t.line,
      hint: "cert-manager writes tls-combined.pem when its AdditionalCertificateOutputFormats feature is on (default since v1.15); check the app accepts this order",
    });
  }
  if (chain) {
    key = "tls.crt";
    ctx.diags.warn("N2K-PKI-003", `template ${t.destination} holds the certificate and its issuing CA: mounted from the Certificate's tls.crt, the chain cert-manager gets from the issuer`, { path: t.path, line: t.line, hint: "check the chain the issuer returns includes that CA" });
  }
  const name = ctx.pod.secret("tls", { secretName: cert.secretName, defaultMode: t.perms ? perms(t.perms) : undefined });
  out.files.push({ dest: taskPath(t.destination), mount: mount(name, destinationPath(t.destination), { subPath: key, readOnly: true }) });
}

/**
 * KEY=VALUE lines of an env template: literals become env values, secret reads secret refs
 * (a pipeline only when it leaves the plain value). What needs a hand is reported once.
 */
function envLines(text: string, d: Delims, t: Template, ctx: TemplateContext): EnvVar[] {
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
    } else if (mine.length === 0) env.push({ name, value: raw.replace(/^"(.*)"$|^'(.*)'$/, "$1$2") });
    else byHand.push(`${i + 1} (${name})`);
  });
  if (skipped.length) ctx.diags.warn("N2K-TPL-006", `line${skipped.length > 1 ? "s" : ""} ${skipped.join(", ")} of env template ${t.destination} ${skipped.length > 1 ? "are" : "is"} not KEY=VALUE; skipped`, { path: t.path, line: t.line });
  if (byHand.length) ctx.diags.manual("N2K-TPL-001", `env template ${t.destination}: line${byHand.length > 1 ? "s" : ""} ${byHand.join(", ")} mix${byHand.length > 1 ? "" : "es"} text, lookups or pipelines; set ${byHand.length > 1 ? "them" : "it"} by hand`, { path: t.path, line: t.line });
  return env;
}
