import type { Diagnostics } from "../diagnostics.js";
import { evalNode, needs, type EvalEnv } from "./hcl/eval-expr.js";
import { parseTemplate } from "./hcl/parse-expr.js";
import { EvalError, isObject, isUnknown, RUNTIME_CLOSE, RUNTIME_OPEN, RuntimeOnly, type Unknown, type Value } from "./hcl/value.js";
import { joinTemplate, MODULE_REF, splitTemplate, type TemplatePart } from "./template-string.js";

/** A value in the model: strings in template form (`${…}` runtime parts, `$${` for literal text). */
export type HclValue = string | number | boolean | null | HclValue[] | { [k: string]: HclValue };

/** What HCL2 expressions of one file can see; see scope.ts. */
export type Scope = EvalEnv;

/**
 * Evaluates the HCL2 expressions hcl2json leaves as `${…}` strings inside a raw value.
 * Nomad runtime interpolations (NOMAD_*, node.*, attr.*, meta.*) stay in template form for
 * the plan stage; job variables without a value become module-input references
 * (`${<MODULE_REF>var.x}`); what cannot be evaluated is reported, never dropped.
 */
export function evaluate(value: unknown, scope: Scope, diags: Diagnostics, path: string, it: Iter = new Map()): HclValue {
  if (typeof value === "string") return evaluateString(value, scope, diags, path, it);
  // Blocks come as one-element lists; their paths read like the Reader's (no [0]).
  if (Array.isArray(value)) return value.map((v, i) => (isLiteral(v) ? ((v ?? null) as HclValue) : evaluate(v, scope, diags, value.length === 1 && v && typeof v === "object" ? path : `${path}[${i}]`, it)));
  if (value && typeof value === "object") {
    const out: Record<string, HclValue> = {};
    // Made only for a `dynamic` key (rare): most objects of every job have none.
    let generated: Record<string, HclValue> | undefined;
    for (const k of Object.keys(value)) {
      const v = (value as Record<string, unknown>)[k];
      if (k === "dynamic" && v && typeof v === "object" && !Array.isArray(v) && expandDynamic(v as Record<string, unknown>, (generated ??= {}), scope, diags, path, it)) continue;
      out[k] = isLiteral(v) ? ((v ?? null) as HclValue) : evaluate(v, scope, diags, `${path}.${k}`, it);
    }
    if (!generated) return out;
    // Generated blocks follow the ones written out.
    for (const [k, g] of Object.entries(generated)) {
      const have = out[k];
      // The blocks written out are now numbered among the generated ones; they are read all the same.
      if (have !== undefined) scope.expanded?.push(`${path}.${k}`);
      if (Array.isArray(g)) out[k] = [...(Array.isArray(have) ? have : have ? [have] : []), ...g];
      else out[k] = { ...(have && typeof have === "object" && !Array.isArray(have) ? have : {}), ...(g as Record<string, HclValue>) };
    }
    return out;
  }
  return (value ?? null) as HclValue;
}

/**
 * A value evaluate() returns as it is (`?? null` aside): a number, bool or null, or a string
 * with no `${` or `%{`. Checked before the recursive call so that the path of every such key
 * (most of a job) is never built: it is only read when a diagnostic is made.
 */
function isLiteral(v: unknown): boolean {
  if (typeof v === "string") return !v.includes("${") && !v.includes("%{");
  return v === null || typeof v !== "object";
}

type Iter = Map<string, Value>;

/**
 * `dynamic "label" { for_each, iterator, labels, content }` → the blocks it generates, added to
 * `out` as if written out. A for_each that needs a job variable without value fails (it decides
 * the module's shape). Returns false when a block is not in the expected form (left to report).
 */
function expandDynamic(blocks: Record<string, unknown>, out: Record<string, HclValue>, scope: Scope, diags: Diagnostics, path: string, it: Iter): boolean {
  for (const [label, defs] of Object.entries(blocks)) {
    for (const def of (Array.isArray(defs) ? defs : [defs]) as Record<string, unknown>[]) {
      if (!def || typeof def !== "object" || def.for_each === undefined || def.content === undefined) return false;
      const where = `${path}.dynamic.${label}`;
      scope.expanded?.push(where);
      let coll: Value;
      try {
        coll = typeof def.for_each === "string" ? evaluateIn(def.for_each, scope, it) : (def.for_each as Value);
        if (isUnknown(coll)) throw needs(coll, `dynamic "${label}" for_each`);
      } catch (err) {
        if (!(err instanceof EvalError)) throw err;
        if (/^fileset\(\): cannot list/.test(err.message) && typeof def.for_each === "string") {
          filesetStep(diags, label, def.for_each, "its folder next to the job file cannot be read", where);
          continue;
        }
        diags.error(err.code === "N2K-HCL-001" ? "N2K-HCL-006" : err.code, `dynamic "${label}": ${err.message}`, { path: where });
        continue;
      }
      const entries: [Value, Value][] = Array.isArray(coll) ? coll.map((v, i) => [i, v]) : isObject(coll) ? Object.keys(coll).sort().map((k) => [k, coll[k]]) : [];
      if (!entries.length && typeof def.for_each === "string") filesetStep(diags, label, def.for_each, "no file next to the job file matches it", where);
      const name = typeof def.iterator === "string" ? def.iterator.replace(/^\$\{|\}$/g, "") : label;
      const content = (Array.isArray(def.content) ? def.content[0] : def.content) as Record<string, unknown>;
      for (const [k, v] of entries) {
        const inner: Iter = new Map([...it, [name, { key: k, value: v }]]);
        const block = evaluate(content, scope, diags, where, inner);
        const labels = def.labels === undefined ? [] : (evaluate(def.labels, scope, diags, `${where}.labels`, inner) as HclValue[]);
        if (labels.length) {
          const byLabel = ((out[label] ??= {}) as Record<string, HclValue>);
          const key = String(labels[0]);
          byLabel[key] = [...((byLabel[key] as HclValue[] | undefined) ?? []), block];
        } else out[label] = [...((out[label] as HclValue[] | undefined) ?? []), block];
      }
    }
  }
  return true;
}

