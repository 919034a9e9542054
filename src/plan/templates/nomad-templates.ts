import type { Task, Template } from "../../nomad/model.js";
import { analyzeTemplate, callsSecretFn, isDynamicSecretPath, NOMAD_VAR, toExternalSecretTemplate, uniqueLines, type TemplateFacts } from "./go-template.js";
import { GO_DELIMS, literalValue, renderStatic, rewriteActions, type Delims } from "./go-template-scan.js";
import { dropShadowedEnvLines, envLines, isEnvFileFromInputs, mapEnvFileFromInputs, spreadServiceRanges } from "./env-templates.js";
import { mapPkiTemplate } from "./pki-templates.js";
import { computedKeys, prefixLines, resolveConsulKeys } from "./consul-kv.js";
import { secretRanges, withoutRanges } from "./secret-ranges.js";
import { mapEnvRanges, mapFileRanges } from "./secret-range-templates.js";
import { chooseBranches } from "./template-branches.js";
import { decidedKeyBlocks, spreadKeyBlocks } from "./key-exists.js";
import { destinationPath, fileName, perms, taskPath } from "./template-paths.js";
import { expr, isExpr, moduleRef, REF_CLOSE, REF_OPEN, splitRefs, type HclVal } from "../hcl-value.js";
import { downwardField, isNomadRuntime, portNumber, reportConsulAddress, resolveString, runtimeValue } from "../interpolate.js";
import { mount } from "../storage/pod-volumes.js";
import type { TemplateContext, TemplateResult } from "./template-context.js";
import { isCredentialName } from "../../nomad/credential-names.js";
import { SECRET_NAME } from "../secrets/secret-names.js";
import { withoutLiteralCredentials } from "../secrets/literal-credentials.js";


/**
 * Whether a template without Vault calls still holds secret material: it is written to the
 * task's secrets directory, its file name says so, or it reads a module input named like a secret.
 */
function holdsSecrets(t: Template, text: string, ctx?: TemplateContext): boolean {
  if (taskPath(t.destination).startsWith("/secrets/") || SECRET_NAME.test(fileName(t.destination))) return true;
  const inputs = splitRefs(text).flatMap((p) => (typeof p === "string" ? [] : [...p.$expr.matchAll(/\bvar\.([A-Za-z_][A-Za-z0-9_-]*)/g)].map((m) => m[1])));
  return inputs.some((v) => SECRET_NAME.test(v) || ctx?.interp.inputs?.isSecret(v));
}

/**
 * Module inputs that hold secret material in a Secret's data: one that is a whole value (a key
 * file, an env file), or one named like a secret inside a larger file (not the domain next to it).
 */
export function secretInputs(data: HclVal): Set<string> {
  const out = new Set<string>();
  const vars = (code: string) => [...code.matchAll(/\bvar\.([A-Za-z_][A-Za-z0-9_-]*)/g)].map((m) => m[1]);
  if (isExpr(data)) for (const v of vars(data.$expr)) out.add(v);
  else if (typeof data === "object" && data && !Array.isArray(data)) {
    for (const value of Object.values(data)) {
      if (typeof value !== "string") continue;
      const parts = splitRefs(value);
      const whole = parts.length === 1 && typeof parts[0] !== "string";
      for (const p of parts) if (typeof p !== "string") for (const v of vars(p.$expr)) if (whole || SECRET_NAME.test(v)) out.add(v);
    }
  }
  return out;
}

const delimsOf = (t: Template): Delims => ({ left: t.leftDelimiter || GO_DELIMS.left, right: t.rightDelimiter || GO_DELIMS.right });

/**
 * Nomad templates → env vars, ConfigMap files, ExternalSecret entries and cert-manager
 * Certificates. A template that calls Vault or Nomad variables never reaches a ConfigMap;
 * secret template bodies and values never leave secrets.tf: diagnostics quote line numbers only.
 */
