// Just enough of Go's text/template to see what a Nomad `template` block needs: Vault and
// Nomad-variable reads, PKI certificates, Consul lookups and env lookups, with their lines.
import { GO_DELIMS, isComment, literalValue, scanActions, type Delims } from "./go-template-scan.js";

export interface SecretRef {
  path: string;
  property: string;
  line: number;
  pipes: string[];
}

/** A `with secret "pki/issue/role" "common_name=…"` (or `pkiCert`) block. */
export interface PkiUse {
  path: string;
  /** The call's parameters: string literals by value; `$var` and `(printf …)` terms as written. */
  args: string[];
  line: number;
}

export interface TemplateFacts {
  /** The template calls secret, secrets, pkiCert, nomadVar, nomadVarList or nomadVarListSafe. */
  secret: boolean;
  secretPaths: string[];
  secretRefs: SecretRef[];
  pki: PkiUse[];
  consulLines: number[];
  /** The lookup actions, as `lookupQuote` shows them, by line. */
  consulActions: { line: number; action: string }[];
  envNames: string[];
  otherActions: number[];
}

const CONSUL = /^(range\s+)?(service|services|key|keyOrDefault|keyExists|ls|tree|connect|caRoots|caLeaf|nodes|node|nomadService|nomadServices|nomadVarExists)\b|[(\s](service|key|keyOrDefault|ls|tree)\s+"/;
const SECRET_FN = /(?:^|[\s(|])(secret|secrets|pkiCert|nomadVar|nomadVarList|nomadVarListSafe)(?=[\s)]|$)/;
const STRINGS = /"(?:[^"\\\n]|\\.)*"|`[^`]*`/g;

/** A secret source: a Vault path, or `nomadVar:<path>` for a Nomad variable. */
export const NOMAD_VAR = "nomadVar:";

/** Whether an action calls a function that reads Vault or Nomad variables. */
export function callsSecretFn(body: string): boolean {
  return SECRET_FN.test(body.replace(STRINGS, '""'));
}

/** Vault PKI paths that issue or sign certificates. */
export const isPkiPath = (path: string): boolean => /(^|\/)(issue|sign)\/[^/]+$/.test(path);

/** Vault engines that mint credentials on read (database, AWS, …), unlike KV stores. */
export const isDynamicSecretPath = (path: string): boolean => /^[^/]+\/(creds|sts)\//.test(path);

// consul-template pipeline functions with the same meaning in the ExternalSecret (sprig) engine.
const ESO_PIPES: Record<string, string> = { toJSON: "toJson", base64Decode: "b64dec", base64Encode: "b64enc", trimSpace: "trim", toLower: "lower", toUpper: "upper", toYAML: "toYaml" };
/** Pipelines that leave a plain value in an env file (Nomad strips the quotes toJSON adds). */
export const PLAIN_ENV_PIPES = new Set(["toJSON", "trimSpace"]);

const PIPES = String.raw`((?:\s*\|\s*[A-Za-z][A-Za-z0-9]*)*)`;
const VAULT_INLINE = new RegExp(String.raw`^\(?\s*secret\s+"([^"]+)"(?:\s+"[A-Za-z_][\w.-]*=[^"]*")*\s*\)?\.Data(?:\.data)?\.([A-Za-z0-9_-]+)` + PIPES + "$");
const VAR_INLINE = new RegExp(String.raw`^\(\s*nomadVar\s+"([^"]+)"\s*\)\.([A-Za-z0-9_-]+)` + PIPES + "$");
const VAULT_FIELD = new RegExp(String.raw`^(?:\.Data(?:\.data)?\.([A-Za-z0-9_-]+)|index\s+\.Data(?:\.data)?\s+"([^"]+)")` + PIPES + "$");
const VAR_FIELD = new RegExp(String.raw`^(?:\.([A-Za-z0-9_-]+)|index\s+\.\s+"([^"]+)")` + PIPES + "$");
const PKI_FIELDS: Record<string, string> = { certificate: "tls.crt", private_key: "tls.key", issuing_ca: "ca.crt", Cert: "tls.crt", Key: "tls.key", CA: "ca.crt" };

const pipesOf = (s: string | undefined): string[] => (s ?? "").split("|").map((p) => p.trim()).filter(Boolean);

