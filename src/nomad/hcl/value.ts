// Values of the HCL2 evaluator. Strings may carry Nomad runtime interpolations (`${NOMAD_X}`),
// which only Nomad resolves, between RUNTIME_OPEN/RUNTIME_CLOSE marks, so that they survive
// functions such as concat() or format(); `Unknown` is a job variable that has no value when
// converting and becomes a Terraform input of the module.
export type Value = string | number | boolean | null | Value[] | { [k: string]: Value } | Unknown;

export const RUNTIME_OPEN = "\uE002";
export const RUNTIME_CLOSE = "\uE003";

/** A value only Terraform will know: `tf` is its Terraform expression; `parts` a template's pieces. */
export class Unknown {
  constructor(
    readonly tf: string,
    readonly vars: string[],
    readonly parts?: (string | Unknown)[],
  ) {}
}

/** Evaluation stops: an error Nomad would also give (bad type, unknown function). */
export class EvalError extends Error {
  constructor(
    message: string,
    readonly code = "N2K-HCL-006",
  ) {
    super(message);
  }
}

/** A Nomad runtime reference (`attr.x`, `NOMAD_META_k`) where a known value is required. */
export class RuntimeOnly extends Error {}

export const isUnknown = (v: unknown): v is Unknown => v instanceof Unknown;
export const isObject = (v: Value): v is { [k: string]: Value } => !!v && typeof v === "object" && !Array.isArray(v) && !(v instanceof Unknown);

export function typeName(v: Value): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "tuple";
  if (v instanceof Unknown) return "unknown";
  if (typeof v === "object") return "object";
  return typeof v;
}

/** HCL/cty conversion rules for a value needed as a string. */
export function asString(v: Value, what = "argument"): string {
  if (typeof v === "string") return v;
  if (typeof v === "number") return formatNumber(v);
  if (typeof v === "boolean") return String(v);
  throw new EvalError(`${what}: string required, got ${typeName(v)}`);
}

export function asNumber(v: Value, what = "argument"): number {
  if (typeof v === "number") return v;
  if (typeof v === "string" && /^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/.test(v)) return Number(v);
  throw new EvalError(`${what}: number required, got ${typeName(v)}${typeof v === "string" ? ` ${JSON.stringify(v)}` : ""}`);
}

export function asBool(v: Value, what = "argument"): boolean {
  if (typeof v === "boolean") return v;
  if (v === "true" || v === "false") return v === "true";
  throw new EvalError(`${what}: bool required, got ${typeName(v)}`);
}

export function asList(v: Value, what = "argument"): Value[] {
  if (Array.isArray(v)) return v;
  throw new EvalError(`${what}: list required, got ${typeName(v)}`);
}

export function asMap(v: Value, what = "argument"): { [k: string]: Value } {
  if (isObject(v)) return v;
  throw new EvalError(`${what}: map or object required, got ${typeName(v)}`);
}

/** cty prints numbers without a trailing ".0" and without exponent for ordinary sizes. */
export function formatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return BigInt(n).toString();
  return String(n);
}

/** Structural equality as HCL's `==` defines it (types must match). */
export function equal(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equal(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && equal(a[k], b[k]));
  }
  return false;
}

/** A set as cty orders it: distinct elements, strings sorted. */
export function toSet(list: Value[]): Value[] {
  const out: Value[] = [];
  for (const v of list) if (!out.some((x) => equal(x, v))) out.push(v);
  if (out.every((v) => typeof v === "string")) out.sort((a, b) => ((a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0));
  else if (out.every((v) => typeof v === "number")) out.sort((a, b) => (a as number) - (b as number));
  return out;
}

/** A known value as a Terraform expression (to build the expression of an Unknown). */
export function tfLiteral(v: Value): string {
  if (v instanceof Unknown) return v.tf;
  if (v === null) return "null";
  if (typeof v === "string") return tfString(v);
  if (typeof v === "number") return formatNumber(v);
  if (typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return `[${v.map(tfLiteral).join(", ")}]`;
  return `{ ${Object.entries(v)
    .map(([k, x]) => `${/^[A-Za-z_][A-Za-z0-9_-]*$/.test(k) ? k : tfString(k)} = ${tfLiteral(x)}`)
    .join(", ")} }`;
}

export function tfString(s: string): string {
  let out = "";
  for (const ch of s) {
    if (ch === "\\") out += "\\\\";
    else if (ch === '"') out += '\\"';
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else out += ch;
  }
  // A Nomad runtime reference is literal text for Terraform.
  out = out.replace(/\$\{/g, "$${").replace(/%\{/g, "%%{");
  out = out.replace(new RegExp(`${RUNTIME_OPEN}([^${RUNTIME_CLOSE}]*)${RUNTIME_CLOSE}`, "g"), (_m, e: string) => `$\${${e}}`);
  return `"${out}"`;
}

/**
 * What one value may weigh while a job is evaluated: Nomad job files hold configs of a few
 * hundred kB, never a million elements; a crafted file (nested `for` over range(1024), locals
 * that double a string forty times) stops here with an error naming the limit instead of
 * exhausting the converter's memory.
 */
export const MAX_STRING_CHARS = 4 * 1024 * 1024;
export const MAX_VALUE_ELEMENTS = 64 * 1024;

const weights = new WeakMap<object, number>();

/** Elements in a value (strings count one per 64 kB), computed once per collection. */
export function weight(v: Value): number {
  if (typeof v === "string") return 1 + Math.floor(v.length / 65536);
  if (v === null || typeof v !== "object" || v instanceof Unknown) return 1;
  const known = weights.get(v);
  if (known !== undefined) return known;
  let w = 1;
  for (const x of Array.isArray(v) ? v : Object.values(v)) {
    w += weight(x);
    if (w > MAX_VALUE_ELEMENTS) break;
  }
  weights.set(v, w);
  return w;
}

/** The value, if within the evaluation's limits; else an EvalError naming the limit. */
export function bounded<T extends Value>(v: T, what: string): T {
  if (typeof v === "string") {
    if (v.length > MAX_STRING_CHARS) throw new EvalError(`${what} makes a string of ${v.length} characters, more than the ${MAX_STRING_CHARS / 1024 / 1024} Mi nomad2k8s evaluates`, "N2K-BUDGET-003");
  } else if (weight(v) > MAX_VALUE_ELEMENTS) throw tooMany(what);
  return v;
}

export const tooMany = (what: string): EvalError => new EvalError(`${what} makes a value of more than ${MAX_VALUE_ELEMENTS} elements, more than nomad2k8s evaluates`, "N2K-BUDGET-003");
