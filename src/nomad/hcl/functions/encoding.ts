import type { parse as ParseCsv } from "csv-parse/sync";
import type { parse as ParseYaml } from "yaml";
import { lazyRequire } from "../../../lazy-require.js";
import { asString, EvalError, isUnknown, type Value } from "../value.js";
import { jsonDecode, jsonEncode } from "./json.js";

const csv = lazyRequire<{ parse: typeof ParseCsv }>("csv-parse/sync");
const yaml = lazyRequire<{ parse: typeof ParseYaml }>("yaml");

const str = (v: Value, fn: string) => asString(v, `${fn}() argument`);

export const ENCODING_FUNCTIONS: Record<string, (args: Value[]) => Value> = {
  base64decode: ([s]) => {
    const text = str(s, "base64decode");
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) throw new EvalError("base64decode(): the argument is not valid base64");
    const bytes = Buffer.from(text, "base64");
    const out = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
    if (!Buffer.from(out, "utf8").equals(bytes)) throw new EvalError("base64decode(): the decoded bytes are not valid UTF-8");
    return out;
  },
  base64encode: ([s]) => Buffer.from(str(s, "base64encode"), "utf8").toString("base64"),
  csvdecode: ([s]) => {
    try {
      return csv().parse(str(s, "csvdecode"), { columns: true, skip_empty_lines: false, relax_quotes: false }) as Value;
    } catch (err) {
      throw new EvalError(`csvdecode(): ${(err as Error).message}`);
    }
  },
  jsondecode: ([s]) => jsonDecode(str(s, "jsondecode")),
  jsonencode: ([v]) => jsonEncode(v),
  urlencode: ([s]) =>
    [...Buffer.from(str(s, "urlencode"), "utf8")]
      .map((b) => {
        const c = String.fromCharCode(b);
        if (/[A-Za-z0-9\-_.~]/.test(c)) return c;
        return c === " " ? "+" : `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
      })
      .join(""),
  yamldecode: ([s]) => {
    try {
      return (yaml().parse(str(s, "yamldecode")) ?? null) as Value;
    } catch (err) {
      throw new EvalError(`yamldecode(): ${(err as Error).message.split("\n")[0]}`);
    }
  },
  yamlencode: ([v]) => yamlEncode(v),
};

/** cty's YAML: keys sorted, strings double-quoted, sequences at their key's indent. */
export function yamlEncode(v: Value): string {
  if (isUnknown(v)) throw new EvalError("yamlencode: unknown value");
  const lines: string[] = [];
  const scalar = (x: Value): string | undefined => {
    if (x === null) return "null";
    if (typeof x === "string") return jsonQuote(x);
    if (typeof x === "number" || typeof x === "boolean") return String(x);
    if (Array.isArray(x) && x.length === 0) return "[]";
    if (x && typeof x === "object" && !Array.isArray(x) && Object.keys(x).length === 0) return "{}";
    return undefined;
  };
  const emit = (x: Value, indent: string, first: string): void => {
    const s = scalar(x);
    if (s !== undefined) {
      lines.push(first + s);
      return;
    }
    if (Array.isArray(x)) {
      x.forEach((item, i) => emit(item, indent + "  ", (i === 0 ? first : indent) + "- "));
      return;
    }
    const obj = x as { [k: string]: Value };
    Object.keys(obj)
      .sort()
      .forEach((k, i) => {
        const lead = (i === 0 ? first : indent) + jsonQuote(k) + ":";
        const val = obj[k];
        const s2 = scalar(val);
        if (s2 !== undefined) lines.push(`${lead} ${s2}`);
        else if (Array.isArray(val)) {
          lines.push(lead);
          emit(val, indent, indent);
        } else {
          lines.push(lead);
          emit(val, indent + "  ", indent + "  ");
        }
      });
  };
  emit(v, "", "");
  return lines.join("\n") + "\n";
}

function jsonQuote(s: string): string {
  return JSON.stringify(s);
}
