import { z } from "zod";
import { MODULE_REF } from "../nomad/template-string.js";

// Values the templates render: literals are escaped by the render helpers; `$expr` is raw
// HCL (references, functions) and `$tpl` a quoted string mixing literal text and references.
export type Expr = { $expr: string };
export type Tpl = { $tpl: (string | Expr)[] };
export type Fn = { $fn: string; args: HclVal[] };
export type HclVal = string | number | boolean | Expr | Tpl | Fn | HclVal[] | { [key: string]: HclVal };

const exprSchema = z.object({ $expr: z.string() }).strict();
export const hclValSchema: z.ZodType<HclVal> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.boolean(),
    exprSchema,
    z.object({ $tpl: z.array(z.union([z.string(), exprSchema])) }).strict(),
    z.object({ $fn: z.string(), args: z.array(hclValSchema) }).strict(),
    z.array(hclValSchema),
    z.record(z.string(), hclValSchema),
  ]),
);

/**
 * A Terraform expression over module inputs inside a plain string (`"${var.registry}/app"`):
 * strings flow through the plan as text, so the reference travels between these two marks
 * and the render writes it as `${…}` while every other `${` is escaped.
 */
export const REF_OPEN = MODULE_REF;
export const REF_CLOSE = "\uE001";
export const moduleRef = (tf: string): string => REF_OPEN + tf + REF_CLOSE;
export const hasModuleRef = (s: string): boolean => s.includes(REF_OPEN);

/** A string → its literal pieces and the module references between them. */
export function splitRefs(s: string): (string | Expr)[] {
  const out: (string | Expr)[] = [];
  let at = 0;
  for (;;) {
    const open = s.indexOf(REF_OPEN, at);
    if (open < 0) break;
    const close = s.indexOf(REF_CLOSE, open);
    if (close < 0) break;
    if (open > at) out.push(s.slice(at, open));
    out.push({ $expr: s.slice(open + 1, close) });
    at = close + 1;
  }
  if (at < s.length) out.push(s.slice(at));
  return out;
}

/** A string with marked references as an HCL quoted template (`"a=${var.x}\n"`), for raw expressions. */
export function quotedTemplate(s: string): string {
  const esc = (t: string) =>
    t
      .replace(/\\/g, "\\\\")
      .replace(/"/g, '\\"')
      .replace(/\n/g, "\\n")
      .replace(/\r/g, "\\r")
      .replace(/\t/g, "\\t")
      .replace(/\$\{/g, () => "$${")
      .replace(/%\{/g, () => "%%{");
  return `"${splitRefs(s).map((p) => (typeof p === "string" ? esc(p) : `\${${p.$expr}}`)).join("")}"`;
}

/** Text for people (report, messages): a marked reference reads as `${var.x}`. */
export function readableRefs(s: string): string {
  // Plan form (marks around the reference) and template form (`${` + mark + reference + `}`).
  // Both forms hold the opening mark; most messages have none and are returned as they are.
  if (!s.includes("\uE000")) return s;
  return s.replace(/\uE000([^\uE001]*)\uE001/g, (_m, e: string) => `\${${e}}`).replace(/\$\{\uE000/g, "${");
}

export const expr = (code: string): Expr => ({ $expr: code });
export const tpl = (...parts: (string | Expr)[]): Tpl => ({ $tpl: parts });
export const isExpr = (v: unknown): v is Expr => !!v && typeof v === "object" && "$expr" in v;
export const fn = (name: string, ...args: HclVal[]): Fn => ({ $fn: name, args });
export const isFn = (v: unknown): v is Fn => !!v && typeof v === "object" && "$fn" in v;
export const isTpl = (v: unknown): v is Tpl => !!v && typeof v === "object" && "$tpl" in v;

/** `local.app_name` + "-1" → "${local.app_name}-1" (names built from other names). */
export function withSuffix(name: HclVal, suffix: string): HclVal {
  if (typeof name === "string") return name + suffix;
  if (isTpl(name)) return { $tpl: [...name.$tpl, suffix] };
  if (isExpr(name)) return tpl(name, suffix);
  throw new Error("withSuffix: not a name");
}