/**
 * A `dynamic` block over fileset() that generates nothing: on Nomad the files were next to the
 * job; here the blocks they made (templates the app reads) would silently vanish.
 */
function filesetStep(diags: Diagnostics, label: string, forEach: string, why: string, path: string): void {
  const calls = [...forEach.matchAll(/fileset\(([^()]*(?:\([^()]*\)[^()]*)*)\)/g)].map((m) => `fileset(${m[1].trim()})`);
  if (!calls.length) return;
  diags.manual("N2K-HCL-011", `dynamic "${label}" over ${calls.join(", ")} generates no block: ${why}`, {
    path,
    blocking: true,
    hint: `put the files ${calls.length > 1 ? "these globs match" : "this glob matches"} next to the job file and convert again, or write the ${label} blocks out in the job`,
  });
}

function evaluateIn(raw: string, scope: Scope, it: Iter): Value {
  const parts = parseTemplate(raw, false);
  if (parts.length === 1 && parts[0].k === "interp") return evalNode(parts[0].e, scope, it);
  return evalNode({ t: "tpl", parts, src: raw }, scope, it);
}

/** A raw string (as hcl2json gives it) evaluated to a Value; errors are thrown. */
export function evaluateRaw(value: unknown, scope: Scope): Value {
  if (typeof value === "string") {
    if (!value.includes("${") && !value.includes("%{")) return unescape(value);
    const parts = parseTemplate(value, false);
    if (parts.length === 1 && parts[0].k === "interp") return evalNode(parts[0].e, scope, new Map());
    return evalNode({ t: "tpl", parts, src: value }, scope, new Map());
  }
  if (Array.isArray(value)) return value.map((v) => evaluateRaw(v, scope));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, evaluateRaw(v, scope)]));
  return (value ?? null) as Value;
}

function unescape(s: string): string {
  return s.replace(/\$\$\{/g, "${").replace(/%%\{/g, "%{");
}

function evaluateString(s: string, scope: Scope, diags: Diagnostics, path: string, it: Iter): HclValue {
  if (!s.includes("${") && !s.includes("%{")) return s;
  let parts;
  try {
    parts = parseTemplate(s, false);
  } catch (err) {
    diags.warn("N2K-HCL-001", `${(err as Error).message}; kept as text`, { path });
    return s;
  }
  // A string that is exactly one interpolation keeps the referenced value's type.
  if (parts.length === 1 && parts[0].k === "interp") {
    const e = parts[0].e;
    return attempt(() => toTemplateForm(evalNode(e, scope, it)), `\${${e.src}}`, diags, path);
  }
  let out = "";
  for (const p of parts) {
    if (p.k === "text") out += joinTemplate([{ kind: "text", text: p.text }]);
    else {
      const src = p.k === "interp" ? `\${${p.e.src}}` : s;
      const v = attempt(() => {
        const r = evalNode({ t: "tpl", parts: [p], src }, scope, it);
        return toTemplateForm(r);
      }, src, diags, path);
      if (p.k !== "interp" && v === s) return s;
      out += v;
    }
  }
  return out;
}

function attempt(f: () => HclValue, fallback: string, diags: Diagnostics, path: string): HclValue {
  try {
    return f();
  } catch (err) {
    if (err instanceof RuntimeOnly) return fallback;
    if (!(err instanceof EvalError)) throw err;
    if (err.code === "N2K-HCL-001") diags.warn(err.code, `${fallback}: ${err.message}; kept as text`, { path });
    else diags.error(err.code, `${fallback}: ${err.message}`, { path, ...(err.code === "N2K-HCL-004" ? { hint: "the module cannot take this as an input" } : {}) });
    return fallback;
  }
}

/** An evaluated value → the model's template form. */
export function toTemplateForm(v: Value): HclValue {
  if (isUnknown(v)) return unknownForm(v);
  if (typeof v === "string") return stringForm(v);
  if (Array.isArray(v)) return v.map(toTemplateForm);
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toTemplateForm(x)]));
  return v;
}

const RUNTIME = new RegExp(`${RUNTIME_OPEN}([^${RUNTIME_CLOSE}]*)${RUNTIME_CLOSE}`, "g");

function stringForm(s: string): string {
  const parts: TemplatePart[] = [];
  let at = 0;
  for (const m of s.matchAll(RUNTIME)) {
    if (m.index > at) parts.push({ kind: "text", text: s.slice(at, m.index) });
    parts.push({ kind: "interp", expr: m[1] });
    at = m.index + m[0].length;
  }
  if (at < s.length) parts.push({ kind: "text", text: s.slice(at) });
  return joinTemplate(parts);
}

function unknownForm(u: Unknown): string {
  if (u.parts) return u.parts.map((p) => (typeof p === "string" ? stringForm(p) : unknownForm(p))).join("");
  return `\${${MODULE_REF}${u.tf}}`;
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