export function mapTemplates(task: Task, ctx: TemplateContext): TemplateResult {
  const out: TemplateResult = { env: [], envFrom: [], files: [] };
  for (const t of task.templates) {
    if (t.source && !t.data) {
      ctx.diags.manual("N2K-TPL-004", `template from file ${t.source} (destination ${t.destination}) is not read; create a ConfigMap or Secret for it`, { path: t.path, line: t.line });
      continue;
    }
    const d = delimsOf(t);
    const envDone = resolveEnvCalls(resolveString(t.data ?? "", ctx.interp, t.path, { consulCheck: false }), d, task, ctx, t);
    const resolved = computedKeys(envDone, d, t, ctx, (name) => {
      const v = knownEnv(name, task, ctx, t);
      return v === undefined || v.includes(d.left) || v.includes(REF_OPEN) ? undefined : v;
    });
    // A Vault template's text goes to an ExternalSecret, which cannot read module inputs there:
    // its keyExists blocks keep their else branch, whole (not spread over env lines).
    const vault = analyzeTemplate(resolved, d).secret;
    const spread = t.env && !vault ? spreadKeyBlocks(resolved, d) : resolved;
    const keyBlocks = vault ? { openers: new Set<string>(), keys: [] } : decidedKeyBlocks(spread, d, t.env);
    const rendered = renderBranches(spread, d, t, ctx, keyBlocks.openers);
    const branched = t.env ? lastEnvLines(rendered, d, t, ctx) : rendered;
    const secretCalls = analyzeTemplate(branched, d).secret;
    const text = resolveConsulKeys(branched, d, t, ctx, secretCalls, secretCalls || holdsSecrets(t, branched, ctx), keyBlocks);
    const facts = analyzeTemplate(text, d);
    // `range ls`/`range tree` lines have a blocking step of their own (N2K-KV-002).
    const listed = prefixLines(text, d);
    facts.consulLines = facts.consulLines.filter((n) => !listed.includes(n));
    // Secret-call parameters (a PKI `common_name=x.service.consul`) are not addresses to rewrite.
    reportConsulAddress(rewriteActions(text, d, (a) => (callsSecretFn(a.body) ? "" : undefined)) ?? "", ctx.interp, t.path, `template ${t.destination}`, t.line);
    // Until the store has these keys the ExternalSecret cannot sync and the pod waits for its Secret.
    const keysOf = (source: string) => [...new Set(facts.secretRefs.filter((r) => r.path === source).map((r) => r.property))];
    for (const source of facts.secretPaths.filter((p) => p.startsWith(NOMAD_VAR))) {
      const path = source.slice(NOMAD_VAR.length);
      const keys = keysOf(source);
      const items = keys.length ? `item${keys.length > 1 ? "s" : ""} ${keys.join(", ")}` : "every item";
      const target = ctx.secrets.remoteKey(source);
      const put = ctx.secrets.vaultPut(target);
      ctx.diags.manual("N2K-SEC-006", `copy the ${items} of Nomad variable ${path} (read by template ${t.destination}) into the secret store under key "${target}": the ExternalSecret cannot sync until they are there`, {
        path: t.path,
        line: t.line,
        blocking: true,
        hint: `read them with \`nomad var get ${path}\` and write them with \`${put} ${keys.length ? keys.map((k) => `${k}=…`).join(" ") : "<item>=…"}\` (\`vault kv patch\` if that key already holds other items; values never pass through nomad2k8s)`,
      });
    }
    for (const source of facts.secretPaths.filter((p) => isDynamicSecretPath(p))) {
      const keys = keysOf(source);
      ctx.diags.manual("N2K-SEC-007", `template ${t.destination} reads the Vault dynamic secret ${source}${keys.length ? ` (${keys.join(", ")})` : ""}: Vault mints it on each read, so the ExternalSecret's stored-key read of "${ctx.secrets.remoteKey(source)}" finds nothing and its Secret never syncs`, {
        path: t.path,
        line: t.line,
        blocking: true,
        hint: `replace that ExternalSecret's entries with an External Secrets VaultDynamicSecret generator (spec.path = "${source.replace(/^\/+/, "")}") read through dataFrom sourceRef.generatorRef, or store static credentials under that key`,
      });
    }
    if (facts.secret) mapSecretTemplate(t, text, d, facts, ctx, out, task);
    else if (t.env && isEnvFileFromInputs(text)) out.envFrom.push(mapEnvFileFromInputs(t, text, task, ctx));
    // An env file's lines are sorted one by one (envLines): only its place makes all of them secret.
    else if (t.env) out.env.push(...envLines(renderStatic(d.left === "{{" ? spreadServiceRanges(text) : text, d, () => undefined), d, t, ctx, holdsSecrets(t, "")));
    else {
      // Actions left after rendering what needs no lookup (a Consul lookup is reported below).
      if (facts.otherActions.length && !facts.consulLines.length && !listed.length) {
        const lines = uniqueLines(facts.otherActions);
        ctx.diags.manual("N2K-TPL-008", `template ${t.destination} keeps Go-template actions (template line${lines.length > 1 ? "s" : ""} ${lines.join(", ")}) that Kubernetes does not render; render the file by hand`, { path: t.path, line: t.line });
      }
      // A password in a URL or a private key written out: a sensitive input, and the file a Secret.
      const inputs = ctx.interp.inputs;
      const kept = inputs ? withoutLiteralCredentials(text, `template ${t.destination}`, fileName(t.destination).replace(/\.[^.]*$/, ""), inputs, ctx.diags, { path: t.path, line: t.line }) : text;
      mapStaticTemplate(t, renderStatic(kept, d, () => undefined), ctx, out, holdsSecrets(t, kept, ctx));
    }
    if (facts.consulLines.length) {
      const lines = uniqueLines(facts.consulLines);
      // The lookup actions are quoted, never their lines: a line may hold a credential beside them.
      const quoted = (n: number) => [...new Set(facts.consulActions.filter((a) => a.line === n).map((a) => a.action))].map((a) => `\`${a.slice(0, 100)}\``).join(" ");
      const where = lines.map((n) => `line ${n}: ${quoted(n)}`).join("; ");
      ctx.diags.manual("N2K-TPL-002", `template ${t.destination} uses Consul lookups (template ${where}); replace them with Kubernetes Service names or values`, { path: t.path, line: t.line });
    }
  }
  return out;
}

