import { asNumber, asString, EvalError, type Value } from "../value.js";

const num = (v: Value, fn: string) => asNumber(v, `${fn}() argument`);
const DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

export const NUMERIC_FUNCTIONS: Record<string, (args: Value[]) => Value> = {
  abs: ([n]) => Math.abs(num(n, "abs")),
  ceil: ([n]) => Math.ceil(num(n, "ceil")),
  floor: ([n]) => Math.floor(num(n, "floor")),
  log: ([n, base]) => Math.log(num(n, "log")) / Math.log(num(base, "log")),
  max: (args) => {
    if (!args.length) throw new EvalError("max() needs at least one number");
    return Math.max(...args.map((a) => num(a, "max")));
  },
  min: (args) => {
    if (!args.length) throw new EvalError("min() needs at least one number");
    return Math.min(...args.map((a) => num(a, "min")));
  },
  parseint: ([s, b]) => {
    const base = num(b, "parseint");
    if (!Number.isInteger(base) || base < 2 || base > 62) throw new EvalError("parseint(): base must be a whole number between 2 and 62");
    const text = asString(s, "parseint() argument");
    const m = /^([-+]?)(.+)$/.exec(text);
    if (!m) throw new EvalError(`parseint(): cannot parse ${JSON.stringify(text)} as a base ${base} integer`);
    let n = 0n;
    for (const c of m[2]) {
      // Up to base 36 letters are case-insensitive, as in Go's big.Int SetString.
      const d = base <= 36 ? DIGITS.indexOf(c.toLowerCase()) : DIGITS.indexOf(c);
      if (d < 0 || d >= base) throw new EvalError(`parseint(): cannot parse ${JSON.stringify(text)} as a base ${base} integer`);
      n = n * BigInt(base) + BigInt(d);
    }
    return Number(m[1] === "-" ? -n : n);
  },
  pow: ([a, b]) => Math.pow(num(a, "pow"), num(b, "pow")),
  signum: ([n]) => Math.sign(num(n, "signum")) || 0,
};
