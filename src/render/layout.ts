// Canonical `terraform fmt` layout for the HCL the templates emit: two-space indentation by
// bracket nesting, `=` aligned across runs of single-line attributes (hclwrite's rules), no
// trailing spaces, at most one blank line and none just inside braces. Heredoc bodies are
// left exactly as they are.

// Every Line is built with all four fields, so that each has the same shape (the render
// loop reads them for every line of every module).
interface Line {
  text: string; // trimmed; "" for blank
  indent: number;
  keyWidth: number | undefined; // set when the line is a one-line attribute assignment
  verbatim: boolean;
}

/** The renderer produced text that cannot be valid HCL (a nomad2k8s bug, reported as such). */
export class LayoutError extends Error {}

export function layoutHcl(input: string): string {
  const lines: Line[] = [];
  const stack: number[] = [];
  let heredocEnd: string | null = null;
  // Lines are cut one at a time (no array of every line of the module first).
  for (let at = 0; at <= input.length; ) {
    let end = input.indexOf("\n", at);
    if (end < 0) end = input.length;
    const raw = input.slice(at, end);
    at = end + 1;
    if (heredocEnd !== null) {
      if (raw.trim() === heredocEnd) {
        heredocEnd = null;
        lines.push({ text: raw.trim(), indent: 0, keyWidth: undefined, verbatim: true });
      } else lines.push({ text: raw, indent: 0, keyWidth: undefined, verbatim: true });
      continue;
    }
    const text = raw.trim();
    if (text === "") {
      lines.push({ text: "", indent: 0, keyWidth: undefined, verbatim: false });
      continue;
    }
    const scan = scanLine(text);
    heredocEnd = scan.heredoc;
    let indent: number;
    if (scan.net > 0) {
      indent = stack.length;
      stack.push(scan.net);
    } else if (scan.net < 0) {
      let closed = -scan.net;
      while (closed > 0 && stack.length) {
        const top = stack[stack.length - 1];
        if (closed >= top) {
          closed -= top;
          stack.pop();
        } else {
          stack[stack.length - 1] -= closed;
          closed = 0;
        }
      }
      indent = stack.length;
    } else indent = stack.length;
    lines.push({ text, indent, keyWidth: scan.assignAt !== undefined ? skipBlankBack(text, scan.assignAt) : undefined, verbatim: false });
  }
  if (heredocEnd !== null) throw new LayoutError(`heredoc ${heredocEnd} is never closed`);
  if (stack.length) throw new LayoutError(`${stack.length} bracket(s) left open`);
  return render(collapseBlank(lines));
}

const OPENERS = "{[(";
const CLOSERS = "}])";

function collapseBlank(lines: Line[]): Line[] {
  const out: Line[] = [];
  for (const l of lines) {
    const prev = out[out.length - 1];
    if (l.text === "" && !l.verbatim) {
      if (!prev || prev.text === "" || (!prev.verbatim && OPENERS.includes(prev.text[prev.text.length - 1]))) continue;
    }
    if (!l.verbatim && CLOSERS.includes(l.text[0])) while (out.length && out[out.length - 1].text === "" && !out[out.length - 1].verbatim) out.pop();
    out.push(l);
  }
  while (out.length && out[out.length - 1].text === "" && !out[out.length - 1].verbatim) out.pop();
  return out;
}

function render(lines: Line[]): string {
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    if (lines[i].keyWidth === undefined) {
      const l = lines[i++];
      out.push(l.verbatim ? l.text : l.text === "" ? "" : indentOf(l.indent) + l.text);
      continue;
    }
    // A chain of assignments; heredoc bodies inside it belong to the line that opened them.
    let j = i;
    let width = 0;
    while (j < lines.length && (lines[j].keyWidth !== undefined || lines[j].verbatim)) {
      if (!lines[j].verbatim) width = Math.max(width, lines[j].keyWidth! + 2 * lines[j].indent);
      j++;
    }
    for (; i < j; i++) {
      const l = lines[i];
      if (l.verbatim) {
        out.push(l.text);
        continue;
      }
      const k = l.text.slice(0, l.keyWidth);
      // The text is trimmed and has its `=` after the key's trailing blanks: the value starts
      // after the blanks that follow it (an empty value leaves no space after `=`).
      const rest = l.text.slice(skipBlank(l.text, skipBlank(l.text, l.keyWidth!) + 1));
      const pad = width - (l.keyWidth! + 2 * l.indent);
      out.push(`${indentOf(l.indent)}${k}${" ".repeat(pad + 1)}=${rest === "" ? "" : ` ${rest}`}`);
    }
  }
  return out.join("\n") + "\n";
}

