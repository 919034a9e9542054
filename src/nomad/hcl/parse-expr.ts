import type { Node, TplPart } from "./ast.js";
import { EvalError } from "./value.js";

/** Parses one HCL2 expression (the text inside `${…}` as hcl2json leaves it). */
export function parseExpression(src: string): Node {
  const p = new Parser(src);
  const e = p.expr();
  p.ws();
  if (!p.end()) p.fail(`unexpected "${src.slice(p.i, p.i + 10)}"`);
  return e;
}

/**
 * Parses a template string. `escapes`: whether backslash escapes are still in the text
 * (quoted strings inside expressions) or already decoded (strings hcl2json gives).
 */
export function parseTemplate(src: string, escapes = false): TplPart[] {
  const p = new Parser(src);
  const parts = p.template(escapes, null);
  return parts;
}

const OPS: [string[], number][] = [
  [["||"], 1],
  [["&&"], 2],
  [["==", "!="], 3],
  [["<=", ">=", "<", ">"], 4],
  [["+", "-"], 5],
  [["*", "/", "%"], 6],
];

type Flat = { k: "text"; text: string } | { k: "interp"; e: Node; strip: [boolean, boolean] } | { k: "dir"; words: string; node?: Node; names?: string[]; strip: [boolean, boolean] };

class Parser {
  i = 0;
  constructor(readonly s: string) {}

  end(): boolean {
    return this.i >= this.s.length;
  }
  fail(msg: string): never {
    throw new EvalError(`cannot parse expression: ${msg}`, "N2K-HCL-001");
  }
  ws(): void {
    for (;;) {
      const c = this.s[this.i];
      if (c === " " || c === "\t" || c === "\n" || c === "\r") this.i++;
      else if (c === "#" || (c === "/" && this.s[this.i + 1] === "/")) while (!this.end() && this.s[this.i] !== "\n") this.i++;
      else if (c === "/" && this.s[this.i + 1] === "*") {
        const close = this.s.indexOf("*/", this.i + 2);
        this.i = close < 0 ? this.s.length : close + 2;
      } else return;
    }
  }
  peek(t: string): boolean {
    this.ws();
    return this.s.startsWith(t, this.i);
  }
  eat(t: string): boolean {
    if (!this.peek(t)) return false;
    this.i += t.length;
    return true;
  }
  expect(t: string): void {
    if (!this.eat(t)) this.fail(`expected "${t}" at "${this.s.slice(this.i, this.i + 10)}"`);
  }
  ident(): string | undefined {
    this.ws();
    const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(this.s.slice(this.i));
    if (!m) return undefined;
    this.i += m[0].length;
    return m[0];
  }
  /** A keyword only where it stands alone (`for`, `in`, `if`). */
  keyword(w: string): boolean {
    this.ws();
    const at = this.i;
    if (this.ident() === w) return true;
    this.i = at;
    return false;
  }
  src(from: number): string {
    return this.s.slice(from, this.i).trim();
  }

  expr(): Node {
    this.ws();
    const start = this.i;
    const c = this.binary(1);
    if (this.peek("?")) {
      this.i++;
      const a = this.expr();
      this.expect(":");
      const b = this.expr();
      return { t: "cond", c, a, b, src: this.src(start) };
    }
    return c;
  }

  binary(level: number): Node {
    if (level > OPS.length) return this.unary();
    this.ws();
    const start = this.i;
    let l = this.binary(level + 1);
    for (;;) {
      this.ws();
      // Longest operator first, so `<=` is not read as `<`.
      const op = OPS[level - 1][0].find((o) => this.s.startsWith(o, this.i));
      if (!op) return l;
      this.i += op.length;
      const r = this.binary(level + 1);
      l = { t: "bin", op, l, r, src: this.src(start) };
    }
  }