const SECRET_BLOCK = /^with\s+(secret|nomadVar|pkiCert)\s/;

/**
 * Blocks whose branch is known when converting keep only that branch: a Vault or Nomad-variable
 * `with` renders its body (the secret exists once the store has it). An `if keyExists` the
 * module decides from an optional input (`decided`) stays; another renders its `else`, since
 * Kubernetes has no Consul KV (reported, as the key's value is lost).
 */
function renderBranches(text: string, d: Delims, t: Template, ctx: TemplateContext, decided: Set<string>): string {
  const keys: string[] = [];
  const out = chooseBranches(
    text,
    d,
    (open) => {
      if (SECRET_BLOCK.test(open)) return "then";
      if (decided.has(open)) return undefined;
      const k = /^if\s+keyExists\s+"([^"]+)"$/.exec(open);
      if (!k) return undefined;
      keys.push(k[1]);
      return "else";
    },
    (open) => SECRET_BLOCK.test(open),
  );
  if (keys.length) {
    ctx.diags.warn("N2K-TPL-011", `template ${t.destination} tests Consul key${keys.length > 1 ? "s" : ""} ${keys.join(", ")} with keyExists: Kubernetes has no Consul KV, so the file holds the else branch`, { path: t.path, line: t.line, hint: "where the key was set on Nomad, write its value into the file instead" });
  }
  return out;
}

/** An env file's lines that a later line of the same name overrides are left out (Nomad keeps the last). */
function lastEnvLines(text: string, d: Delims, t: Template, ctx: TemplateContext): string {
  const r = dropShadowedEnvLines(text, d);
  for (const { name, lines } of r.dropped) {
    ctx.diags.info("N2K-TPL-014", `env template ${t.destination} sets ${name} on template line${lines.length > 1 ? "s" : ""} ${lines.join(", ")} and again later: Nomad keeps the last value, so the earlier line${lines.length > 1 ? "s are" : " is"} left out with ${lines.length > 1 ? "their" : "its"} lookups`, { path: t.path, line: t.line });
  }
  return r.text;
}

/**
 * An env var's value when converting: a Nomad runtime value the module knows, the task's own env
 * and meta, unless the name says it is a credential. A value that keeps a runtime interpolation
 * is not known here.
 */
