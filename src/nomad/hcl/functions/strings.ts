import { asList, asNumber, asString, EvalError, type Value } from "../value.js";
import { formatValue } from "./format.js";
import { goReplaceAll } from "./go-regexp.js";

// Made on first use: creating it loads ICU's segmentation data (~7 ms at every start-up).
let segmenter: Intl.Segmenter | undefined;
/** cty counts and cuts strings by grapheme cluster, not by code unit. */
export const graphemes = (s: string): string[] => [...(segmenter ??= new Intl.Segmenter("en", { granularity: "grapheme" })).segment(s)].map((g) => g.segment);

const str = (v: Value, fn: string, n = 1) => asString(v, `${fn}() argument ${n}`);

export const STRING_FUNCTIONS: Record<string, (args: Value[]) => Value> = {
  chomp: ([s]) => str(s, "chomp").replace(/(\r\n|\n|\r)+$/, ""),
  format: ([f, ...rest]) => formatValue(str(f, "format"), rest),
  formatlist: ([f, ...rest]) => {
    const lists = rest.filter(Array.isArray) as Value[][];
    if (lists.length === 0) return [formatValue(str(f, "formatlist"), rest)];
    const n = lists[0].length;
    if (lists.some((l) => l.length !== n)) throw new EvalError("formatlist(): all list arguments must have the same length");
    return Array.from({ length: n }, (_, i) => formatValue(str(f, "formatlist"), rest.map((a) => (Array.isArray(a) ? a[i] : a))));
  },
  indent: ([n, s]) => {
    const pad = " ".repeat(asNumber(n, "indent() spaces"));
    return str(s, "indent", 2).replace(/\n/g, `\n${pad}`);
  },
  join: ([sep, ...lists]) => {
    if (lists.length === 0) throw new EvalError("join(): at least one list is required");
    return lists.flatMap((l, i) => asList(l, `join() list ${i + 1}`).map((x) => asString(x, "join() element"))).join(str(sep, "join"));
  },
  lower: ([s]) => str(s, "lower").toLowerCase(),
  upper: ([s]) => str(s, "upper").toUpperCase(),
  regex_replace: ([s, pattern, repl]) => goReplaceAll(str(s, "regex_replace"), str(pattern, "regex_replace", 2), str(repl, "regex_replace", 3)),
  replace: ([s, from, to]) => str(s, "replace").split(str(from, "replace", 2)).join(str(to, "replace", 3)),
  split: ([sep, s]) => str(s, "split", 2).split(str(sep, "split")),
  strlen: ([s]) => graphemes(str(s, "strlen")).length,
  strrev: ([s]) => graphemes(str(s, "strrev")).reverse().join(""),
  substr: ([s, offset, length]) => {
    const g = graphemes(str(s, "substr"));
    let off = asNumber(offset, "substr() offset");
    let len = asNumber(length, "substr() length");
    if (off < 0) off = Math.max(0, g.length + off);
    if (off > g.length) throw new EvalError("substr(): offset is greater than the length of the string");
    if (len < 0) len = g.length - off;
    return g.slice(off, off + len).join("");
  },
  title: ([s]) => str(s, "title").replace(/(^|[^\p{L}\p{N}_'])(\p{L})/gu, (_m, pre: string, c: string) => pre + c.toUpperCase()),
  trim: ([s, cut]) => {
    const set = new Set(graphemes(str(cut, "trim", 2)));
    const g = graphemes(str(s, "trim"));
    let a = 0;
    let b = g.length;
    while (a < b && set.has(g[a])) a++;
    while (b > a && set.has(g[b - 1])) b--;
    return g.slice(a, b).join("");
  },
  trimprefix: ([s, p]) => {
    const x = str(s, "trimprefix");
    const pre = str(p, "trimprefix", 2);
    return x.startsWith(pre) ? x.slice(pre.length) : x;
  },
  trimsuffix: ([s, p]) => {
    const x = str(s, "trimsuffix");
    const suf = str(p, "trimsuffix", 2);
    return suf && x.endsWith(suf) ? x.slice(0, -suf.length) : x;
  },
  trimspace: ([s]) => str(s, "trimspace").replace(/^[\s\u0085]+|[\s\u0085]+$/gu, ""),
};
