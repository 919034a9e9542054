// Go text/template as Nomad (consul-template) reads it: actions between the template's
// delimiters, `{{-`/`-}}` trim markers, comments and quoted strings. Enough to render what
// needs no lookup (literal strings, comments, known env values) as Nomad would.

export interface Delims {
  left: string;
  right: string;
}

export const GO_DELIMS: Delims = { left: "{{", right: "}}" };

export interface Action {
  /** Text between the delimiters, without trim markers, trimmed. */
  body: string;
  /** The action as written, delimiters included. */
  raw: string;
  start: number;
  end: number;
  trimLeft: boolean;
  trimRight: boolean;
  line: number;
}

/** Every action of a template, in order; an unclosed action ends the scan (the rest is text). */
export function scanActions(text: string, d: Delims = GO_DELIMS): Action[] {
  const out: Action[] = [];
  let from = 0;
  let line = 1;
  let counted = 0;
  for (;;) {
    const start = text.indexOf(d.left, from);
    if (start < 0) break;
    let p = start + d.left.length;
    let trimLeft = false;
    if (text[p] === "-" && /\s/.test(text[p + 1] ?? "")) {
      trimLeft = true;
      p++;
    }
    const end = closingDelim(text, p, d.right);
    if (end < 0) break;
    let inner = text.slice(p, end);
    let trimRight = false;
    if (/\s-$/.test(inner)) {
      trimRight = true;
      inner = inner.slice(0, -1);
    }
    for (; counted < start; counted++) if (text.charCodeAt(counted) === 10) line++;
    out.push({ body: inner.trim(), raw: text.slice(start, end + d.right.length), start, end: end + d.right.length, trimLeft, trimRight, line });
    from = end + d.right.length;
  }
  return out;
}

/** Index of the right delimiter closing an action body that starts at `p`, skipping strings and comments. */
function closingDelim(text: string, p: number, right: string): number {
  let q = p;
  while (q < text.length) {
    const c = text[q];
    if (c === '"' || c === "'") {
      q++;
      while (q < text.length && text[q] !== c && text[q] !== "\n") q += text[q] === "\\" ? 2 : 1;
      q++;
    } else if (c === "`") {
      const e = text.indexOf("`", q + 1);
      q = e < 0 ? text.length : e + 1;
    } else if (text.startsWith("/*", q)) {
      const e = text.indexOf("*/", q + 2);
      q = e < 0 ? text.length : e + 2;
    } else if (text.startsWith(right, q)) return q;
    else q++;
  }
  return -1;
}

/** The value of an action that is one string literal (`{{ "{{" }}`, `` {{`x`}} ``), else undefined. */
export function literalValue(body: string): string | undefined {
  if (/^`[^`]*`$/.test(body)) return body.slice(1, -1);
  if (/^"(?:[^"\\\n]|\\.)*"$/.test(body)) {
    try {
      return JSON.parse(body.replace(/\\'/g, "'")) as string;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export const isComment = (body: string): boolean => body.startsWith("/*") && body.endsWith("*/");

/**
 * Rewrites a template action by action. `fn` returns the text an action renders to (trim
 * markers then apply to the text around it), undefined to keep the action as written, or
 * null when the template cannot be rewritten at all.
 */
export function rewriteActions(text: string, d: Delims, fn: (a: Action) => string | undefined | null): string | null {
  const pieces: { text: string; literal: boolean }[] = [];
  let last = 0;
  let trimNext = false;
  for (const a of scanActions(text, d)) {
    let literal = text.slice(last, a.start);
    if (trimNext) literal = literal.replace(/^\s+/, "");
    trimNext = false;
    last = a.end;
    const r = fn(a);
    if (r === null) return null;
    if (r === undefined) {
      pieces.push({ text: literal, literal: true }, { text: a.raw, literal: false });
      continue;
    }
    if (a.trimLeft) literal = literal.replace(/\s+$/, "");
    pieces.push({ text: literal, literal: true }, { text: r, literal: false });
    trimNext = a.trimRight;
  }
  let rest = text.slice(last);
  if (trimNext) rest = rest.replace(/^\s+/, "");
  return pieces.map((p) => p.text).join("") + rest;
}

/**
 * What Nomad renders for the parts of a template that need no lookup: literal strings,
 * comments and the env values `env` knows. Other actions are kept as written.
 */
export function renderStatic(text: string, d: Delims, env: (name: string) => string | undefined): string {
  return rewriteActions(text, d, (a) => {
    if (isComment(a.body)) return "";
    const lit = literalValue(a.body);
    if (lit !== undefined) return lit;
    const e = /^env\s+"([^"]+)"$/.exec(a.body);
    if (e) return env(e[1]);
    return undefined;
  })!;
}
