// HCL template strings as hcl2json gives them: literal text with "$${" / "%%{" escapes kept,
// "${expr}" interpolations and "%{...}" directives. Split so each part can be evaluated.
/**
 * Marks an interpolation that is a Terraform expression over module inputs (`${<MODULE_REF>var.x}`),
 * not a Nomad runtime value: the plan carries it, the render writes it as `${var.x}`.
 */
export const MODULE_REF = "\uE000";

export type TemplatePart = { kind: "text"; text: string } | { kind: "interp"; expr: string } | { kind: "directive"; expr: string };

export function splitTemplate(s: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let text = "";
  let i = 0;
  while (i < s.length) {
    const two = s.slice(i, i + 3);
    if (two === "$${" || two === "%%{") {
      text += s[i] + "{";
      i += 3;
      continue;
    }
    if ((s[i] === "$" || s[i] === "%") && s[i + 1] === "{") {
      const end = matchBrace(s, i + 1);
      if (end < 0) {
        text += s.slice(i);
        break;
      }
      if (text) parts.push({ kind: "text", text });
      text = "";
      const expr = s.slice(i + 2, end).trim().replace(/^~|~$/g, "").trim();
      parts.push({ kind: s[i] === "$" ? "interp" : "directive", expr });
      i = end + 1;
      continue;
    }
    text += s[i];
    i++;
  }
  if (text) parts.push({ kind: "text", text });
  return parts;
}

/** Index of the brace closing the one at `open`, skipping quoted strings. */
export function matchBrace(s: string, open: number): number {
  let depth = 0;
  let inStr = false;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (inStr) {
      if (c === "\\") i++;
      else if (c === '"') inStr = false;
      continue;
    }
    if (c === '"') inStr = true;
    else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return i;
  }
  return -1;
}

/** Back to the same escaped template form (used for strings that keep runtime parts). */
export function joinTemplate(parts: TemplatePart[]): string {
  return parts
    .map((p) => (p.kind === "text" ? p.text.replace(/\$\{/g, () => "$${").replace(/%\{/g, "%%{") : p.kind === "interp" ? `\${${p.expr}}` : `%{${p.expr}}`))
    .join("");
}
