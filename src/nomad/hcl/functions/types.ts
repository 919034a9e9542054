import type { Node } from "../ast.js";
import { parseExpression } from "../parse-expr.js";
import { asBool, asNumber, asString, EvalError, isObject, isUnknown, toSet, typeName, type Value } from "../value.js";

// HCL2 type constraints (`list(string)`, `object({a = optional(number, 1)})`) and cty's
// conversion rules: numbers and bools become strings where strings are wanted, numeric
// strings become numbers, "true"/"false" bools; anything else fails naming the path.
export type HclType =
  | { k: "string" | "number" | "bool" | "any" }
  | { k: "list" | "set" | "map"; of: HclType }
  | { k: "tuple"; of: HclType[] }
  | { k: "object"; attrs: Record<string, { type: HclType; optional: boolean; default?: Value }> };

/** A type constraint as written (`list(string)`) or as hcl2json gives it (`${list(string)}`). */
export function parseType(src: string): HclType {
  const inner = /^\$\{([\s\S]*)\}$/.exec(src.trim())?.[1] ?? src;
  return typeFromNode(parseExpression(inner));
}

export function typeFromNode(n: Node): HclType {
  if (n.t === "ref" && ["string", "number", "bool", "any"].includes(n.name)) return { k: n.name as "string" };
  if (n.t === "call") {
    const [a] = n.args;
    if (["list", "set", "map"].includes(n.name) && a) return { k: n.name as "list", of: typeFromNode(a) };
    if (n.name === "tuple" && a?.t === "tuple") return { k: "tuple", of: a.items.map(typeFromNode) };
    if (n.name === "object" && a?.t === "object") {
      const attrs: Extract<HclType, { k: "object" }>["attrs"] = {};
      for (const [key, val] of a.items) {
        const name = key.t === "lit" ? String(key.v) : key.src;
        if (val.t === "call" && val.name === "optional") {
          const d = val.args[1];
          attrs[name] = { type: typeFromNode(val.args[0]), optional: true, ...(d ? { default: literalOf(d) } : {}) };
        } else attrs[name] = { type: typeFromNode(val), optional: false };
      }
      return { k: "object", attrs };
    }
  }
  throw new EvalError(`invalid type constraint ${JSON.stringify(n.src)}`);
}

function literalOf(n: Node): Value {
  if (n.t === "lit") return n.v;
  if (n.t === "tuple") return n.items.map(literalOf);
  if (n.t === "object") return Object.fromEntries(n.items.map(([k, v]) => [k.t === "lit" ? String(k.v) : k.src, literalOf(v)]));
  throw new EvalError(`optional() default must be a literal, got ${n.src}`);
}

export function showType(t: HclType): string {
  switch (t.k) {
    case "list":
    case "set":
    case "map":
      return `${t.k}(${showType(t.of)})`;
    case "tuple":
      return `tuple([${t.of.map(showType).join(", ")}])`;
    case "object":
      return `object({${Object.entries(t.attrs)
        .map(([k, a]) => `${k} = ${a.optional ? `optional(${showType(a.type)})` : showType(a.type)}`)
        .join(", ")}})`;
    default:
      return t.k;
  }
}

/** The Terraform type constraint of a module variable (same syntax as Nomad's). */
export const terraformType = showType;

/** Converts a value to a type as cty does; `path` names the place in errors. */
export function convertTo(v: Value, t: HclType, path: string): Value {
  if (isUnknown(v) || t.k === "any") return v;
  const fail = (): never => {
    // Types only: the value may be a secret given with --var.
    throw new EvalError(`${path}: expected ${showType(t)}, got ${typeName(v)}`);
  };
  if (v === null) return null;
  try {
    switch (t.k) {
      case "string":
        return typeof v === "object" ? fail() : asString(v);
      case "number":
        return asNumber(v);
      case "bool":
        return asBool(v);
      case "list":
      case "set": {
        if (!Array.isArray(v)) return fail();
        const out = v.map((x, i) => convertTo(x, t.of, `${path}[${i}]`));
        return t.k === "set" ? toSet(out) : out;
      }
      case "tuple":
        if (!Array.isArray(v) || v.length !== t.of.length) return fail();
        return v.map((x, i) => convertTo(x, t.of[i], `${path}[${i}]`));
      case "map":
        if (!isObject(v)) return fail();
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, convertTo(x, t.of, `${path}.${k}`)]));
      case "object": {
        if (!isObject(v)) return fail();
        const out: Record<string, Value> = {};
        for (const [k, a] of Object.entries(t.attrs)) {
          if (k in v && v[k] !== null) out[k] = convertTo(v[k], a.type, `${path}.${k}`);
          else if (a.optional) out[k] = a.default === undefined ? null : convertTo(a.default, a.type, `${path}.${k}`);
          else throw new EvalError(`${path}: attribute "${k}" is required by ${showType(t)}`);
        }
        return out;
      }
    }
  } catch (err) {
    if (err instanceof EvalError && !err.message.startsWith(path)) fail();
    throw err;
  }
  return v;
}

/** tolist/toset/tomap: elements of one type; mixed primitives become strings, as cty unifies them. */
export function unifyList(list: Value[], what: string): Value[] {
  const kinds = new Set(list.filter((x) => x !== null).map(typeName));
  if (kinds.size <= 1) return list;
  if ([...kinds].every((k) => k === "string" || k === "number" || k === "bool")) return list.map((x) => (x === null ? null : asString(x)));
  throw new EvalError(`${what}: all elements must have one type, got ${[...kinds].join(" and ")}`);
}

export const TYPE_FUNCTIONS: Record<string, (args: Value[]) => Value> = {
  tostring: ([v]) => (v === null ? null : typeof v === "object" ? convertTo(v, { k: "string" }, "tostring()") : asString(v)),
  tonumber: ([v]) => (v === null ? null : convertTo(v, { k: "number" }, "tonumber()")),
  tobool: ([v]) => (v === null ? null : convertTo(v, { k: "bool" }, "tobool()")),
  tolist: ([v]) => {
    if (Array.isArray(v)) return unifyList(v, "tolist()");
    throw new EvalError(`tolist(): list or set required, got ${typeName(v)}`);
  },
  toset: ([v]) => {
    if (Array.isArray(v)) return toSet(unifyList(v, "toset()"));
    throw new EvalError(`toset(): list or set required, got ${typeName(v)}`);
  },
  tomap: ([v]) => {
    if (!isObject(v)) throw new EvalError(`tomap(): map or object required, got ${typeName(v)}`);
    const keys = Object.keys(v);
    const vals = unifyList(keys.map((k) => v[k]), "tomap()");
    return Object.fromEntries(keys.map((k, i) => [k, vals[i]]));
  },
};
