import type { Diagnostics } from "../../diagnostics.js";
import { expr, hasModuleRef, moduleRef, type HclVal } from "../hcl-value.js";
import type { EnvVar, SecretDataPlan } from "../model.js";
import type { ModuleInputs } from "../module-inputs.js";

const SWITCH = /^[[('"]*(true|false|yes|no|on|off|0|1)?[\])'"]*$/i;
// A path names the file that holds the credential (`GOOGLE_APPLICATION_CREDENTIALS=/secrets/gcp.json`).
const FILE_PATH = /^(\/|\.\.?\/|~\/|local\/|secrets\/)[^\s]*$/;

/**
 * Whether a literal is secret material: not empty, not a switch (`MYSQL_RANDOM_ROOT_PASSWORD=yes`
 * asks the image to make one), not a file path, not a Nomad interpolation or a module reference.
 */
export const isSecretLiteral = (value: string): boolean => !SWITCH.test(value.trim()) && !FILE_PATH.test(value.trim()) && !value.includes("${") && !hasModuleRef(value);

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
 * A credential the job wrote as a literal: a sensitive module input without default (the
 * literal was in version control: it is never written to the module or the report), kept in the
 * group's Secret and read with secret_key_ref. Setting the input is a blocking step.
 */
export function credentialEnv(name: string, literal: string, ctx: SecretEnvContext, where: { what: string; path: string; line?: number }): EnvVar {
  if (!ctx.inputs) return secretEnv(name, literal, ctx);
  const input = ctx.inputs.secret(name, literal, `Credential ${name} (${where.what} held it as a literal; give it from outside version control)`);
  if (input.created) {
    ctx.diags.manual("N2K-SEC-008", `set variable "${input.name}": ${where.what} set ${name} to a literal credential; the module keeps it in a Secret from this sensitive input, which has no default`, {
      path: where.path,
      line: where.line,
      blocking: true,
      hint: `give it with a tfvars file kept out of version control or TF_VAR_${input.name}; the old value was in the job file, so rotate it`,
    });
  }
  return secretEnv(name, moduleRef(`var.${input.name}`), ctx);
}
