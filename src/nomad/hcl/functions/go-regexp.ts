import { RE2JS } from "re2js";
import { EvalError } from "../value.js";

// Go's regexp package, as Nomad's regex functions use it: RE2 syntax and linear-time matching
// (re2js, a port of RE2), so a crafted pattern such as `^(a|aa)+$` cannot hang a conversion.

/** `s` with every match of the RE2 `pattern` replaced as Go's ReplaceAllString does. */
export function goReplaceAll(s: string, pattern: string, template: string): string {
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern);
  } catch (err) {
    throw new EvalError(`invalid regular expression ${JSON.stringify(pattern)}: ${(err as Error).message}`);
  }
  return re.matcher(s).replaceAll(goReplacement(template));
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
