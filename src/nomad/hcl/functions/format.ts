import { asBool, asNumber, asString, EvalError, formatNumber, isUnknown, typeName, type Value } from "../value.js";
import { jsonEncode } from "./json.js";

const VERB = /%(?:\[(\d+)\])?([-+# 0]*)(\d+)?(?:\.(\d+))?(?:\[(\d+)\])?([a-zA-Z%])/gy;

/** cty's format(): Go-like verbs %v %#v %t %b %d %o %x %X %e %E %f %g %G %s %q with flags, width, precision. */
export function formatValue(spec: string, args: Value[]): string {
  let out = "";
  let next = 0;
  let i = 0;
  while (i < spec.length) {
    const pct = spec.indexOf("%", i);
    if (pct < 0) {
      out += spec.slice(i);
      break;
    }
    out += spec.slice(i, pct);
    VERB.lastIndex = pct;
    const m = VERB.exec(spec);
    if (!m) throw new EvalError(`format: invalid verb at ${JSON.stringify(spec.slice(pct, pct + 4))}`);
    i = VERB.lastIndex;
    const [, idx1, flags, width, prec, idx2, verb] = m;
    if (verb === "%") {
      out += "%";
      continue;
    }
    const idx = idx1 ?? idx2;
    if (idx) next = Number(idx) - 1;
    if (next >= args.length) throw new EvalError(`format: not enough arguments for ${m[0]}`);
    const arg = args[next++];
    out += pad(formatOne(verb, flags, arg, prec === undefined ? undefined : Number(prec)), flags, width ? Number(width) : 0, verb);
  }
  if (next < args.length && !/%\[\d+\]/.test(spec)) throw new EvalError(`format: too many arguments; only ${next} used by the format string`);
  return out;
}

function formatOne(verb: string, flags: string, arg: Value, prec?: number): string {
  if (isUnknown(arg)) throw new EvalError("format: unknown argument");
  const sharp = flags.includes("#");
  switch (verb) {
    case "v":
      if (sharp) return jsonEncode(arg);
      if (typeof arg === "string") return formatOne("s", flags, arg, prec);
      if (typeof arg === "number") return formatOne("g", flags, arg, prec);
      if (typeof arg === "boolean") return String(arg);
      return jsonEncode(arg);
    case "s": {
      if (arg === null) throw new EvalError("format: %s of a null value");
      const s = asString(arg, "format %s");
      return prec === undefined ? s : [...s].slice(0, prec).join("");
    }
    case "q":
      return JSON.stringify(asString(arg, "format %q"));
    case "t":
      return String(asBool(arg, "format %t"));
  }
  const n = asNumber(arg, `format %${verb}`);
  const sign = n < 0 || Object.is(n, -0) ? "-" : flags.includes("+") ? "+" : flags.includes(" ") ? " " : "";
  const a = Math.abs(n);
  const int = (base: number, upper = false) => {
    if (!Number.isInteger(n)) throw new EvalError(`format: %${verb} needs a whole number, got ${formatNumber(n)}`);
    const s = BigInt(a).toString(base);
    return sign + (sharp && base !== 10 ? (base === 16 ? "0x" : base === 8 ? "0" : "0b") : "") + (upper ? s.toUpperCase() : s);
  };
  switch (verb) {
    case "d":
      return int(10);
    case "b":
      return int(2);
    case "o":
      return int(8);
    case "x":
      return int(16);
    case "X":
      return int(16, true);
    case "f":
    case "F":
      return sign + a.toFixed(prec ?? 6);
    case "e":
    case "E": {
      const s = goExp(a.toExponential(prec ?? 6));
      return sign + (verb === "E" ? s.toUpperCase() : s);
    }
    case "g":
    case "G": {
      const s = prec === undefined ? shortestG(a) : goExp(trimZeros(a.toPrecision(Math.max(prec, 1))));
      return sign + (verb === "G" ? s.toUpperCase() : s);
    }
  }
  throw new EvalError(`format: unsupported verb %${verb} for ${typeName(arg)}`);
}

/** Go writes exponents with at least two digits: 1e+06, not 1e+6. */
function goExp(s: string): string {
  return s.replace(/e([+-])(\d)$/, "e$10$2");
}

/** %g without precision: the shortest exact representation; exponent form below 1e-4 or from 1e21. */
function shortestG(a: number): string {
  if (a !== 0 && (a < 1e-4 || a >= 1e21)) return goExp(a.toExponential());
  return String(a);
}

/** %g drops trailing zeros of the mantissa: 12.0 → 12, 1.50e+3 → 1.5e+3. */
function trimZeros(s: string): string {
  const [m, e] = s.split("e");
  const t = m.includes(".") ? m.replace(/\.?0+$/, "") : m;
  return e === undefined ? t : `${t}e${e}`;
}

function pad(s: string, flags: string, width: number, verb: string): string {
  const len = [...s].length;
  if (len >= width) return s;
  const fill = width - len;
  if (flags.includes("-")) return s + " ".repeat(fill);
  if (flags.includes("0") && /[dboxXeEfFgG]/.test(verb)) {
    const m = /^([+\- ]?(?:0x|0b)?)(.*)$/.exec(s)!;
    return m[1] + "0".repeat(fill) + m[2];
  }
  return " ".repeat(fill) + s;
}
