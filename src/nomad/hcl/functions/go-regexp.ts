import { EvalError } from "../value.js";

// Go's RE2 syntax and replacement templates, mapped to JavaScript's RegExp.

const POSIX: Record<string, string> = {
  alnum: "0-9A-Za-z",
  alpha: "A-Za-z",
  ascii: "\\x00-\\x7F",
  blank: "\\t ",
  cntrl: "\\x00-\\x1F\\x7F",
  digit: "0-9",
  graph: "!-~",
  lower: "a-z",
  print: " -~",
  punct: "!-\\/:-@\\[-`{-~",
  space: "\\t\\n\\v\\f\\r ",
  upper: "A-Z",
  word: "0-9A-Za-z_",
  xdigit: "0-9A-Fa-f",
};

/** RE2 pattern → RegExp: inline flags, named groups, \A \z, POSIX classes, \Q…\E. */
export function goRegExp(pattern: string, extraFlags = ""): RegExp {
  let flags = extraFlags;
  let p = pattern;
  const lead = /^\(\?([imsU]+)\)/.exec(p);
  if (lead) {
    for (const f of lead[1]) {
      if (f === "U") throw new EvalError("regex: the ungreedy flag (?U) has no JavaScript equivalent");
      if (!flags.includes(f)) flags += f;
    }
    p = p.slice(lead[0].length);
  }
  p = p
    .replace(/\\Q([\s\S]*?)(\\E|$)/g, (_m, lit: string) => lit.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"))
    .replace(/\(\?P</g, "(?<")
    .replace(/\\A/g, "^")
    .replace(/\\z/g, "$(?![\\s\\S])")
    .replace(/\[:(\^?)([a-z]+):\]/g, (m, neg: string, name: string) => {
      if (!(name in POSIX)) return m;
      return neg ? `^${POSIX[name]}` : POSIX[name];
    });
  // Go's `$` without (?m) matches only at the very end, as JavaScript's does without "m".
  for (const f of [flags + "u", flags]) {
    try {
      return new RegExp(p, f);
    } catch {
      // Unicode mode rejects some escapes RE2 allows (`\-`); retry without it.
    }
  }
  throw new EvalError(`invalid regular expression ${JSON.stringify(pattern)}`);
}

/**
 * Go's Regexp.Expand template: `$1`, `${1}`, `$name`, `${name}`, `$$`. A name is the longest
 * run of letters, digits and underscores, so `$1x` names group "1x" (empty), unlike JavaScript.
 */
export function goReplacement(template: string): (match: string, ...rest: unknown[]) => string {
  return (match: string, ...rest: unknown[]) => {
    const last = rest[rest.length - 1];
    const named = last && typeof last === "object" ? (last as Record<string, string | undefined>) : {};
    const groups = rest.slice(0, typeof last === "object" ? -3 : -2) as (string | undefined)[];
    return template.replace(/\$(\$|\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))/g, (_m, all: string, braced?: string, bare?: string) => {
      if (all === "$") return "$";
      const name = braced ?? bare!;
      if (/^\d+$/.test(name)) {
        const n = Number(name);
        return n === 0 ? match : (groups[n - 1] ?? "");
      }
      return named[name] ?? "";
    });
  };
}
