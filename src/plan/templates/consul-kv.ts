// Consul KV reads (`key`, `keyOrDefault`, `ls`, `tree`) of a template. Kubernetes has no
// Consul KV: a key's value becomes a module input placed where the template had it; a value
// that looks secret is a sensitive input without default, kept in a Secret, never a ConfigMap.
import type { Template } from "../../nomad/model.js";
import { literalValue, rewriteActions, scanActions, type Delims } from "./go-template-scan.js";
import { moduleRef } from "../hcl-value.js";
import { isCredentialName } from "../../nomad/credential-names.js";
import type { TemplateContext } from "./template-context.js";

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
export function resolveConsulKeys(text: string, d: Delims, t: Template, ctx: TemplateContext, secretTemplate: boolean, inSecret = secretTemplate): string {
  const inputs = ctx.interp.inputs;
  if (!inputs) return text;
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
    const sensitive = secret || inSecret;
    const input = inputs.consulKey(path, sensitive ? { sensitive: true } : { default: fallback });
    if (input.created) {
      const kind = sensitive ? "a sensitive input without default, kept in a Secret" : fallback !== undefined ? `an input whose default is keyOrDefault's "${fallback}"` : "an input without default";
      ctx.diags.manual("N2K-KV-001", `set variable "${input.name}": template ${t.destination} read Consul key "${path}"${fallback !== undefined ? " (keyOrDefault)" : ""}; Kubernetes has no Consul KV, so the module takes the value from ${kind}`, {
        path: t.path,
        line: t.line,
        blocking: sensitive || fallback === undefined,
        hint: sensitive ? `give it with a tfvars file kept out of version control or TF_VAR_${input.name} (consul kv get ${path}${fallback !== undefined ? "; the job's keyOrDefault default is in its template" : ""})` : `give it the value of \`consul kv get ${path}\`${fallback !== undefined ? " if it is not the default" : ""}`,
      });
    }
    return moduleRef(`var.${input.name}`);
  });
  return out ?? text;
}

/** Lines of a template whose Consul lookups are all `ls`/`tree` ranges (reported on their own). */
export function prefixLines(text: string, d: Delims): number[] {
  return scanActions(text, d).filter((a) => PREFIX.test(a.body)).map((a) => a.line);
}
