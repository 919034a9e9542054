import type { Diagnostics } from "../../diagnostics.js";
import { moduleRef, REF_CLOSE, REF_OPEN } from "../hcl-value.js";
import type { ModuleInputs } from "../module-inputs.js";

// Credentials written out inside a value or a file's text, whatever the name around them: the
// password of a URL (`postgres://app:pw@db/app`, `https://user:pass@host/`) and a PEM private
// key. A template action, a `${…}` or `$VAR` the app expands, or a module input is no literal.
const NOT_LITERAL = `\\s"'\`<>{}$${REF_OPEN}${REF_CLOSE}`;
const URL_PASSWORD = new RegExp(`\\b([a-z][a-z0-9+.-]*://)([^${NOT_LITERAL}:@/]*):([^${NOT_LITERAL}@/]+)@([^${NOT_LITERAL}@/:?#]*)`, "gi");
const PEM_PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z0-9 ]*PRIVATE KEY-----/g;

/** Whether a value holds a URL with a password written out. */
export const hasUrlPassword = (value: string): boolean => new RegExp(URL_PASSWORD.source, "i").test(value);

export interface CredentialInput {
  /** What the input is named after (`API_TOKEN`, `db_password`). */
  base: string;
  literal: string;
  /** The input's description. */
  description: string;
  /** What wrote it: `env template local/web.env set API_TOKEN`. */
  told: string;
  /** Where the module keeps it: `in a Secret`. */
  kept: string;
}

/**
 * A credential the job wrote as a literal becomes a sensitive module input without default (the
 * literal was in version control: it is never written to the module or the report); setting it
 * is a blocking step. The same literal under the same name is one input. Its Terraform name.
 */
export function credentialInput(c: CredentialInput, inputs: ModuleInputs, diags: Diagnostics, at: { path: string; line?: number }): string {
  const input = inputs.secret(c.base, c.literal, c.description);
  if (input.created) {
    diags.manual("N2K-SEC-008", `set variable "${input.name}": ${c.told} to a literal credential; the module keeps it ${c.kept} from this sensitive input, which has no default`, {
      path: at.path,
      line: at.line,
      blocking: true,
      hint: `give it with a tfvars file kept out of version control or TF_VAR_${input.name}; the old value was in the job file, so rotate it`,
    });
  }
  return input.name;
}

/**
 * A file's text with each URL password and PEM private key it writes out replaced by a
 * sensitive module input (`postgres://app:${var.db_password}@db/app`): the text then reads a
 * secret input, which keeps the file in a Secret, and main.tf holds no literal.
 */
export function withoutLiteralCredentials(text: string, what: string, stem: string, inputs: ModuleInputs, diags: Diagnostics, at: { path: string; line?: number }): string {
  const kept = "in the file's Secret";
  const urls = text.replace(URL_PASSWORD, (_all, scheme: string, user: string, password: string, host: string) => {
    const told = `${what} set the password of ${scheme}${user ? `${user}@` : ""}${host}`;
    // The host may be a template action (`@{{ .Address }}`): the password before it is still literal.
    const name = credentialInput({ base: `${host.split(".")[0] || "url"}_password`, literal: password, description: `Password of ${scheme}${user ? `${user}@` : ""}${host} (${what} held it as a literal; give it from outside version control)`, told, kept }, inputs, diags, at);
    return `${scheme}${user}:${moduleRef(`var.${name}`)}@${host}`;
  });
  return urls.replace(PEM_PRIVATE_KEY, (key) => {
    const name = credentialInput({ base: `${stem}_private_key`, literal: key, description: `PEM private key of ${what} (the job held it as a literal; give it from outside version control)`, told: `${what} set a PEM private key`, kept }, inputs, diags, at);
    return moduleRef(`var.${name}`);
  });
}
