// `{{ if keyExists "k" }}…{{ key "k" }}…{{ else }}…{{ end }}`: on Nomad the branch follows
// whether Consul KV holds the key. Kubernetes has no Consul KV: the key becomes an optional
// module input (default null) and the module picks the branch from it, so the operator who
// sets the key gets the first branch, as on Nomad, and one who does not the `else`.
import { isComment, literalValue, scanActions, type Action, type Delims } from "./go-template-scan.js";
import { moduleRef, quotedTemplate } from "../hcl-value.js";

const OPEN = /^if\s+keyExists\s+("(?:[^"\\]|\\.)*")$/;
// What a branch may hold to be written as Terraform text: Consul reads (module inputs by then),
// comments and literal strings.
const INNER = /^(key|keyOrDefault)\s+"(?:[^"\\]|\\.)*"(\s+("(?:[^"\\]|\\.)*"|`[^`]*`))?$/;
const ENV_HEAD = /^\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_]*\s*=\s*["']?$/;

interface KeyBlock {
  key: string;
  open: Action;
  els?: Action;
  end: Action;
  /** Actions between the opener and `end`, `else` excluded. */
  inner: Action[];
}

/** Top-level `if keyExists "k"` blocks with a literal key and at most a plain `else`, nothing nested. */
function keyBlocks(text: string, d: Delims): KeyBlock[] {
  const actions = scanActions(text, d).filter((a) => !isComment(a.body));
  const out: KeyBlock[] = [];
  for (let i = 0; i < actions.length; i++) {
    const m = OPEN.exec(actions[i].body);
    const key = m && literalValue(m[1]);
    if (key === undefined || key === null) continue;
    const inner: Action[] = [];
    let els: Action | undefined;
    let j = i + 1;
    let nested = false;
    for (; j < actions.length && actions[j].body !== "end"; j++) {
      const b = actions[j].body;
      if (/^(with|if|range|define|block)\b/.test(b) || (/^else\b/.test(b) && (b !== "else" || els))) nested = true;
      if (b === "else") els = actions[j];
      else inner.push(actions[j]);
    }
    if (j >= actions.length) break;
    if (!nested) out.push({ key, open: actions[i], els, end: actions[j], inner });
    i = j;
  }
  return out;
}

/** Whether a block's branches hold only what the module can write (and, in an env file, only a value). */
function isSimple(b: KeyBlock, text: string, env: boolean): boolean {
  if (!b.inner.every((a) => INNER.test(a.body) || literalValue(a.body) !== undefined)) return false;
  if (!env) return true;
  const lineStart = text.lastIndexOf("\n", b.open.start - 1) + 1;
  const lineEnd = text.indexOf("\n", b.end.end);
  return b.open.line === b.end.line && ENV_HEAD.test(text.slice(lineStart, b.open.start)) && /^["']?\s*$/.test(text.slice(b.end.end, lineEnd < 0 ? text.length : lineEnd));
}

/** The openers (`if keyExists "k"`) of the blocks the module decides itself; others are left to the caller. */
export function decidedKeyBlocks(text: string, d: Delims, env: boolean): { openers: Set<string>; keys: string[] } {
  const blocks = keyBlocks(text, d);
  const simple = blocks.filter((b) => isSimple(b, text, env));
  // An opener written twice is decided only when every block it opens is.
  const openers = new Set(simple.map((b) => b.open.body).filter((o) => blocks.every((b) => b.open.body !== o || simple.includes(b))));
  return { openers, keys: [...new Set(simple.filter((b) => openers.has(b.open.body)).map((b) => b.key))] };
}

/**
 * `{{ if keyExists "k" }}` around whole `KEY=VALUE` lines of an env file, without `else`:
 * each line gets its own block (`A={{ if keyExists "k" }}{{ key "k" }}{{ end }}`), which the
 * module writes as a value. The line count stays.
 */
export function spreadKeyBlocks(text: string, d: Delims): string {
  let out = text;
  for (const b of keyBlocks(text, d).reverse()) {
    if (b.els || b.open.line === b.end.line) continue;
    const body = text.slice(b.open.end, b.end.start);
    const lines = body.split("\n");
    const kv = lines.filter((l) => l.trim());
    if (!kv.length || !kv.every((l) => /^\s*(?:export\s+)?[A-Za-z_]\w*\s*=/.test(l))) continue;
    const open = `${d.left} ${b.open.body} ${d.right}`;
    const end = `${d.left} end ${d.right}`;
    const wrap = (v: string) => {
      const q = /^(["'])(.*)\1$/.exec(v);
      return q ? `${q[1]}${open}${q[2]}${end}${q[1]}` : `${open}${v}${end}`;
    };
    const spread = lines.map((l) => (l.trim() ? l.replace(/^(\s*(?:export\s+)?[A-Za-z_]\w*\s*=\s*)(.*?)\s*$/, (_m, head: string, v: string) => head + wrap(v)) : l)).join("\n");
    out = out.slice(0, b.open.start) + spread + out.slice(b.end.end);
  }
  return out;
}

/**
 * Each decided block (its Consul reads already module inputs) becomes one Terraform conditional
 * on the key's input: `${var.k != null ? "<first branch>" : "<else>"}`. `inputOf` gives the input.
 */
export function renderKeyBlocks(text: string, d: Delims, openers: Set<string>, inputOf: (key: string) => string): string {
  let out = text;
  for (const b of keyBlocks(text, d).reverse()) {
    if (!openers.has(b.open.body) || b.inner.length) continue;
    const branch = (from: Action, to: Action) => {
      let s = text.slice(from.end, to.start);
      if (from.trimRight) s = s.replace(/^\s+/, "");
      if (to.trimLeft) s = s.replace(/\s+$/, "");
      return s;
    };
    const then = branch(b.open, b.els ?? b.end);
    const other = b.els ? branch(b.els, b.end) : "";
    const before = b.open.trimLeft ? out.slice(0, b.open.start).replace(/\s+$/, "") : out.slice(0, b.open.start);
    const after = b.end.trimRight ? out.slice(b.end.end).replace(/^\s+/, "") : out.slice(b.end.end);
    const input = `var.${inputOf(b.key)}`;
    out = before + moduleRef(`${input} != null ? ${quotedTemplate(then)} : ${quotedTemplate(other)}`) + after;
  }
  return out;
}
