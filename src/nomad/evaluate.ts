import type { Diagnostics } from "../diagnostics.js";
import { joinTemplate, splitTemplate, type TemplatePart } from "./template-string.js";

export type HclValue = string | number | boolean | null | HclValue[] | { [k: string]: HclValue };

/** Values in scope are literal (a `${` in them is text); evaluated strings are template form. */
export interface Scope {
  vars: Record<string, HclValue>;
  locals: Record<string, HclValue>;
  /** `file(path)`: the CLI reads files relative to the job file; the library itself does no I/O. */
  readFile?: (path: string) => string | undefined;
}

const UNRESOLVED = Symbol("unresolved");
type Result = HclValue | typeof UNRESOLVED;

/**
 * Evaluates HCL2 `var.*` / `local.*` references and a few pure functions inside a raw value.
 * Runtime interpolations (NOMAD_*, node.*, attr.*, meta.*) stay in template form for later
 * stages; anything that names var/local but cannot be evaluated is reported, never dropped.
 */
export function evaluate(value: unknown, scope: Scope, diags: Diagnostics, path: string): HclValue {
  if (typeof value === "string") return evaluateString(value, scope, diags, path);
  // Blocks come as one-element lists; their paths read like the Reader's (no [0]).
  if (Array.isArray(value)) return value.map((v, i) => evaluate(v, scope, diags, value.length === 1 && v && typeof v === "object" ? path : `${path}[${i}]`));
  if (value && typeof value === "object") {
    const out: Record<string, HclValue> = {};
    for (const [k, v] of Object.entries(value)) out[k] = evaluate(v, scope, diags, `${path}.${k}`);
    return out;
  }
  return (value ?? null) as HclValue;
}

function evaluateString(s: string, scope: Scope, diags: Diagnostics, path: string): HclValue {
  if (!s.includes("${") && !s.includes("%{")) return s;
  const parts = splitTemplate(s);
  // A string that is exactly one interpolation keeps the referenced value's type.
  if (parts.length === 1 && parts[0].kind === "interp") {
    const r = evalExpr(parts[0].expr, scope);
    if (r !== UNRESOLVED) return toTemplateForm(r);
  }
  const out: TemplatePart[] = [];
  for (const p of parts) {
    if (p.kind === "text") {
      out.push(p);
      continue;
    }
    if (p.kind === "directive") {
      diags.warn("N2K-HCL-002", `template directive %{${p.expr}} cannot be evaluated; kept as text`, { path });
      out.push(p);
      continue;
    }
    const r = evalExpr(p.expr, scope);
    if (r !== UNRESOLVED && (typeof r === "string" || typeof r === "number" || typeof r === "boolean")) {
      // The evaluated text is literal, so re-split it to keep escapes consistent.
      out.push({ kind: "text", text: String(r) });
    } else {
      if (/\b(var|local)\./.test(p.expr) || /^[a-z_]+\(/.test(p.expr)) {
        diags.warn("N2K-HCL-001", `expression \${${p.expr}} cannot be evaluated; kept as text`, { path, hint: "pass the value with --var or simplify the expression" });
      }
      out.push(p);
    }
  }
  return joinTemplate(mergeText(out));
}

/** Literal value → the escaped template form every later stage expects of strings. */
export function toTemplateForm(v: HclValue): HclValue {
  if (typeof v === "string") return joinTemplate([{ kind: "text", text: v }]);
  if (Array.isArray(v)) return v.map(toTemplateForm);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toTemplateForm(x)]));
  return v;
}

/** Template-form value with no interpolation left → its literal text (else unchanged). */
export function toLiteral(v: HclValue): HclValue {
  if (typeof v === "string") {
    const parts = splitTemplate(v);
    return parts.every((p) => p.kind === "text") ? parts.map((p) => (p as { text: string }).text).join("") : v;
  }
  if (Array.isArray(v)) return v.map(toLiteral);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toLiteral(x)]));
  return v;
}

function mergeText(parts: TemplatePart[]): TemplatePart[] {
  const out: TemplatePart[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (p.kind === "text" && last?.kind === "text") last.text += p.text;
    else out.push({ ...p });
  }
  return out;
}

// ---- a tiny expression evaluator: references, literals, and pure string functions ----

