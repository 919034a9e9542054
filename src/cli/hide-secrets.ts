import { isCredentialHeader, isCredentialName } from "../nomad/credential-names.js";

// What `diff` and `migrate` show of a module is read on a screen, in a CI log, over a shoulder:
// like `terraform plan`, it shows where a secret value is and never the value. A Secret
// resource shows its keys; a credential-named attribute (an Authorization header of a
// Middleware) shows its name. Both the file on disk and the new text go through this, so an
// old value is not shown either.

const HIDDEN = "(sensitive value)";
const SECRET_RESOURCE = /^\s*resource\s+"[^"]*secret[^"]*"\s+"[^"]*"\s*\{\s*$/;
const SECRET_DATA = /^(\s*)(data|binary_data|string_data)\s*=/;

/** The `.tf` text with the values of Secret data and credential-named attributes replaced. */
export function hideSecrets(text: string): string {
  const lines = text.split("\n");
  const out: string[] = [];
  let secretDepth = -1;
  let depth = 0;
  let heredoc: string | undefined;
  let dataIndent: string | undefined;
  for (const line of lines) {
    if (heredoc !== undefined) {
      if (line.trim() === heredoc) {
        heredoc = undefined;
        out.push(line);
      } else out.push(HIDDEN);
      continue;
    }
    if (secretDepth < 0 && SECRET_RESOURCE.test(line)) secretDepth = depth;
    let shown = line;
    const data = secretDepth >= 0 ? SECRET_DATA.exec(line) : null;
    if (data) {
      shown = hideLiterals(line, () => true);
      if (/\{\s*$/.test(line)) dataIndent = data[1];
    } else if (dataIndent !== undefined) {
      shown = hideLiterals(line, () => true);
      if (line.startsWith(`${dataIndent}}`)) dataIndent = undefined;
    } else shown = hideLiterals(line, credentialKey);
    const marker = /<<-?([A-Za-z0-9_]+)\s*$/.exec(line);
    if (marker && (data || dataIndent !== undefined || shown !== line)) heredoc = marker[1];
    else if (marker && hidesKey(line)) heredoc = marker[1];
    out.push(shown);
    depth += braces(line);
    if (secretDepth >= 0 && depth <= secretDepth) secretDepth = -1;
  }
  return out.join("\n");
}

const ATTR = /^(\s*)("(?:[^"\\]|\\.)*"|[A-Za-z_][\w-]*)(\s*=\s*)(.*)$/;

function hidesKey(line: string): boolean {
  const m = ATTR.exec(line);
  return !!m && credentialKey(m[2].replace(/^"|"$/g, ""));
}

/**
 * A key whose value is a credential: a header (`Authorization`, `X-Api-Key`) or an env-style
 * name (`DB_PASSWORD`); Terraform and CRD field names (`secret_key_ref`, `secretName`) are not.
 */
function credentialKey(key: string): boolean {
  return isCredentialHeader(key) || (!/^[a-z][a-zA-Z0-9_]*$/.test(key) && isCredentialName(key));
}

/**
 * String literals that are values (not keys before `=`) replaced, where `hides` says so for
 * the key they belong to; a heredoc opener is left for the caller.
 */
function hideLiterals(line: string, hides: (key: string) => boolean): string {
  let out = "";
  let key = "";
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === "#" || (c === "/" && line[i + 1] === "/")) return out + line.slice(i);
    if (c !== '"') {
      if (/[A-Za-z_]/.test(c)) {
        const word = /^[A-Za-z_][\w-]*/.exec(line.slice(i))![0];
        out += word;
        i += word.length;
        if (/^\s*=(?!=)/.test(line.slice(i))) key = word;
        continue;
      }
      out += c;
      i++;
      continue;
    }
    const end = stringEnd(line, i);
    const literal = line.slice(i, end);
    const isKey = /^\s*=(?!=)/.test(line.slice(end));
    if (isKey) key = literal.slice(1, -1);
    out += !isKey && hides(key) ? `"${HIDDEN}"` : literal;
    i = end;
  }
  return out;
}

/** The index after the string literal starting at `start`, `${ … }` (with its own strings) inside. */
function stringEnd(line: string, start: number): number {
  let i = start + 1;
  while (i < line.length) {
    const c = line[i];
    if (c === "\\") i += 2;
    else if (c === '"') return i + 1;
    else if ((c === "$" || c === "%") && line[i + 1] === "{" && line[i - 1] !== c) {
      let depth = 1;
      i += 2;
      while (i < line.length && depth > 0) {
        if (line[i] === '"') i = stringEnd(line, i);
        else {
          if (line[i] === "{") depth++;
          if (line[i] === "}") depth--;
          i++;
        }
      }
    } else i++;
  }
  return line.length;
}

/** Net braces opened by a line, outside strings and comments. */
function braces(line: string): number {
  let n = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') i = stringEnd(line, i) - 1;
    else if (c === "#") break;
    else if (c === "{") n++;
    else if (c === "}") n--;
  }
  return n;
}
