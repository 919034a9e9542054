import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers.js";

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith(".ts") ? [p] : [];
  });
}

// docs/diagnostics.md holds one table row per code: `code` | severity | when it fires.
function documentedRows(): Map<string, string> {
  const doc = readFileSync(join(ROOT, "docs", "diagnostics.md"), "utf8");
  const rows = new Map<string, string>();
  for (const m of doc.matchAll(/^\| `(N2K-[A-Z]+(?:-\d{3})?)` \| ([^|]+) \| (.+) \|$/gm)) rows.set(m[1], m[3]);
  return rows;
}

describe("diagnostic codes", () => {
  const used = new Set(sources(join(ROOT, "src")).flatMap((f) => [...readFileSync(f, "utf8").matchAll(/"(N2K-[A-Z]+(?:-\d{3})?)"/g)].map((m) => m[1])));

  it("every code the source emits has its own row, with an example, in docs/diagnostics.md", () => {
    const rows = documentedRows();
    expect([...used].filter((c) => !rows.has(c)).sort()).toEqual([]);
    for (const [code, example] of rows) expect(example.trim().length, code).toBeGreaterThan(15);
    expect(used.size).toBeGreaterThan(60);
  });

  it("documents no code the source does not emit", () => {
    expect([...documentedRows().keys()].filter((c) => !used.has(c)).sort()).toEqual([]);
  });
});
