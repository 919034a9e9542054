// Just enough of Go's text/template to see what a Nomad `template` block needs: Vault
// secret reads, Consul lookups and env lookups, with their line numbers.

export interface SecretRef {
  path: string;
  property: string;
  line: number;
}

export interface TemplateFacts {
  secretPaths: string[];
  secretRefs: SecretRef[];
  consulLines: number[];
  envNames: string[];
  otherActions: number[];
}

const ACTION = /\{\{-?\s*([\s\S]*?)\s*-?\}\}/g;
const CONSUL = /^(range\s+)?(service|services|key|keyOrDefault|ls|tree|connect|caRoots|caLeaf|nomadService|nomadServices|nomadVarList|nomadVarExists)\b|[(\s](service|key|keyOrDefault|ls|tree)\s+"/;

/** A secret source: a Vault path, or `nomadVar:<path>` for a Nomad variable. */
export const NOMAD_VAR = "nomadVar:";

export type Step =
  | { kind: "open"; source: string }
  | { kind: "open-other" }
  | { kind: "end" }
  | { kind: "ref"; source: string; property: string }
  | { kind: "other" };

/**
 * Follows `with secret`/`with nomadVar` blocks through a template, one action at a time, and
 * says what each action is: where a secret field is read, it names the source and property.
 */
export class SecretScope {
  private readonly stack: (string | null)[] = [];

  step(body: string): Step {
    const open = /^with\s+(secret|nomadVar)\s+"([^"]+)"$/.exec(body);
    if (open) {
      const source = open[1] === "secret" ? open[2] : NOMAD_VAR + open[2];
      this.stack.push(source);
      return { kind: "open", source };
    }
    if (/^(with|if|range)\b/.test(body)) {
      this.stack.push(null);
      return { kind: "open-other" };
    }
    if (body === "end") {
      this.stack.pop();
      return { kind: "end" };
    }
    const vault = /^\(?\s*secret\s+"([^"]+)"\s*\)?\.Data(?:\.data)?\.([A-Za-z0-9_-]+)$/.exec(body);
    if (vault) return { kind: "ref", source: vault[1], property: vault[2] };
    const nomadVar = /^\(\s*nomadVar\s+"([^"]+)"\s*\)\.([A-Za-z0-9_-]+)$/.exec(body);
    if (nomadVar) return { kind: "ref", source: NOMAD_VAR + nomadVar[1], property: nomadVar[2] };
    const inner = [...this.stack].reverse().find((p) => p);
    const field = inner?.startsWith(NOMAD_VAR) ? /^\.([A-Za-z0-9_-]+)$/.exec(body) : /^\.Data(?:\.data)?\.([A-Za-z0-9_-]+)$/.exec(body);
    if (inner && field) return { kind: "ref", source: inner, property: field[1] };
    return { kind: "other" };
  }
}

export function lineAt(text: string, index: number): number {
  let n = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

export function analyzeTemplate(text: string): TemplateFacts {
  const facts: TemplateFacts = { secretPaths: [], secretRefs: [], consulLines: [], envNames: [], otherActions: [] };
  const scope = new SecretScope();
  for (const m of text.matchAll(ACTION)) {
    const body = m[1].trim();
    const line = lineAt(text, m.index!);
    const step = scope.step(body);
    if (step.kind === "open") addPath(facts, step.source);
    else if (step.kind === "ref") {
      addPath(facts, step.source);
      facts.secretRefs.push({ path: step.source, property: step.property, line });
    } else if (step.kind === "open-other") {
      if (CONSUL.test(body.replace(/^(with|if|range)\s+/, ""))) facts.consulLines.push(line);
      else facts.otherActions.push(line);
    } else if (step.kind === "other") {
      if (/^env\s+"([^"]+)"$/.test(body)) facts.envNames.push(/"([^"]+)"/.exec(body)![1]);
      else if (CONSUL.test(body)) facts.consulLines.push(line);
      else if (body !== "else" && !body.startsWith("/*")) facts.otherActions.push(line);
    }
  }
  return facts;
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
 * A file template rewritten for an ExternalSecret `target.template` (`{{ .secretKey }}`),
 * or null when it does more than plain substitution.
 */
export function toExternalSecretTemplate(text: string, keyOf: (ref: { path: string; property: string }) => string): string | null {
  const scope = new SecretScope();
  let out = "";
  let last = 0;
  let trimNext = false;
  for (const m of text.matchAll(/\{\{(-?)\s*([\s\S]*?)\s*(-?)\}\}/g)) {
    let literal = text.slice(last, m.index);
    if (trimNext) literal = literal.replace(/^\s+/, "");
    if (m[1]) literal = literal.replace(/\s+$/, "");
    out += literal;
    last = m.index! + m[0].length;
    trimNext = !!m[3];
    const step = scope.step(m[2].trim());
    if (step.kind === "ref") out += `{{ .${keyOf({ path: step.source, property: step.property })} }}`;
    else if (step.kind !== "open" && step.kind !== "end") return null;
  }
  let rest = text.slice(last);
  if (trimNext) rest = rest.replace(/^\s+/, "");
  return out + rest;
}
