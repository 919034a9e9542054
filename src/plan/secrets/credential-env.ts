import type { Diagnostics } from "../../diagnostics.js";
import { expr, hasModuleRef, moduleRef, splitRefs, type HclVal } from "../hcl-value.js";
import { credentialInput } from "./literal-credentials.js";
import { SECRET_NAME } from "./secret-names.js";
import type { EnvVar, SecretDataPlan } from "../model.js";
import type { ModuleInputs } from "../module-inputs.js";

const SWITCH = /^[[('"]*(true|false|yes|no|on|off|0|1)?[\])'"]*$/i;
// A path names the file that holds the credential (`GOOGLE_APPLICATION_CREDENTIALS=/secrets/gcp.json`).
const FILE_PATH = /^(\/|\.\/|local\/|secrets\/)[^\s]*$/;

/**
 * Whether a literal is secret material: not empty, not a switch (`MYSQL_RANDOM_ROOT_PASSWORD=yes`
 * asks the image to make one), not a file path, not a Nomad interpolation or a module reference.
 */
export const isSecretLiteral = (value: string): boolean => !SWITCH.test(value.trim()) && !FILE_PATH.test(value.trim()) && !value.includes("${") && !hasModuleRef(value);

/**
 * Whether a value reads a module input that holds secret material (named like a secret, a
 * sensitive job input, or a sensitive one made for a literal or a Consul KV value): it goes to
 * the Secret, read with secret_key_ref, not into the pod spec.
 */
export function readsSecretInput(value: string, inputs: ModuleInputs | undefined): boolean {
  // Module references (a template's text), or `${…}` as a task's env block writes them.
  const code = splitRefs(value).flatMap((p) => (typeof p === "string" ? [...p.matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1]) : [p.$expr]));
  return code.some((c) => [...c.matchAll(/\bvar\.([A-Za-z_][A-Za-z0-9_-]*)/g)].some((m) => SECRET_NAME.test(m[1]) || inputs?.isSecret(m[1])));
}

export interface SecretEnvContext {
  /** The group's own Secret. */
  sensitive: SecretDataPlan;
  secretType: string;
  inputs?: ModuleInputs;
  diags: Diagnostics;
}

/** A value kept in the group's Secret, read with secret_key_ref; one key per name (suffixed when two values differ). */
export function secretEnv(name: string, value: HclVal, ctx: SecretEnvContext): EnvVar {
  const data = ctx.sensitive.data as Record<string, HclVal>;
  let key = name;
  for (let i = 2; key in data && JSON.stringify(data[key]) !== JSON.stringify(value); i++) key = `${name}_${i}`;
  data[key] = value;
  return { name, secretRef: { name: expr(`${ctx.secretType}.${ctx.sensitive.tfName}.metadata[0].name`), key } };
}

/**
 * A credential the job wrote as a literal: a sensitive module input without default
 * (credentialInput), kept in the group's Secret and read with secret_key_ref.
 */
export function credentialEnv(name: string, literal: string, ctx: SecretEnvContext, where: { what: string; path: string; line?: number }): EnvVar {
  if (!ctx.inputs) return secretEnv(name, literal, ctx);
  const description = `Credential ${name} (${where.what} held it as a literal; give it from outside version control)`;
  const input = credentialInput({ base: name, literal, description, told: `${where.what} set ${name}`, kept: "in a Secret" }, ctx.inputs, ctx.diags, where);
  return secretEnv(name, moduleRef(`var.${input}`), ctx);
}
