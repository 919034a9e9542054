// `{{ range $k, $v := .Data.data }}{{ $k }}={{ $v }}{{ end }}`: a template that writes every key
// of a secret, whatever keys the store holds. No field is named, so no `data` entry can fetch
// it: the whole remote key is extracted (ExternalSecret `dataFrom`).
import { isComment, scanActions, type Action, type Delims } from "./go-template-scan.js";
import { NOMAD_VAR, SecretScope } from "./go-template.js";

export interface SecretRange {
  /** A Vault path, or `nomadVar:<path>`. */
  source: string;
  open: Action;
  end: Action;
  keyVar: string;
  valueVar: string;
  /** The body as the ExternalSecret engine writes it over `.`, or undefined when it does more than write key and value. */
  body?: string;
  /** The body writes `KEY=VALUE` lines (optionally `export`, the value quoted): an env file. */
  envLines: boolean;
}

const RANGE = /^range\s+\$(\w+)\s*,\s*\$(\w+)\s*:?=\s*(.+)$/;
const INLINE_VAULT = /^\(?\s*secret\s+"([^"]+)"\s*\)?\.Data(?:\.data)?$/;
const INLINE_VAR = /^\(?\s*nomadVar\s+"([^"]+)"\s*\)?(?:\.Items)?$/;
// consul-template pipelines the ExternalSecret (sprig) engine spells differently.
const PIPES: Record<string, string> = { toJSON: "toJson", trimSpace: "trim", toLower: "lower", toUpper: "upper", base64Decode: "b64dec", base64Encode: "b64enc" };

/** What a range expression ranges over, given the innermost `with` source. */
function rangeSource(expr: string, inner: string | undefined): string | undefined {
  const e = expr.trim();
  const vault = INLINE_VAULT.exec(e);
  if (vault) return vault[1];
  const nomadVar = INLINE_VAR.exec(e);
  if (nomadVar) return NOMAD_VAR + nomadVar[1];
  if (!inner) return undefined;
  if (inner.startsWith(NOMAD_VAR)) return e === "." || e === ".Items" ? inner : undefined;
  return /^\.Data(?:\.data)?$/.test(e) ? inner : undefined;
}

/** The `range` blocks of a template that walk a secret's keys and values. */
export function secretRanges(text: string, d: Delims): SecretRange[] {
  const actions = scanActions(text, d);
  const scope = new SecretScope();
  const out: SecretRange[] = [];
  for (let i = 0; i < actions.length; i++) {
    const a = actions[i];
    if (isComment(a.body)) continue;
    const m = RANGE.exec(a.body);
    const source = m ? rangeSource(m[3], scope.innerSource()) : undefined;
    if (!m || !source) {
      scope.step(a.body);
      continue;
    }
    let depth = 1;
    let j = i + 1;
    for (; j < actions.length; j++) {
      if (/^(with|if|range|define|block)\b/.test(actions[j].body)) depth++;
      else if (actions[j].body === "end" && --depth === 0) break;
    }
    if (j >= actions.length) break;
    const [keyVar, valueVar] = [m[1], m[2]];
    const body = rangeBody(text, actions.slice(i, j + 1), keyVar, valueVar);
    out.push({ source, open: a, end: actions[j], keyVar, valueVar, body, envLines: body !== undefined && isEnvLine(body) });
    // The block's actions are consumed: the scope sees it as one opened and closed block.
    i = j;
  }
  return out;
}

/** The range body rewritten for the ExternalSecret engine (`{{ $k }}`, `{{ $v | toJson }}`), trim markers applied. */
function rangeBody(text: string, block: Action[], keyVar: string, valueVar: string): string | undefined {
  let out = "";
  for (let n = 0; n < block.length - 1; n++) {
    const a = block[n];
    const next = block[n + 1];
    let literal = text.slice(a.end, next.start);
    if (a.trimRight) literal = literal.replace(/^\s+/, "");
    if (next.trimLeft) literal = literal.replace(/\s+$/, "");
    out += literal.replace(/\{\{/g, '{{ "{{" }}');
    if (n + 1 === block.length - 1) break;
    if (isComment(next.body)) continue;
    const ref = new RegExp(String.raw`^\$(${keyVar}|${valueVar})((?:\s*\|\s*\w+)*)$`).exec(next.body);
    if (!ref) return undefined;
    const pipes = ref[2].split("|").map((p) => p.trim()).filter(Boolean).map((p) => PIPES[p] ?? (Object.values(PIPES).includes(p) ? p : undefined));
    if (pipes.some((p) => p === undefined)) return undefined;
    out += `{{ $${ref[1] === keyVar ? "k" : "v"}${pipes.map((p) => ` | ${p}`).join("")} }}`;
  }
  return out;
}

/** `{{ $k }}={{ $v }}` on a line of its own, as an env file has it (`export`, quotes allowed, no pipes). */
const isEnvLine = (body: string): boolean => /^\s*(?:export\s+)?\{\{ \$k \}\}\s*=\s*(["']?)\{\{ \$v \}\}\1\s*$/.test(body);

/** The template with each listed block blanked out (its lines kept, so line numbers stay). */
export function withoutRanges(text: string, ranges: SecretRange[]): string {
  let out = text;
  for (const r of [...ranges].sort((a, b) => b.open.start - a.open.start)) {
    const cut = out.slice(r.open.start, r.end.end);
    out = out.slice(0, r.open.start) + cut.replace(/[^\n]/g, "") + out.slice(r.end.end);
  }
  return out;
}

/** The template with each block replaced by `\u0003<index>\u0003`, its trim markers applied to the text around it. */
export function markRanges(text: string, ranges: SecretRange[]): string {
  let out = text;
  [...ranges].map((r, i) => [r, i] as const).sort((a, b) => b[0].open.start - a[0].open.start).forEach(([r, i]) => {
    const before = r.open.trimLeft ? out.slice(0, r.open.start).replace(/\s+$/, "") : out.slice(0, r.open.start);
    const after = r.end.trimRight ? out.slice(r.end.end).replace(/^\s+/, "") : out.slice(r.end.end);
    out = `${before}\u0003${i}\u0003${after}`;
  });
  return out;
}

/** The line range of a block, as a report names it. */
export const rangeLines = (r: SecretRange): string => (r.open.line === r.end.line ? `line ${r.open.line}` : `lines ${r.open.line}-${r.end.line}`);