type Open = { kind: "secret"; source: string } | { kind: "pki"; use: Omit<PkiUse, "line"> } | { kind: "other" };

export type Step =
  | { kind: "open"; source: string }
  | { kind: "open-pki"; path: string; args: string[] }
  | { kind: "open-other" }
  | { kind: "end" }
  | { kind: "ref"; source: string; property: string; pipes: string[] }
  /** A PKI field, as the key cert-manager writes it in the TLS secret. */
  | { kind: "pki-field"; key: string; path: string }
  | { kind: "assign" }
  | { kind: "other" };

/** The arguments of a template call: string literals, `$var`s, words and whole `( … )` terms. */
export function callArgs(text: string): string[] {
  const out: string[] = [];
  const re = /"(?:[^"\\]|\\.)*"|`[^`]*`|[()]|[^\s()"`]+/g;
  let depth = 0;
  let open = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0] === "(" && depth++ === 0) open = m.index;
    else if (m[0] === ")" && depth > 0 && --depth === 0) out.push(text.slice(open, m.index + 1));
    else if (depth === 0) out.push(m[0]);
  }
  if (depth > 0) out.push(text.slice(open));
  return out;
}

/**
 * Follows `with secret`/`with nomadVar`/`with pkiCert` blocks through a template, one action
 * at a time, and says what each action is: where a secret field is read, it names the source.
 */
export class SecretScope {
  private readonly stack: Open[] = [];

  /** The source of the innermost open `with secret`/`with nomadVar` block, if any. */
  innerSource(): string | undefined {
    const inner = [...this.stack].reverse().find((o) => o.kind !== "other");
    return inner?.kind === "secret" ? inner.source : undefined;
  }

  step(body: string): Step {
    const open = /^with\s+(secret|nomadVar|pkiCert)\s+"([^"]+)"\s*(.*)$/.exec(body);
    if (open) {
      const [, fn, path, rest] = open;
      const args = callArgs(rest);
      if (fn === "pkiCert" || (fn === "secret" && isPkiPath(path))) {
        const use = { path, args: args.map((a) => literalValue(a) ?? a) };
        this.stack.push({ kind: "pki", use });
        return { kind: "open-pki", ...use };
      }
      // `"ttl=30m"`-style parameters tune how Vault mints a dynamic secret; the fields read stay the same.
      if (args.every((a) => /^"[A-Za-z_][\w.-]*=[^"]*"$/.test(a))) {
        const source = fn === "secret" ? path : NOMAD_VAR + path;
        this.stack.push({ kind: "secret", source });
        return { kind: "open", source };
      }
    }
    if (/^(with|if|range)\b/.test(body)) {
      this.stack.push({ kind: "other" });
      return { kind: "open-other" };
    }
    if (body === "end") {
      this.stack.pop();
      return { kind: "end" };
    }
    const vault = VAULT_INLINE.exec(body);
    if (vault) return { kind: "ref", source: vault[1], property: vault[2], pipes: pipesOf(vault[3]) };
    const nomadVar = VAR_INLINE.exec(body);
    if (nomadVar) return { kind: "ref", source: NOMAD_VAR + nomadVar[1], property: nomadVar[2], pipes: pipesOf(nomadVar[3]) };
    const inner = [...this.stack].reverse().find((o) => o.kind !== "other");
    if (inner?.kind === "pki") {
      const f = /^\.(?:Data\.)?([A-Za-z_]+)$/.exec(body);
      if (f && PKI_FIELDS[f[1]] && (f[0].startsWith(".Data.") ? !/^[A-Z]/.test(f[1]) : /^[A-Z]/.test(f[1]))) return { kind: "pki-field", key: PKI_FIELDS[f[1]], path: inner.use.path };
    }
    if (inner?.kind === "secret") {
      const field = (inner.source.startsWith(NOMAD_VAR) ? VAR_FIELD : VAULT_FIELD).exec(body);
      if (field) return { kind: "ref", source: inner.source, property: field[1] ?? field[2], pipes: pipesOf(field[3]) };
    }
    if (/^\$\w+\s*:?=/.test(body)) return { kind: "assign" };
    return { kind: "other" };
  }
}

export function analyzeTemplate(text: string, d: Delims = GO_DELIMS): TemplateFacts {
  const facts: TemplateFacts = { secret: false, secretPaths: [], secretRefs: [], pki: [], consulLines: [], consulActions: [], envNames: [], otherActions: [] };
  const scope = new SecretScope();
  for (const a of scanActions(text, d)) {
    const body = a.body;
    if (isComment(body) || literalValue(body) !== undefined) continue;
    if (callsSecretFn(body)) facts.secret = true;
    const step = scope.step(body);
    if (step.kind === "open") addPath(facts, step.source);
    else if (step.kind === "open-pki") facts.pki.push({ path: step.path, args: step.args, line: a.line });
    else if (step.kind === "ref") {
      addPath(facts, step.source);
      facts.secretRefs.push({ path: step.source, property: step.property, line: a.line, pipes: step.pipes });
    } else if (step.kind === "open-other") {
      if (CONSUL.test(body.replace(/^(with|if|range)\s+/, "").replace(/^\$\w+(?:\s*,\s*\$\w+)?\s*:?=\s*/, ""))) addLookup(facts, a.line, body);
      else facts.otherActions.push(a.line);
    } else if (step.kind === "other" || step.kind === "assign") {
      if (/^env\s+"([^"]+)"$/.test(body)) facts.envNames.push(/"([^"]+)"/.exec(body)![1]);
      else if (CONSUL.test(body)) addLookup(facts, a.line, body);
      else if (body !== "else") facts.otherActions.push(a.line);
    }
  }
  return facts;
}

function addLookup(facts: TemplateFacts, line: number, body: string): void {
  facts.consulLines.push(line);
  facts.consulActions.push({ line, action: lookupQuote(body) });
}

/**
 * A lookup action as a report quotes it: `{{ key "app/token" }}`. Its first string (the service
 * or key it looks up) is kept; later ones, which may be a default value (`keyOrDefault "k"
 * "hunter2"`) or a compared value, are not quoted; the rest of the template line never is.
 */
export function lookupQuote(body: string): string {
  let n = 0;
  return `{{ ${body.replace(STRINGS, (m) => (n++ === 0 ? m : '"…"'))} }}`;
}

export function uniqueLines(lines: number[]): number[] {
  return [...new Set(lines)].sort((a, b) => a - b);
}

function addPath(facts: TemplateFacts, path: string): void {
  if (!facts.secretPaths.includes(path)) facts.secretPaths.push(path);
}

/** `secret/data/default/app` → parts for the remote-key rule (KV v2 `data/` segment dropped). */
export function vaultPathParts(path: string): { path: string; mount: string; key: string } {
  const segs = path.split("/").filter(Boolean);
  const mount = segs[0] ?? "";
  const rest = segs[1] === "data" ? segs.slice(2) : segs.slice(1);
  return { path: [mount, ...rest].join("/"), mount, key: rest.join("/") };
}

/**
 * A file template rewritten for an ExternalSecret `target.template` (`{{ .secretKey }}`, Go
 * delimiters), or null when it does more than substitution and the pipelines both engines know.
 */
export function toExternalSecretTemplate(text: string, keyOf: (ref: { path: string; property: string }) => string, d: Delims = GO_DELIMS): string | null {
  const scope = new SecretScope();
  // The output is Go-template text for the ExternalSecret engine: a literal `{{` is escaped.
  const escape = (s: string) => s.replace(/\{\{/g, '{{ "{{" }}');
  let out = "";
  let last = 0;
  let trimNext = false;
  for (const a of scanActions(text, d)) {
    let literal = text.slice(last, a.start);
    if (trimNext) literal = literal.replace(/^\s+/, "");
    if (a.trimLeft) literal = literal.replace(/\s+$/, "");
    out += escape(literal);
    last = a.end;
    trimNext = a.trimRight;
    if (isComment(a.body)) continue;
    const lit = literalValue(a.body);
    if (lit !== undefined) {
      out += escape(lit);
      continue;
    }
    const step = scope.step(a.body);
    if (step.kind === "open" || step.kind === "end") continue;
    if (step.kind !== "ref") return null;
    const pipes = step.pipes.map((p) => ESO_PIPES[p]);
    if (pipes.some((p) => !p)) return null;
    out += `{{ .${keyOf({ path: step.source, property: step.property })}${pipes.map((p) => ` | ${p}`).join("")} }}`;
  }
  let rest = text.slice(last);
  if (trimNext) rest = rest.replace(/^\s+/, "");
  return out + escape(rest);
}