  unary(): Node {
    this.ws();
    const start = this.i;
    if (this.s[this.i] === "!" && this.s[this.i + 1] !== "=") {
      this.i++;
      return { t: "un", op: "!", e: this.unary(), src: this.src(start) };
    }
    if (this.s[this.i] === "-" && !/[0-9]/.test(this.s[this.i + 1] ?? "")) {
      this.i++;
      return { t: "un", op: "-", e: this.unary(), src: this.src(start) };
    }
    return this.postfix(this.primary(), start);
  }

  postfix(base: Node, start: number): Node {
    let node = base;
    for (;;) {
      const at = this.i;
      this.ws();
      if (this.s.startsWith("[*]", this.i) || (this.s.startsWith(".*", this.i) && !/[A-Za-z0-9_]/.test(this.s[this.i + 2] ?? ""))) {
        this.i += this.s[this.i] === "[" ? 3 : 2;
        const itemStart = this.i;
        const each = this.traversal({ t: "item", src: "" }, itemStart);
        node = { t: "splat", obj: node, each, src: this.src(start) };
        continue;
      }
      const next = this.step(node, start);
      if (!next) {
        this.i = at;
        return node;
      }
      node = next;
    }
  }

  /** The attribute and index steps after a splat, applied to each element. */
  traversal(node: Node, start: number): Node {
    for (;;) {
      const at = this.i;
      const next = this.step(node, start);
      if (!next) {
        this.i = at;
        return node;
      }
      node = next;
    }
  }

  step(node: Node, start: number): Node | undefined {
    this.ws();
    if (this.s[this.i] === "." && this.s[this.i + 1] !== "." && this.s[this.i + 1] !== "*") {
      this.i++;
      const m = /^([A-Za-z_][A-Za-z0-9_-]*|\d+)/.exec(this.s.slice(this.i));
      if (!m) this.fail("attribute name expected after '.'");
      this.i += m[0].length;
      if (/^\d+$/.test(m[0])) return { t: "index", obj: node, key: { t: "lit", v: Number(m[0]), src: m[0] }, src: this.src(start) };
      return { t: "attr", obj: node, name: m[0], src: this.src(start) };
    }
    if (this.s[this.i] === "[" && !this.s.startsWith("[*]", this.i)) {
      this.i++;
      const key = this.expr();
      this.expect("]");
      return { t: "index", obj: node, key, src: this.src(start) };
    }
    return undefined;
  }

  primary(): Node {
    this.ws();
    const start = this.i;
    const c = this.s[this.i];
    if (c === undefined) this.fail("unexpected end");
    if (c === '"') {
      this.i++;
      const parts = this.template(true, '"');
      return simplify({ t: "tpl", parts, src: this.src(start) });
    }
    if (c === "<" && this.s[this.i + 1] === "<") return this.heredoc(start);
    if (/[0-9]/.test(c) || (c === "-" && /[0-9]/.test(this.s[this.i + 1] ?? ""))) {
      const m = /^-?(\d+(\.\d+)?([eE][-+]?\d+)?)/.exec(this.s.slice(this.i))!;
      this.i += m[0].length;
      return { t: "lit", v: Number(m[0]), src: m[0] };
    }
    if (c === "(") {
      this.i++;
      const e = this.expr();
      this.expect(")");
      return { ...e, src: this.src(start) };
    }
    if (c === "[") return this.tuple(start);
    if (c === "{") return this.object(start);
    const name = this.ident();
    if (!name) this.fail(`unexpected "${c}"`);
    if (name === "true" || name === "false") return { t: "lit", v: name === "true", src: name };
    if (name === "null") return { t: "lit", v: null, src: name };
    this.ws();
    let fname = name;
    // Provider-namespaced names (`core::upper`) name the same functions.
    while (this.s.startsWith("::", this.i)) {
      this.i += 2;
      fname = this.ident() ?? this.fail("function name expected");
    }
    if (this.s[this.i] === "(") {
      this.i++;
      const args: Node[] = [];
      let expand = false;
      while (!this.eat(")")) {
        args.push(this.expr());
        if (this.eat("...")) expand = true;
        if (!this.eat(",")) {
          this.expect(")");
          break;
        }
      }
      return { t: "call", name: fname, args, expand, src: this.src(start) };
    }
    return { t: "ref", name, src: name };
  }

