import { z } from "zod";

// Leaf schemas shared by the normalizers; a mismatch becomes a diagnostic with a dotted path.
export const str = z.string().describe("a string");
export const strList = z.array(z.string()).describe("a list of strings");
export const bool = z.union([z.boolean(), z.enum(["true", "false"]).transform((s) => s === "true")]).describe("true or false");
export const int = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]).describe("a whole number");

/** Values already of the schema's output type skip zod (it only runs on the odd ones). */
export const ALREADY_VALID = new Map<z.ZodType, (v: unknown) => boolean>([
  [str, (v) => typeof v === "string"],
  [strList, (v) => Array.isArray(v) && v.every((x) => typeof x === "string")],
  [bool, (v) => typeof v === "boolean"],
  [int, (v) => Number.isInteger(v)],
]);
export const scalarString = z.union([z.string(), z.number(), z.boolean()]).transform(String).describe("a string, number or bool");

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