// A credential meta value is kept out of files; on an env line named like a credential
// (`credentialLine`) it is rendered, and that line becomes a sensitive module input (N2K-SEC-008).
function knownEnv(name: string, task: Task, ctx: TemplateContext, t: Template, credentialLine = false): string | undefined {
  const own = name in task.env && !isCredentialName(name) && !task.env[name].includes("${") ? task.env[name] : undefined;
  return /^NOMAD_META_/.test(name) && isCredentialName(name) && !credentialLine ? undefined : (runtimeValue(name, ctx.interp, t.path) ?? own);
}

/** The name of the `KEY=value` line an action at `at` sits on. */
function envLineName(text: string, at: number): string | undefined {
  const line = text.slice(text.lastIndexOf("\n", at - 1) + 1, at);
  return /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=/.exec(line)?.[1];
}

/**
 * `{{ env "X" }}` becomes its value where the pod knows it (Nomad runtime variables, the
 * task's own env); other env lookups stay and are reported once per template.
 */

function resolveEnvCalls(text: string, d: Delims, task: Task, ctx: TemplateContext, t: Template): string {
  const unknown: string[] = [];
  const defaulted: string[] = [];
  const runtimeLines = new Map<string, number[]>();
  const out = rewriteActions(text, d, (a) => {
    const decoded = base64DecodeValue(a.body);
    if (decoded !== undefined) return decoded;
    // go-sockaddr (`{{ sockaddr "GetPrivateIP" }}`) ran on the Nomad client: the node's address.
    if (!t.env && /^sockaddr\s/.test(a.body)) {
      if (listensAt(text, a.start)) return "0.0.0.0";
      const name = a.body.replace(/\s+/g, " ");
      runtimeLines.set(name, [...(runtimeLines.get(name) ?? []), a.line]);
      if (!unknown.includes(name)) unknown.push(name);
      return undefined;
    }
    const m = /^env\s+"([^"]+)"(?:\s*\|\s*or\s+"((?:[^"\\]|\\.)*)")?$/.exec(a.body);
    if (!m) return undefined;
    const name = m[1];
    const fallback = m[2] === undefined ? undefined : (literalValue(`"${m[2]}"`) ?? m[2]);
    // An env template's values are env vars: node and pod facts come from the downward API.
    const down = t.env && ctx.downward ? downwardField(name) : undefined;
    if (down && ctx.downward) {
      ctx.downward.set(down.env, down.field);
      return `$(${down.env})`;
    }
    // A file has no env var to expand: an address the app listens on is 0.0.0.0; one it dials or advertises is not known here.
    const address = t.env ? undefined : addressFact(name, ctx.interp.ports);
    if (address) {
      if (listensAt(text, a.start)) return address.port === undefined ? "0.0.0.0" : `0.0.0.0:${address.port}`;
      if (!address.dial) {
        runtimeLines.set(name, [...(runtimeLines.get(name) ?? []), a.line]);
        if (!unknown.includes(name)) unknown.push(name);
        return undefined;
      }
    }
    const v = knownEnv(name, task, ctx, t, t.env && isCredentialName(envLineName(text, a.start) ?? ""));
    if (v !== undefined && !v.includes(d.left)) return fallback !== undefined && v === "" ? fallback : v;
    // consul-template's `or` gives the default where the variable is unset or empty.
    if (fallback !== undefined) {
      if (!defaulted.includes(name)) defaulted.push(name);
      return fallback;
    }
    if (!unknown.includes(name)) unknown.push(name);
    return undefined;
  })!;
  if (defaulted.length) {
    ctx.diags.warn("N2K-TPL-009", `template ${t.destination} reads environment variable${defaulted.length > 1 ? "s" : ""} ${defaulted.join(", ")}, not known when converting: the file has the \`or\` default${defaulted.length > 1 ? "s" : ""} written in`, { path: t.path, line: t.line, hint: "change the ConfigMap value where the pod sets a different one" });
  }
  // A file has no env var to expand: a node or allocation fact left out breaks the app.
  const atStart = (n: string) => isNomadRuntime(n) || n.startsWith("sockaddr ");
  const runtime = unknown.filter(atStart);
  if (runtime.length) {
    const facts = runtime.map((n) => {
      const f = n.startsWith("sockaddr ") ? { field: "status.hostIP" } : downwardField(n);
      const lines = runtimeLines.get(n);
      const why = f ? `the downward API's ${f.field}` : knownMeta(n, ctx) ? "a credential in the job's meta, kept out of the file: give it through a Secret" : "no Kubernetes equivalent";
      return `${n}${lines ? ` at template line${lines.length > 1 ? "s" : ""} ${[...new Set(lines)].join(", ")}` : ""} (${why})`;
    });
    const addresses = runtime.some((n) => runtimeLines.has(n));
    ctx.diags.manual("N2K-TPL-013", `template ${t.destination} reads ${facts.join(", ")}, known only when the pod starts: the file holds the \`{{ env }}\` action unrendered${addresses ? " (an address the app dials or advertises, not a listen address: 0.0.0.0 would be wrong there)" : ""}`, {
      path: t.path,
      line: t.line,
      blocking: true,
      hint: `render ${t.destination} when the pod starts (an init container that writes it from downward API env vars into an empty_dir mounted there), or let the app read an env var instead${addresses ? "; where the line dials a port of this same pod, 127.0.0.1 reaches it" : ""}`,
    });
  }
  unknown.splice(0, unknown.length, ...unknown.filter((n) => !atStart(n)));
  if (unknown.length) {
    ctx.diags.manual("N2K-TPL-003", `template ${t.destination} reads environment variable${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}; provide ${unknown.length > 1 ? "them" : "it"} in the ConfigMap or container env`, { path: t.path, line: t.line });
  }
  return out;
}

