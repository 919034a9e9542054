// Consul KV reads (`key`, `keyOrDefault`, `ls`, `tree`) of a template. Kubernetes has no
// Consul KV: a key's value becomes a module input placed where the template had it; a value
// that looks secret is a sensitive input without default, kept in a Secret, never a ConfigMap.
import type { Template } from "../../nomad/model.js";
import { literalValue, rewriteActions, scanActions, type Delims } from "./go-template-scan.js";
import { callArgs } from "./go-template.js";
import { moduleRef, REF_OPEN } from "../hcl-value.js";
import { isCredentialName } from "../../nomad/credential-names.js";
import type { TemplateContext } from "./template-context.js";
import { renderKeyBlocks } from "./key-exists.js";

/** The `if keyExists` blocks the module decides itself (their openers) and the keys they test. */
export type KeyBlocks = { openers: Set<string>; keys: string[] };

// Names of keys and file settings that hold secret material.
const SECRET_KEY = /passw|secret|token|credential|private|api_?key|access_?key|(^|[/_.-])key$|\.(pem|key)$|htpasswd/i;
const KEY = /^key\s+("(?:[^"\\]|\\.)*")$/;
const KEY_OR_DEFAULT = /^keyOrDefault\s+("(?:[^"\\]|\\.)*")\s+("(?:[^"\\]|\\.)*"|`[^`]*`)$/;
const PREFIX = /^range\s+(?:\$\w+(?:\s*,\s*\$\w+)?\s*:?=\s*)?(ls|tree)\s+("(?:[^"\\]|\\.)*")/;

/** The setting a value is written to on its line: `DB_PASSWORD=`, `password = `, `token:`. */
function settingOf(line: string): string | undefined {
  return /([A-Za-z_][\w.-]*)["']?\s*[=:]\s*["']?$/.exec(line)?.[1];
}

/** Whether a Consul key's value is secret: its path, or the setting it is written to, says so. */
export function isSecretKey(path: string, setting: string | undefined): boolean {
  return SECRET_KEY.test(path.split("/").pop() ?? path) || SECRET_KEY.test(path) || (setting !== undefined && (isCredentialName(setting) || /passw|secret|token/i.test(setting)));
}

/**
 * `{{ key "app/host" }}` and `{{ keyOrDefault "app/port" "8080" }}` become `${var.<input>}`
 * (keyOrDefault's default is the input's default); a secret-looking value a sensitive input
 * with no default. In a secret file template (an ExternalSecret template) a secret value is left
 * as written: putting it in the ExternalSecret object would store it outside a Secret.
 * A file kept in a Secret (`inSecret`) makes every key's input sensitive, without default.
 * `range ls`/`range tree` over a prefix is reported, blocking: its keys are not known.
 */
export function resolveConsulKeys(text: string, d: Delims, t: Template, ctx: TemplateContext, secretTemplate: boolean, inSecret = secretTemplate, keyBlocks: KeyBlocks = { openers: new Set(), keys: [] }): string {
  const inputs = ctx.interp.inputs;
  if (!inputs) return text;
  const names = new Map<string, string>();
  // A key `if keyExists` tests is optional: null stands for "not set", and picks the else branch.
  const inputFor = (path: string, sensitive: boolean, fallback: string | undefined): string => {
    const optional = keyBlocks.keys.includes(path);
    const input = inputs.consulKey(path, sensitive ? { sensitive: true, optional } : { default: fallback, optional });
    names.set(path, input.name);
    if (!input.created) return input.name;
    const bare = optional ? "" : " without default";
    const kind = sensitive ? `a sensitive input${bare}, kept in a Secret` : fallback !== undefined ? `an input whose default is keyOrDefault's "${fallback}"` : `an input${bare}`;
    const message = optional
      ? `set variable "${input.name}" where Consul key "${path}" was set: template ${t.destination} tests it with keyExists; Kubernetes has no Consul KV, so the module takes the value from ${kind} that defaults to null, and null renders the template's else branch`
      : `set variable "${input.name}": template ${t.destination} read Consul key "${path}"${fallback !== undefined ? " (keyOrDefault)" : ""}; Kubernetes has no Consul KV, so the module takes the value from ${kind}`;
    ctx.diags.manual("N2K-KV-001", message, {
      path: t.path,
      line: t.line,
      blocking: !optional && (sensitive || fallback === undefined),
      hint: sensitive ? `give it with a tfvars file kept out of version control or TF_VAR_${input.name} (consul kv get ${path}${fallback !== undefined ? "; the job's keyOrDefault default is in its template" : ""})` : `give it the value of \`consul kv get ${path}\`${fallback !== undefined ? " if it is not the default" : ""}`,
    });
    return input.name;
  };
  const lines = text.split("\n");
  const prefixes: string[] = [];
  for (const a of scanActions(text, d)) {
    const p = PREFIX.exec(a.body);
    const prefix = p && literalValue(p[2]);
    if (p && prefix !== undefined && !prefixes.includes(`${p[1]} "${prefix}"`)) prefixes.push(`${p[1]} "${prefix}"`);
  }
  for (const p of prefixes) {
    ctx.diags.manual("N2K-KV-002", `template ${t.destination} lists Consul KV ${p.replace(/^(\w+) /, "prefix ")} (\`range ${p}\`): Kubernetes has no Consul KV and its keys are not known when converting, so the part of ${t.destination} it wrote is missing`, {
      path: t.path,
      line: t.line,
      blocking: true,
      hint: "write the keys under that prefix into the template as literal text (or into module inputs), then convert again",
    });
  }
  const out = rewriteActions(text, d, (a) => {
    const k = KEY.exec(a.body);
    const kd = k ? undefined : KEY_OR_DEFAULT.exec(a.body);
    const path = k ? literalValue(k[1]) : kd ? literalValue(kd[1]) : undefined;
    if (path === undefined) return undefined;
    const fallback = kd ? literalValue(kd[2]) : undefined;
    const line = lines[a.line - 1] ?? "";
    const before = line.slice(0, Math.max(0, line.indexOf(a.raw)));
    const secret = isSecretKey(path, settingOf(before)) || (t.env && !/^\s*(?:export\s+)?[A-Za-z_]\w*\s*=/.test(before));
    if (secret && secretTemplate) return undefined;
    // A default written in a secret template is part of its body: it never becomes a variable
    // default (nor a quoted value); the input is sensitive and must be given.
    return moduleRef(`var.${inputFor(path, secret || inSecret, fallback)}`);
  });
  if (out === null) return text;
  return renderKeyBlocks(out, d, keyBlocks.openers, (path) => names.get(path) ?? inputFor(path, isSecretKey(path, undefined) || inSecret, undefined));
}

