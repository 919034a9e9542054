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
  return render(collapseBlank(lines));
}

function collapseBlank(lines: Line[]): Line[] {
  const out: Line[] = [];
  for (const l of lines) {
    const prev = out[out.length - 1];
    if (l.text === "" && !l.verbatim) {
      if (!prev || prev.text === "" || (!prev.verbatim && /[{[(]$/.test(prev.text))) continue;
    }
    if (!l.verbatim && /^[}\])]/.test(l.text)) while (out.length && out[out.length - 1].text === "" && !out[out.length - 1].verbatim) out.pop();
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
  let assignAt: number | undefined;
  let netAfterAssign = 0;
  let inStr = false;
  let interp = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inStr) {
      if (c === "\\") i++;
      else if (c === '"' && interp === 0) inStr = false;
      else if ((c === "$" || c === "%") && text[i + 1] === "{" && text[i - 1] !== c) {
        interp++;
        i++;
      } else if (c === "}" && interp > 0) interp--;
      continue;
    }
    if (c === '"') inStr = true;
    else if (c === "#" || (c === "/" && text[i + 1] === "/")) break;
    else if (c === "<" && text[i + 1] === "<") {
      const m = /^<<-?([A-Za-z_][A-Za-z0-9_]*)$/.exec(text.slice(i));
      if (m) return { net, assignAt: assignAt !== undefined && netAfterAssign === 0 ? assignAt : undefined, heredoc: m[1] };
    } else if ("{[(".includes(c)) {
      net++;
      if (assignAt !== undefined) netAfterAssign++;
    } else if ("}])".includes(c)) {
      net--;
      if (assignAt !== undefined) netAfterAssign--;
    } else if (c === "=" && assignAt === undefined && i > 0 && !"=!<>".includes(text[i - 1]) && text[i + 1] !== "=" && text[i + 1] !== ">") {
      if (net === 0) assignAt = i;
    }
  }
  return { net, assignAt: assignAt !== undefined && netAfterAssign === 0 ? assignAt : undefined, heredoc: null };
}
