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
const CONSUL = /^(range\s+)?(service|services|key|keyOrDefault|ls|tree|connect|caRoots|caLeaf|nomadService|nomadServices|nomadVar|nomadVarList)\b|[(\s](service|key|keyOrDefault|ls|tree|nomadVar)\s+"/;

export function lineAt(text: string, index: number): number {
  let n = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

export function analyzeTemplate(text: string): TemplateFacts {
  const facts: TemplateFacts = { secretPaths: [], secretRefs: [], consulLines: [], envNames: [], otherActions: [] };
  const withStack: (string | null)[] = [];
  for (const m of text.matchAll(ACTION)) {
    const body = m[1].trim();
    const line = lineAt(text, m.index!);
    const withSecret = /^with\s+secret\s+"([^"]+)"/.exec(body);
    const inline = /\(?\s*secret\s+"([^"]+)"\s*\)?\.Data(?:\.data)?\.([A-Za-z0-9_-]+)/.exec(body);
    if (withSecret) {
      withStack.push(withSecret[1]);
      addPath(facts, withSecret[1]);
    } else if (/^(with|if|range)\b/.test(body)) {
      withStack.push(null);
      if (CONSUL.test(body.replace(/^(with|if)\s+/, ""))) facts.consulLines.push(line);
      else facts.otherActions.push(line);
    } else if (body === "end") withStack.pop();
    else if (inline) {
      addPath(facts, inline[1]);
      facts.secretRefs.push({ path: inline[1], property: inline[2], line });
    } else if (/^\.Data(\.data)?\.[A-Za-z0-9_-]+$/.test(body) && withStack.some((p) => p)) {
      const path = [...withStack].reverse().find((p) => p)!;
      facts.secretRefs.push({ path, property: body.split(".").pop()!, line });
    } else if (/^env\s+"([^"]+)"$/.test(body)) facts.envNames.push(/"([^"]+)"/.exec(body)![1]);
    else if (CONSUL.test(body)) facts.consulLines.push(line);
    else if (body !== "else" && !body.startsWith("/*")) facts.otherActions.push(line);
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
  const stack: (string | null)[] = [];
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
    const body = m[2].trim();
    const withSecret = /^with\s+secret\s+"([^"]+)"$/.exec(body);
    const inline = /^\(?\s*secret\s+"([^"]+)"\s*\)?\.Data(?:\.data)?\.([A-Za-z0-9_-]+)$/.exec(body);
    const field = /^\.Data(?:\.data)?\.([A-Za-z0-9_-]+)$/.exec(body);
    const path = [...stack].reverse().find((p) => p);
    if (withSecret) stack.push(withSecret[1]);
    else if (body === "end" && stack.length) stack.pop();
    else if (inline) out += `{{ .${keyOf({ path: inline[1], property: inline[2] })} }}`;
    else if (field && path) out += `{{ .${keyOf({ path, property: field[1] })} }}`;
    else return null;
  }
  let rest = text.slice(last);
  if (trimNext) rest = rest.replace(/^\s+/, "");
  return out + rest;
}
