import { inert } from "../redact.js";
import { hasModuleRef, isExpr, isFn, isTpl, splitRefs, type HclVal } from "../plan/hcl-value.js";

// Every user string reaches HCL through these helpers: quoting, escaping of `${` and `%{`,
// heredocs for multi-line text, identifier-or-quoted keys.

export function escapeTemplateText(s: string): string {
  return s.replace(/\$\{/g, () => "$${").replace(/%\{/g, "%%{");
}

const PLAIN = /^[^"\\\x00-\x1f\x7f$%\uE000]*$/;

export function quote(s: string): string {
  if (PLAIN.test(s)) return `"${s}"`;
  if (hasModuleRef(s)) return `"${splitRefs(s).map((p) => (typeof p === "string" ? quote(p.replace(/\uE000|\uE001/g, "")).slice(1, -1) : `\${${p.$expr}}`)).join("")}"`;
  let out = "";
  for (const ch of escapeTemplateText(s)) {
    const code = ch.codePointAt(0)!;
    if (ch === "\\") out += "\\\\";
    else if (ch === '"') out += '\\"';
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return `"${out}"`;
}

/** Multi-line text as a heredoc; `<<EOT` (not `<<-`) so leading whitespace survives exactly. */
export function heredoc(s: string): string {
  let marker = "EOT";
  const lines = s.split("\n");
  for (let i = 2; lines.some((l) => l.trim() === marker); i++) marker = `EOT${i}`;
  const body = splitRefs(s).map((p) => (typeof p === "string" ? escapeTemplateText(p) : `\${${p.$expr}}`)).join("");
  return `<<${marker}\n${body}${marker}`;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_-]*$/;
export function key(k: string): string {
  return IDENT.test(k) ? k : quote(k);
}

function isScalar(v: HclVal): boolean {
  return typeof v !== "object" || isExpr(v) || isTpl(v) || isFn(v);
}

/** Renders a value as an HCL expression; nested lines are re-indented by the layout pass. */
export function value(v: HclVal): string {
  if (typeof v === "string") {
    // A string that is one module reference is that expression: `upper(var.x)`, not "${upper(var.x)}".
    const parts = hasModuleRef(v) ? splitRefs(v) : [];
    if (parts.length === 1 && typeof parts[0] !== "string") return parts[0].$expr;
    const body = v.endsWith("\n") ? v : undefined;
    return body !== undefined && v.indexOf("\n") < v.length - 1 ? heredoc(body) : quote(v);
  }
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (isExpr(v)) return v.$expr;
  if (isFn(v)) return `${v.$fn}(${v.args.map(value).join(", ")})`;
  if (isTpl(v)) return `"${v.$tpl.map((p) => (typeof p === "string" ? quote(p).slice(1, -1) : `\${${p.$expr}}`)).join("")}"`;
  if (Array.isArray(v)) {
    if (v.length === 0) return "[]";
    const items = v.map(value);
    const oneLine = `[${items.join(", ")}]`;
    if (v.every(isScalar) && !items.some((i) => i.includes("\n")) && oneLine.length <= 100) return oneLine;
    // A heredoc's closing marker must stand alone, so its comma goes on the next line.
    if (items.length === 1 && items[0].startsWith("<<")) return `[${items[0]}\n]`;
    return `[\n${items.map((i) => (i.startsWith("<<") ? `${i}\n,` : `${i},`)).join("\n")}\n]`;
  }
  const entries = Object.entries(v);
  if (entries.length === 0) return "{}";
  const parts = entries.map(([k, x]) => `${key(k)} = ${value(x)}`);
  const oneLine = `{ ${parts.join(", ")} }`;
  if (entries.length <= 2 && entries.every(([, x]) => isScalar(x)) && !oneLine.includes("\n") && oneLine.length <= 60) return oneLine;
  return `{\n${parts.join("\n")}\n}`;
}

/** `name = value` and a newline, or nothing when the value is absent (templates use `-%>`). */
export function attr(name: string, v: HclVal | undefined | null): string {
  if (v === undefined || v === null) return "";
  return `${key(name)} = ${value(v)}\n`;
}

/** `# text` lines ending in a newline (templates use `-%>`); control characters escaped. */
export function comment(text: string): string {
  return text
    .split("\n")
    .map((l) => `# ${inert(l)}`.trimEnd() + "\n")
    .join("");
}
