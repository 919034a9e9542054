// Canonical `terraform fmt` layout for the HCL the templates emit: two-space indentation by
// bracket nesting, `=` aligned across runs of single-line attributes (hclwrite's rules), no
// trailing spaces, at most one blank line and none just inside braces. Heredoc bodies are
// left exactly as they are.

interface Line {
  text: string; // trimmed; "" for blank
  indent: number;
  keyWidth?: number; // set when the line is a one-line attribute assignment
  verbatim?: boolean;
}

/** The renderer produced text that cannot be valid HCL (a nomad2k8s bug, reported as such). */
export class LayoutError extends Error {}

export function layoutHcl(input: string): string {
  const lines: Line[] = [];
  const stack: number[] = [];
  let heredocEnd: string | null = null;
  for (const raw of input.split("\n")) {
    if (heredocEnd !== null) {
      if (raw.trim() === heredocEnd) {
        heredocEnd = null;
        lines.push({ text: raw.trim(), indent: 0, verbatim: true });
      } else lines.push({ text: raw, indent: 0, verbatim: true });
      continue;
    }
    const text = raw.trim();
    if (text === "") {
      lines.push({ text: "", indent: 0 });
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
    lines.push({ text, indent, keyWidth: scan.assignAt !== undefined ? text.slice(0, scan.assignAt).trimEnd().length : undefined });
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
      out.push(l.verbatim ? l.text : l.text === "" ? "" : "  ".repeat(l.indent) + l.text);
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
      const rest = l.text.slice(l.keyWidth).replace(/^\s*=\s*/, "");
      const pad = width - (l.keyWidth! + 2 * l.indent);
      out.push(`${"  ".repeat(l.indent)}${k}${" ".repeat(pad + 1)}= ${rest}`.trimEnd());
    }
  }
  return out.join("\n") + "\n";
}

/**
 * Net bracket change of a line (strings skipped, `${`…`}` inside them balance out), where a
 * one-line assignment's `=` is, and a heredoc opener at the end.
 */
function scanLine(text: string): { net: number; assignAt?: number; heredoc: string | null } {
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
          if (m) return { net, assignAt: assignAt >= 0 && netAfterAssign === 0 ? assignAt : undefined, heredoc: m[1] };
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
  return { net, assignAt: assignAt >= 0 && netAfterAssign === 0 ? assignAt : undefined, heredoc: null };
}

const HEREDOC = /^<<-?([A-Za-z_][A-Za-z0-9_]*)$/;
const [QUOTE, BACKSLASH, DOLLAR, PERCENT, LBRACE, RBRACE, LBRACK, RBRACK, LPAREN, RPAREN, HASH, SLASH, LT, GT, EQUALS, BANG] = Array.from('"\\$%{}[]()#/<>=!', (ch) => ch.charCodeAt(0));
