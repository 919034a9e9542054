import { z } from "zod";

// Leaf schemas shared by the normalizers; a mismatch becomes a diagnostic with a dotted path.
// They convert as Nomad's HCL2 decoder (cty) does: a number or bool where a string is expected
// becomes its text (`perms = 755`), a numeric string where a number is expected becomes the
// number (`count = "3"`), "true"/"false" (or "1"/"0") where a bool is expected becomes the bool.
const toText = (v: unknown) => (typeof v === "number" || typeof v === "boolean" ? String(v) : v);
const toNumber = (v: unknown) => (typeof v === "string" && /^\s*[-+]?\d+(\.\d+)?\s*$/.test(v) ? Number(v) : v);
const toBool = (v: unknown) => (v === "true" || v === "1" ? true : v === "false" || v === "0" ? false : v);

export const str = z.preprocess(toText, z.string()).describe("a string");
export const strList = z.preprocess((v) => (Array.isArray(v) ? v.map(toText) : v), z.array(z.string())).describe("a list of strings");
export const bool = z.preprocess(toBool, z.boolean()).describe("true or false");
export const int = z.preprocess(toNumber, z.number().int()).describe("a whole number");

/** Values already of the schema's output type skip zod (it only runs on the odd ones). */
export const ALREADY_VALID = new Map<z.ZodType, (v: unknown) => boolean>([
  [str, (v) => typeof v === "string"],
  [strList, (v) => Array.isArray(v) && v.every((x) => typeof x === "string")],
  [bool, (v) => typeof v === "boolean"],
  [int, (v) => Number.isInteger(v)],
]);

/** How a raw value's type reads in a message: "a number (755)", "a list", "a block". */
export function describeValue(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (Array.isArray(v)) return v.length && v.every((x) => x && typeof x === "object" && !Array.isArray(x)) ? "a block" : `a list (${preview(v)})`;
  if (typeof v === "object") return `a map (${preview(v)})`;
  if (typeof v === "string") return `a string (${preview(v)})`;
  return `a ${typeof v === "boolean" ? "bool" : "number"} (${String(v)})`;
}

function preview(v: unknown): string {
  const s = JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** Nomad durations ("30s", "1m30s", "500ms", "1h") to whole seconds. */
export function durationSeconds(d: string | number | undefined): number | undefined {
  if (d === undefined) return undefined;
  if (typeof d === "number") return Math.ceil(d / 1e9); // HCL numbers here are nanoseconds
  let total = 0;
  let matched = false;
  for (const m of d.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) {
    matched = true;
    const n = Number(m[1]);
    total += m[2] === "h" ? n * 3600 : m[2] === "m" ? n * 60 : m[2] === "s" ? n : n / 1000;
  }
  return matched ? Math.max(1, Math.ceil(total)) : undefined;
}

export const duration = z.union([z.string(), z.number()]).describe("a duration such as \"30s\"");
