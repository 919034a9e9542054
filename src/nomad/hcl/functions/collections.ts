import { asList, asMap, asNumber, asString, equal, EvalError, isObject, toSet, typeName, type Value } from "../value.js";
import { unifyList } from "./types.js";

const keysOf = (m: { [k: string]: Value }) => Object.keys(m).sort();

export const COLLECTION_FUNCTIONS: Record<string, (args: Value[]) => Value> = {
  chunklist: ([list, size]) => {
    const l = asList(list, "chunklist() list");
    const n = asNumber(size, "chunklist() size");
    if (n < 0) throw new EvalError("chunklist(): size must not be negative");
    if (n === 0) return [l];
    const out: Value[] = [];
    for (let i = 0; i < l.length; i += n) out.push(l.slice(i, i + n));
    return out;
  },
  coalesce: (args) => {
    for (const a of args) if (a !== null && a !== "") return a;
    throw new EvalError("coalesce(): no non-null, non-empty argument");
  },
  coalescelist: (args) => {
    for (const a of args) if (asList(a, "coalescelist() argument").length) return a;
    return [];
  },
  compact: ([list]) => asList(list, "compact() list").filter((x) => x !== null && x !== "").map((x) => asString(x, "compact() element")),
  concat: (lists) => lists.flatMap((l, i) => asList(l, `concat() argument ${i + 1}`)),
  contains: ([list, v]) => asList(list, "contains() list").some((x) => equal(x, v)),
  distinct: ([list]) => asList(list, "distinct() list").filter((x, i, all) => all.findIndex((y) => equal(x, y)) === i),
  element: ([list, idx]) => {
    const l = asList(list, "element() list");
    if (l.length === 0) throw new EvalError("element(): cannot use element() with an empty list");
    const i = Math.floor(asNumber(idx, "element() index"));
    if (i < 0) throw new EvalError("element(): index must not be negative");
    return l[i % l.length];
  },
  flatten: ([list]) => {
    const flat = (l: Value[]): Value[] => l.flatMap((x) => (Array.isArray(x) ? flat(x) : [x]));
    return flat(asList(list, "flatten() list"));
  },
  index: ([list, v]) => {
    const i = asList(list, "index() list").findIndex((x) => equal(x, v));
    if (i < 0) throw new EvalError("index(): item not found");
    return i;
  },
  keys: ([m]) => keysOf(asMap(m, "keys() argument")),
  length: ([v]) => {
    if (typeof v === "string") return [...new Intl.Segmenter("en", { granularity: "grapheme" }).segment(v)].length;
    if (Array.isArray(v)) return v.length;
    if (isObject(v)) return Object.keys(v).length;
    throw new EvalError(`length(): collection or string required, got ${typeName(v)}`);
  },
  lookup: ([m, key, ...dflt]) => {
    const map = asMap(m, "lookup() map");
    const k = asString(key, "lookup() key");
    if (k in map) return map[k];
    if (dflt.length) return dflt[0];
    throw new EvalError(`lookup(): no key "${k}" and no default`);
  },
  merge: (args) => {
    const out: { [k: string]: Value } = {};
    for (const a of args) if (a !== null) Object.assign(out, asMap(a, "merge() argument"));
    return out;
  },
  range: (args) => {
    const n = args.map((a) => asNumber(a, "range() argument"));
    const [start, limit, step] = n.length === 1 ? [0, n[0], 1] : n.length === 2 ? [n[0], n[1], n[0] <= n[1] ? 1 : -1] : n.length === 3 ? n : [NaN, NaN, NaN];
    if (Number.isNaN(start)) throw new EvalError("range() takes one to three numbers");
    if (step === 0) throw new EvalError("range(): step must not be zero");
    const out: Value[] = [];
    for (let x = start; step > 0 ? x < limit : x > limit; x += step) {
      out.push(x);
      if (out.length > 1024) throw new EvalError("range(): more than 1024 elements");
    }
    return out;
  },
  reverse: ([list]) => [...asList(list, "reverse() list")].reverse(),
  setintersection: ([first, ...rest]) => toSet(asList(first, "setintersection() argument").filter((x) => rest.every((s) => asList(s, "setintersection() argument").some((y) => equal(x, y))))),
  setproduct: (sets) => {
    if (sets.length < 2) throw new EvalError("setproduct() needs at least two arguments");
    let out: Value[][] = [[]];
    for (const s of sets) out = out.flatMap((prefix) => asList(s, "setproduct() argument").map((x) => [...prefix, x]));
    return out;
  },
  setunion: (sets) => toSet(sets.flatMap((s) => asList(s, "setunion() argument"))),
  slice: ([list, a, b]) => {
    const l = asList(list, "slice() list");
    const from = asNumber(a, "slice() start");
    const to = asNumber(b, "slice() end");
    if (from < 0 || to > l.length || from > to) throw new EvalError(`slice(): indexes ${from}..${to} out of range for a list of ${l.length}`);
    return l.slice(from, to);
  },
  sort: ([list]) =>
    asList(list, "sort() list")
      .map((x) => asString(x, "sort() element"))
      .sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)),
  values: ([m]) => {
    const map = asMap(m, "values() argument");
    return keysOf(map).map((k) => map[k]);
  },
  zipmap: ([ks, vs]) => {
    const k = asList(ks, "zipmap() keys");
    const v = asList(vs, "zipmap() values");
    if (k.length !== v.length) throw new EvalError(`zipmap(): ${k.length} keys but ${v.length} values`);
    return Object.fromEntries(k.map((x, i) => [asString(x, "zipmap() key"), v[i]]));
  },
};

export { unifyList };