const FUNCTIONS: Record<string, (args: HclValue[], scope: Scope) => HclValue> = {
  file: ([path], scope) => scope.readFile?.(String(path)) ?? UNRESOLVED_VALUE(),
  lower: ([s]) => String(s).toLowerCase(),
  upper: ([s]) => String(s).toUpperCase(),
  trimspace: ([s]) => String(s).trim(),
  join: ([sep, list]) => (Array.isArray(list) ? list.map(String).join(String(sep)) : UNRESOLVED_VALUE()),
  replace: ([s, from, to]) => String(s).split(String(from)).join(String(to)),
  format: ([f, ...rest]) => {
    let i = 0;
    return String(f).replace(/%[sd%]/g, (m) => (m === "%%" ? "%" : String(rest[i++])));
  },
  concat: (lists) => lists.flatMap((l) => (Array.isArray(l) ? l : [l])),
  tostring: ([s]) => String(s),
  tonumber: ([s]) => Number(s),
};

function UNRESOLVED_VALUE(): never {
  throw new EvalError("unresolved");
}

export function evalExpr(expr: string, scope: Scope): Result {
  // Runtime names (NOMAD_*, node.*, attr.*) are the common case: no need to parse them.
  if (!/^\s*(var\.|local\.|[a-z_]+\s*\(|"|\[|-?\d|true\b|false\b)/.test(expr)) return UNRESOLVED;
  try {
    const p = new ExprParser(expr.trim(), scope);
    const v = p.parseExpr();
    p.skipWs();
    return p.atEnd() ? v : UNRESOLVED;
  } catch {
    return UNRESOLVED;
  }
}

class ExprParser {
  private i = 0;
  constructor(
    private readonly s: string,
    private readonly scope: Scope,
  ) {}
  atEnd(): boolean {
    return this.i >= this.s.length;
  }
  skipWs(): void {
    while (/\s/.test(this.s[this.i] ?? "")) this.i++;
  }
  parseExpr(): HclValue {
    this.skipWs();
    const c = this.s[this.i];
    if (c === '"') return this.parseString();
    if (/[0-9-]/.test(c)) {
      const m = /^-?\d+(\.\d+)?/.exec(this.s.slice(this.i));
      if (!m) UNRESOLVED_VALUE();
      this.i += m![0].length;
      return Number(m![0]);
    }
    if (c === "[") {
      this.i++;
      return this.parseList("]");
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(this.s.slice(this.i));
    if (!ident) UNRESOLVED_VALUE();
    const name = ident![0];
    this.i += name.length;
    if (name === "true" || name === "false") return name === "true";
    this.skipWs();
    if (this.s[this.i] === "(") {
      this.i++;
      const args = this.parseList(")");
      const fn = FUNCTIONS[name];
      if (!fn) UNRESOLVED_VALUE();
      return this.parseTraversal(fn(args, this.scope));
    }
    let root: Record<string, HclValue>;
    if (name === "var") root = this.scope.vars;
    else if (name === "local") root = this.scope.locals;
    else UNRESOLVED_VALUE();
    if (this.s[this.i] !== ".") UNRESOLVED_VALUE();
    return this.parseTraversal(root! as HclValue);
  }
  /** Comma-separated expressions up to `close` (already past the opener). */
  private parseList(close: string): HclValue[] {
    const items: HclValue[] = [];
    for (;;) {
      this.skipWs();
      if (this.atEnd()) UNRESOLVED_VALUE();
      if (this.s[this.i] === close) {
        this.i++;
        return items;
      }
      items.push(this.parseExpr());
      this.skipWs();
      if (this.s[this.i] === ",") this.i++;
    }
  }

  private parseTraversal(value: HclValue): HclValue {
    for (;;) {
      if (this.s[this.i] === ".") {
        this.i++;
        const m = /^[A-Za-z0-9_-]+/.exec(this.s.slice(this.i));
        if (!m) UNRESOLVED_VALUE();
        this.i += m![0].length;
        value = index(value, m![0]);
      } else if (this.s[this.i] === "[") {
        this.i++;
        const key = this.parseExpr();
        this.skipWs();
        if (this.s[this.i] !== "]") UNRESOLVED_VALUE();
        this.i++;
        value = index(value, key);
      } else return value;
    }
  }
  private parseString(): HclValue {
    let out = "";
    this.i++;
    while (this.i < this.s.length && this.s[this.i] !== '"') {
      if (this.s[this.i] === "\\") {
        const n = this.s[++this.i];
        out += n === "n" ? "\n" : n === "t" ? "\t" : n;
      } else if (this.s.startsWith("${", this.i)) UNRESOLVED_VALUE();
      else out += this.s[this.i];
      this.i++;
    }
    this.i++;
    return out;
  }
}

function index(value: HclValue, key: HclValue): HclValue {
  if (value && typeof value === "object") {
    const v = (value as Record<string, HclValue>)[String(key)];
    if (v !== undefined) return v;
  }
  return UNRESOLVED_VALUE();
}
