import type { Reader } from "./reader.js";

/**
 * A block's `meta` as key → value (template form), read for interpolation (`${NOMAD_META_k}`)
 * without claiming it: whether meta is carried over is the not-carried table's business.
 */
export function readMeta(r: Reader): Record<string, string> {
  const raw = r.raw.meta;
  const blocks = (Array.isArray(raw) ? raw : raw ? [raw] : []) as unknown[];
  const out: Record<string, string> = {};
  for (const b of blocks) {
    if (!b || typeof b !== "object" || Array.isArray(b)) continue;
    for (const [k, v] of Object.entries(b)) if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") out[k] = String(v);
  }
  return out;
}