/** A template without Vault calls: a ConfigMap file, or a file of the group's Secret when it holds secret material. */
/**
 * `{{ base64Decode "…" }}` of a literal is its text; of a module input (`"${base64encode(var.x)}"`
 * in the job) it is that input, decoded by Terraform.
 */
function base64DecodeValue(body: string): string | undefined {
  const m = /^base64Decode\s+("(?:[^"\\]|\\.)*")$|^"((?:[^"\\]|\\.)*)"\s*\|\s*base64Decode$/.exec(body);
  if (!m) return undefined;
  const arg = literalValue(m[1] ?? `"${m[2]}"`);
  if (arg === undefined) return undefined;
  const parts = splitRefs(arg);
  if (parts.length === 1 && typeof parts[0] !== "string") {
    const e = parts[0].$expr;
    const inner = /^base64encode\((.*)\)$/s.exec(e);
    return moduleRef(inner ? inner[1] : `base64decode(${e})`);
  }
  if (arg.includes(REF_OPEN) || arg.includes(REF_CLOSE) || !/^[A-Za-z0-9+/=\s]*$/.test(arg)) return undefined;
  const text = Buffer.from(arg.replace(/\s+/g, ""), "base64").toString("utf8");
  return text.includes("\uFFFD") ? undefined : text;
}

function mapStaticTemplate(t: Template, text: string, ctx: TemplateContext, out: TemplateResult, secret: boolean): void {
  const data = (secret ? ctx.sensitive.data : ctx.configMap.data) as Record<string, HclVal>;
  let key = fileName(t.destination);
  for (let i = 2; key in data; i++) key = `${i}-${fileName(t.destination)}`;
  data[key] = text;
  const defaultMode = t.perms ? perms(t.perms) : undefined;
  const name = secret
    ? ctx.pod.secret("sensitive", { secretName: expr(`${ctx.secretType}.${ctx.sensitive.tfName}.metadata[0].name`), defaultMode })
    : ctx.pod.configMap("config", { name: expr(`${ctx.configMapType}.${ctx.configMap.tfName}.metadata[0].name`), defaultMode });
  out.files.push({ dest: taskPath(t.destination), mount: mount(name, destinationPath(t.destination), { subPath: key, readOnly: true }) });
}

/** The task's env vars and arguments that name a file (`SYNAPSE_CONFIG_PATH=/secrets/homeserver.yaml`). */
function readersOf(path: string, task: Task): string[] {
  const dirs = (v: string) => v.replace(/\$\{NOMAD_TASK_DIR\}/g, "/local").replace(/\$\{NOMAD_SECRETS_DIR\}/g, "/secrets").replace(/\$\{NOMAD_ALLOC_DIR\}/g, "/alloc");
  const names = (v: string) => dirs(v).includes(path) || dirs(v).includes(path.slice(1));
  return [...Object.entries(task.env).filter(([, v]) => names(v)).map(([k]) => `env ${k}`), ...((task.config.args ?? []).some(names) ? ["the task's args"] : [])];
}

function mapSecretTemplate(t: Template, text: string, d: Delims, facts: TemplateFacts, ctx: TemplateContext, out: TemplateResult, task: Task): void {
  if (facts.pki.length) {
    mapPkiTemplate(t, text, d, facts, ctx, out);
    return;
  }
  const ranges = secretRanges(text, d);
  if (t.env) {
    mapEnvRanges(ranges, t, ctx, out);
    out.env.push(...envLines(withoutRanges(text, ranges), d, t, ctx));
    return;
  }
  if (ranges.length) {
    mapFileRanges(ranges, text, d, t, ctx, out);
    return;
  }
  const rendered = toExternalSecretTemplate(text, (ref) => ctx.secrets.fileKey(ref.path, ref.property), d);
  if (rendered === null) {
    for (const ref of facts.secretRefs) ctx.secrets.fileKey(ref.path, ref.property);
    const lines = uniqueLines([...facts.otherActions, ...facts.consulLines]).join(", ");
    const path = destinationPath(t.destination);
    const readers = readersOf(path, task);
    // Nothing writes the file: the app that reads it would fail to start, or start without its config.
    ctx.diags.manual(
      "N2K-TPL-001",
      `secret file template ${t.destination} does more than plain substitution${lines ? ` (template lines ${lines})` : ""}; ${facts.secretRefs.length ? "its keys are fetched, but " : ""}the file is not written, so ${path} does not exist in the pod${readers.length ? ` (${readers.join(", ")} point${readers.length > 1 ? "" : "s"} at it)` : ""}`,
      { path: t.path, line: t.line, blocking: true, hint: `write it as an ExternalSecret template by hand (${ctx.interp.appName}-files, target.template) and mount it at ${path}` },
    );
    return;
  }
  const key = ctx.secrets.addFile(fileName(t.destination), rendered);
  const name = ctx.pod.secret("secret-files", { secretName: ctx.secretsRef.files, defaultMode: t.perms ? perms(t.perms) : undefined });
  out.files.push({ dest: taskPath(t.destination), mount: mount(name, destinationPath(t.destination), { subPath: key, readOnly: true }) });
}

// A setting that says where the app listens: `listen`, `bind`, `--web.listen-address=`, `http_listen_addr:`.
const LISTEN_KEY = /(?:listen|bind)[\w.-]*["']?\s*[:=]?\s*["']?(?:[a-z]+:\/\/)?$/i;

/** Whether the text of the line before `at` ends in a listen setting (the action is its value). */
function listensAt(text: string, at: number): boolean {
  return LISTEN_KEY.test(text.slice(text.lastIndexOf("\n", at - 1) + 1, at));
}

/**
 * Nomad facts that are addresses: the node's (`attr.unique.network.ip-address`, NOMAD_HOST_IP_x),
 * the allocation's (NOMAD_IP_x, NOMAD_ALLOC_IP_x) and host:port pairs (NOMAD_ADDR_x, which
 * dialled from the pod itself is localhost, see runtimeValue: `dial`).
 */
function addressFact(name: string, ports: Map<string, number>): { port?: number; dial?: true } | undefined {
  if (name === "attr.unique.network.ip-address") return {};
  const ip = /^NOMAD_(?:HOST_|ALLOC_)?IP_(.+)$/.exec(name);
  if (ip) return portNumber(ip[1], ports) === undefined ? undefined : {};
  const addr = /^NOMAD_(?:HOST_|ALLOC_)?ADDR_(.+)$/.exec(name);
  const port = addr ? portNumber(addr[1], ports) : undefined;
  return port === undefined ? undefined : { port, dial: true };
}


/** Whether `NOMAD_META_x` names a meta key the job file sets (known when converting). */
function knownMeta(name: string, ctx: TemplateContext): boolean {
  const key = /^NOMAD_META_(.+)$/.exec(name)?.[1];
  return key !== undefined && Object.keys(ctx.interp.metaValues ?? {}).some((k) => k.toUpperCase() === key.toUpperCase());
}