const INDENTS: string[] = [];
/** Two spaces per level, made once per depth. */
function indentOf(depth: number): string {
  return (INDENTS[depth] ??= "  ".repeat(depth));
}

/** JS `\s`, what trim() and `\s` in a RegExp take as blank. */
function isBlank(c: number): boolean {
  return (c >= 9 && c <= 13) || c === 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

function skipBlank(text: string, from: number): number {
  let i = from;
  while (i < text.length && isBlank(text.charCodeAt(i))) i++;
  return i;
}

/** Length of `text.slice(0, end).trimEnd()`, without the slice. */
function skipBlankBack(text: string, end: number): number {
  let i = end;
  while (i > 0 && isBlank(text.charCodeAt(i - 1))) i--;
  return i;
}

interface Scan {
  net: number;
  assignAt: number | undefined;
  heredoc: string | null;
}
// One result object for every line: the caller reads it before the next scan, and a fresh
// object per line of every module was garbage.
const SCAN: Scan = { net: 0, assignAt: undefined, heredoc: null };
function scanned(net: number, assignAt: number | undefined, heredoc: string | null): Scan {
  SCAN.net = net;
  SCAN.assignAt = assignAt;
  SCAN.heredoc = heredoc;
  return SCAN;
}

/**
 * Net bracket change of a line (strings skipped, `${`…`}` inside them balance out), where a
 * one-line assignment's `=` is, and a heredoc opener at the end.
 */
function scanLine(text: string): Scan {
  let net = 0;
  let assignAt = -1;
  let netAfterAssign = 0;
  let inStr = false;
  let interp = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (inStr) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE && interp === 0) inStr = false;
      else if ((c === DOLLAR || c === PERCENT) && text.charCodeAt(i + 1) === LBRACE && text.charCodeAt(i - 1) !== c) {
        interp++;
        i++;
      } else if (c === RBRACE && interp > 0) interp--;
      continue;
    }
    switch (c) {
      case QUOTE:
        inStr = true;
        break;
      case HASH:
        i = n;
        break;
      case SLASH:
        if (text.charCodeAt(i + 1) === SLASH) i = n;
        break;
      case LT:
        if (text.charCodeAt(i + 1) === LT) {
          const m = HEREDOC.exec(text.slice(i));
          if (m) return scanned(net, assignAt >= 0 && netAfterAssign === 0 ? assignAt : undefined, m[1]);
        }
        break;
      case LBRACE:
      case LBRACK:
      case LPAREN:
        net++;
        if (assignAt >= 0) netAfterAssign++;
        break;
      case RBRACE:
      case RBRACK:
      case RPAREN:
        net--;
        if (assignAt >= 0) netAfterAssign--;
        break;
      case EQUALS: {
        if (assignAt >= 0 || i === 0 || net !== 0) break;
        const prev = text.charCodeAt(i - 1);
        const next = text.charCodeAt(i + 1);
        if (prev !== EQUALS && prev !== BANG && prev !== LT && prev !== GT && next !== EQUALS && next !== GT) assignAt = i;
        break;
      }
    }
  }
  return scanned(net, assignAt >= 0 && netAfterAssign === 0 ? assignAt : undefined, null);
}

const HEREDOC = /^<<-?([A-Za-z_][A-Za-z0-9_]*)$/;
const [QUOTE, BACKSLASH, DOLLAR, PERCENT, LBRACE, RBRACE, LBRACK, RBRACK, LPAREN, RPAREN, HASH, SLASH, LT, GT, EQUALS, BANG] = Array.from('"\\$%{}[]()#/<>=!', (ch) => ch.charCodeAt(0));