  heredoc(start: number): Node {
    const m = /^<<(-?)([A-Za-z_][A-Za-z0-9_]*)\r?\n/.exec(this.s.slice(this.i));
    if (!m) this.fail("bad heredoc");
    this.i += m[0].length;
    const endRe = new RegExp(`^[ \\t]*${m[2]}[ \\t]*$`, "m");
    const rest = this.s.slice(this.i);
    const e = endRe.exec(rest);
    if (!e) this.fail("unterminated heredoc");
    let body = rest.slice(0, e.index);
    this.i += e.index + e[0].length;
    if (m[1]) {
      const lines = body.split("\n");
      const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length));
      body = lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0)).join("\n");
    }
    return simplify({ t: "tpl", parts: new Parser(body).template(false, null), src: this.src(start) });
  }

  tuple(start: number): Node {
    this.i++;
    if (this.keyword("for")) return this.forExpr(start, false);
    const items: Node[] = [];
    while (!this.eat("]")) {
      items.push(this.expr());
      if (!this.eat(",")) {
        this.expect("]");
        break;
      }
    }
    return { t: "tuple", items, src: this.src(start) };
  }

  object(start: number): Node {
    this.i++;
    if (this.keyword("for")) return this.forExpr(start, true);
    const items: [Node, Node][] = [];
    while (!this.eat("}")) {
      this.ws();
      const at = this.i;
      let key: Node;
      const name = this.ident();
      if (name && (this.peek("=") || this.peek(":")) && !this.peek("==")) key = { t: "lit", v: name, src: name };
      else {
        this.i = at;
        key = this.expr();
      }
      if (!this.eat("=") && !this.eat(":")) this.fail("expected '=' in object");
      items.push([key, this.expr()]);
      this.eat(",");
    }
    return { t: "object", items, src: this.src(start) };
  }

  forExpr(start: number, object: boolean): Node {
    const a = this.ident() ?? this.fail("name expected after for");
    let key: string | undefined;
    let val = a;
    if (this.eat(",")) {
      key = a;
      val = this.ident() ?? this.fail("name expected after ','");
    }
    if (!this.keyword("in")) this.fail("expected 'in'");
    const coll = this.expr();
    this.expect(":");
    let keyExpr: Node | undefined;
    if (object) {
      keyExpr = this.expr();
      this.expect("=>");
    }
    const valExpr = this.expr();
    const group = object && this.eat("...");
    const cond = this.keyword("if") ? this.expr() : undefined;
    this.expect(object ? "}" : "]");
    return { t: "for", key, val, coll, keyExpr, valExpr, cond, object, group, src: this.src(start) };
  }

  /** Template text up to `close` (a quote) or the end; interpolations and directives parsed. */
  template(escapes: boolean, close: string | null): TplPart[] {
    const flat: Flat[] = [];
    let text = "";
    const flush = () => {
      if (text) flat.push({ k: "text", text });
      text = "";
    };
    for (;;) {
      if (this.end()) {
        if (close) this.fail("unterminated string");
        break;
      }
      const c = this.s[this.i];
      if (close && c === close) {
        this.i++;
        break;
      }
      if ((c === "$" || c === "%") && this.s[this.i + 1] === c && this.s[this.i + 2] === "{") {
        text += c + "{";
        this.i += 3;
        continue;
      }
      if ((c === "$" || c === "%") && this.s[this.i + 1] === "{") {
        flush();
        this.i += 2;
        const lstrip = this.s[this.i] === "~";
        if (lstrip) this.i++;
        if (c === "$") {
          const e = this.expr();
          this.ws();
          const rstrip = this.eat("~");
          this.expect("}");
          flat.push({ k: "interp", e, strip: [lstrip, rstrip] });
        } else flat.push(this.directive(lstrip));
        continue;
      }
      if (escapes && c === "\\") {
        const n = this.s[this.i + 1];
        const map: Record<string, string> = { n: "\n", t: "\t", r: "\r", '"': '"', "\\": "\\" };
        if (n in map) {
          text += map[n];
          this.i += 2;
        } else if (n === "u" || n === "U") {
          const len = n === "u" ? 4 : 8;
          text += String.fromCodePoint(parseInt(this.s.slice(this.i + 2, this.i + 2 + len), 16));
          this.i += 2 + len;
        } else this.fail(`invalid escape \\${n}`);
        continue;
      }
      text += c;
      this.i++;
    }
    flush();
    return buildTemplate(applyStrip(flat), this);
  }

  directive(lstrip: boolean): Flat {
    this.ws();
    const word = this.ident() ?? this.fail("template directive expected");
    let node: Node | undefined;
    let names: string[] | undefined;
    if (word === "if") node = this.expr();
    else if (word === "for") {
      const a = this.ident() ?? this.fail("name expected after for");
      names = this.eat(",") ? [a, this.ident() ?? this.fail("name expected")] : [a];
      if (!this.keyword("in")) this.fail("expected 'in'");
      node = this.expr();
    } else if (!["else", "endif", "endfor"].includes(word)) this.fail(`unknown template directive ${word}`);
    this.ws();
    const rstrip = this.eat("~");
    this.expect("}");
    return { k: "dir", words: word, node, names, strip: [lstrip, rstrip] };
  }
}

