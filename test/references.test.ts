import { parse } from "@cdktf/hcl2json";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GOLDEN, ROOT } from "./helpers.js";

// What `terraform validate` would catch without the provider: every var.*, local.* and
// resource reference in a generated module is declared in that module.
function moduleDirs(): string[] {
  const roots = [join(ROOT, "modules-k8s"), ...readdirSync(GOLDEN).map((c) => join(GOLDEN, c, "expected"))];
  return roots.filter(existsSync).flatMap((r) => readdirSync(r).map((d) => join(r, d)).filter((d) => statSync(d).isDirectory()));
}

async function problemsOf(dir: string): Promise<string[]> {
  const files = readdirSync(dir).filter((f) => f.endsWith(".tf"));
  const text = files.map((f) => readFileSync(join(dir, f), "utf8")).join("\n");
  const parsed = (await parse("module.tf", text)) as Record<string, Record<string, unknown>>;
  const vars = new Set(Object.keys(parsed.variable ?? {}));
  const locals = new Set(((parsed.locals as unknown as Record<string, unknown>[]) ?? []).flatMap((l) => Object.keys(l)));
  const resources = new Set(Object.entries(parsed.resource ?? {}).flatMap(([type, byName]) => Object.keys(byName as object).map((n) => `${type}.${n}`)));
  // Heredoc bodies, comments and escaped $${...} text are data, not expressions.
  const code = text.replace(/<<-?(\w+)\n[\s\S]*?\n\s*\1\n/g, "").replace(/#.*$/gm, "").replace(/\$\$\{[^}]*\}/g, "");
  const problems: string[] = [];
  for (const m of code.matchAll(/\bvar\.([A-Za-z_][\w-]*)/g)) if (!vars.has(m[1])) problems.push(`var.${m[1]}`);
  for (const m of code.matchAll(/\blocal\.([A-Za-z_][\w-]*)/g)) if (!locals.has(m[1])) problems.push(`local.${m[1]}`);
  for (const m of code.matchAll(/\b((?:kubernetes|kubectl)_[a-z0-9_]+)\.([A-Za-z_][\w-]*)\.(?:metadata|id)/g)) if (!resources.has(`${m[1]}.${m[2]}`)) problems.push(`${m[1]}.${m[2]}`);
  return [...new Set(problems)];
}

describe("generated modules reference only what they declare", () => {
  const dirs = moduleDirs();
  it("finds modules to check", () => expect(dirs.length).toBeGreaterThan(25));
  it.each(dirs.map((d) => [d.slice(ROOT.length + 1), d]))("%s", async (_name, dir) => {
    expect(await problemsOf(dir)).toEqual([]);
  });
});