/** Lines of a template whose Consul lookups have a step of their own: `ls`/`tree` ranges, keys computed at run time. */
export function prefixLines(text: string, d: Delims): number[] {
  return scanActions(text, d)
    .filter((a) => PREFIX.test(a.body) || new RegExp(COMPUTED.source).test(a.body))
    .map((a) => a.line);
}

// `key (print "app/" (env "NOMAD_JOB_NAME") "/db")`, `keyOrDefault (printf "%s/port" …) "80"`, `keyExists (print …)`.
const COMPUTED = /\b(key|keyOrDefault|keyExists)\s+(\(\s*printf?\s(?:[^()"`]|"(?:[^"\\]|\\.)*"|`[^`]*`|\((?:[^()"]|"(?:[^"\\]|\\.)*")*\))*\))/g;

/** A `(print …)`/`(printf …)` term's value, when every operand is a literal or a known env var. */
export function printValue(term: string, env: (name: string) => string | undefined): string | undefined {
  const inner = /^\(\s*(printf?)\s+([\s\S]*)\)$/.exec(term.trim());
  if (!inner) return undefined;
  const args = callArgs(inner[2]).map((a) => {
    const lit = literalValue(a);
    if (lit !== undefined) return lit;
    const e = /^\(\s*env\s+("(?:[^"\\]|\\.)*")\s*\)$/.exec(a);
    const name = e ? literalValue(e[1]) : undefined;
    return name === undefined ? undefined : env(name);
  });
  if (args.some((a) => a === undefined)) return undefined;
  const vals = args as string[];
  if (inner[1] === "print") return vals.join("");
  const [format, ...rest] = vals;
  let i = 0;
  let ok = true;
  const out = format.replace(/%(.?)/g, (_m, verb: string) => {
    if (verb === "%") return "%";
    if (!"sdvq".includes(verb || "?") || i >= rest.length) ok = false;
    const v = rest[i++] ?? "";
    return verb === "q" ? JSON.stringify(v) : v;
  });
  return ok && i === rest.length ? out : undefined;
}

/**
 * Consul keys computed from literals and env vars known when converting become literal keys
 * (`key "app/shop/db"`), read as any other key; one that needs a value known only at run time is
 * a blocking step naming the expression (its keys cannot be listed).
 */
export function computedKeys(text: string, d: Delims, t: Template, ctx: TemplateContext, env: (name: string) => string | undefined): string {
  const unknown: string[] = [];
  const out = rewriteActions(text, d, (a) => {
    if (!COMPUTED.test(a.body)) return undefined;
    COMPUTED.lastIndex = 0;
    const body = a.body.replace(COMPUTED, (all, fn: string, term: string) => {
      const path = printValue(term, env);
      if (path === undefined || path.includes(REF_OPEN)) {
        if (!unknown.includes(`${fn} ${term}`)) unknown.push(`${fn} ${term}`);
        return all;
      }
      return `${fn} ${JSON.stringify(path)}`;
    });
    return body === a.body ? undefined : `${d.left} ${body} ${d.right}`;
  });
  if (unknown.length) {
    ctx.diags.manual("N2K-KV-003", `template ${t.destination} reads Consul key${unknown.length > 1 ? "s" : ""} computed at run time (${unknown.map((u) => `\`${u.slice(0, 100)}\``).join(", ")}): a part is known only when the allocation runs, so no module input can stand for the key and the part of ${t.destination} it wrote is missing`, {
      path: t.path,
      line: t.line,
      blocking: true,
      hint: "write the key's path (or its value) into the template as literal text, then convert again",
    });
  }
  return out ?? text;
}
