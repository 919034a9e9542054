import { EvalError, isUnknown, type Value } from "../value.js";

/** cty/Go JSON: keys sorted, no spaces, <, >, &, U+2028, U+2029 as \u escapes. */
export function jsonEncode(v: Value): string {
  if (isUnknown(v)) throw new EvalError("jsonencode: unknown value");
  if (v === null) return "null";
  if (typeof v === "string") return JSON.stringify(v).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new EvalError("jsonencode: infinite number");
    return JSON.stringify(v);
  }
  if (typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return `[${v.map(jsonEncode).join(",")}]`;
  return `{${Object.keys(v)
    .sort()
    .map((k) => `${jsonEncode(k)}:${jsonEncode(v[k])}`)
    .join(",")}}`;
}

export function jsonDecode(s: string): Value {
  try {
    return JSON.parse(s) as Value;
  } catch (err) {
    throw new EvalError(`jsondecode: ${(err as Error).message}`);
  }
}