function applyStrip(flat: Flat[]): Flat[] {
  flat.forEach((f, i) => {
    if (f.k === "text") return;
    const prev = flat[i - 1];
    const next = flat[i + 1];
    if (f.strip[0] && prev?.k === "text") prev.text = prev.text.replace(/[ \t\r\n]+$/, "");
    if (f.strip[1] && next?.k === "text") next.text = next.text.replace(/^[ \t\r\n]+/, "");
  });
  return flat;
}

function buildTemplate(flat: Flat[], p: Parser): TplPart[] {
  let i = 0;
  const seq = (stops: string[]): TplPart[] => {
    const out: TplPart[] = [];
    while (i < flat.length) {
      const f = flat[i];
      if (f.k === "text") out.push({ k: "text", text: f.text });
      else if (f.k === "interp") out.push({ k: "interp", e: f.e });
      else if (stops.includes(f.words)) return out;
      else if (f.words === "if") {
        i++;
        const then = seq(["else", "endif"]);
        let els: TplPart[] = [];
        if (flat[i]?.k === "dir" && (flat[i] as { words: string }).words === "else") {
          i++;
          els = seq(["endif"]);
        }
        if ((flat[i] as { words?: string })?.words !== "endif") p.fail("%{if} without %{endif}");
        out.push({ k: "if", c: f.node!, then, else: els });
      } else if (f.words === "for") {
        i++;
        const body = seq(["endfor"]);
        if ((flat[i] as { words?: string })?.words !== "endfor") p.fail("%{for} without %{endfor}");
        const [a, b] = f.names!;
        out.push(b ? { k: "for", key: a, val: b, coll: f.node!, body } : { k: "for", val: a, coll: f.node!, body });
      } else p.fail(`unexpected %{${f.words}}`);
      i++;
    }
    if (stops.length) p.fail(`missing %{${stops[stops.length - 1]}}`);
    return out;
  };
  return seq([]);
}

/** `"text"` is a literal; `"${x}"` is x itself (keeping its type), as HCL does. */
function simplify(n: Extract<Node, { t: "tpl" }>): Node {
  if (n.parts.length === 0) return { t: "lit", v: "", src: n.src };
  if (n.parts.length === 1 && n.parts[0].k === "text") return { t: "lit", v: n.parts[0].text, src: n.src };
  return n;
}
