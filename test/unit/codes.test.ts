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

describe("diagnostic codes", () => {
  it("every code the source emits is documented in the README", () => {
    const used = new Set(sources(join(ROOT, "src")).flatMap((f) => [...readFileSync(f, "utf8").matchAll(/"(N2K-[A-Z]+(?:-\d{3})?)"/g)].map((m) => m[1])));
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const documented = (code: string) => {
      if (readme.includes(`\`${code}\``)) return true;
      // Ranges are written `N2K-X-001` … `N2K-X-009`.
      const m = /^(N2K-[A-Z]+)-(\d{3})$/.exec(code);
      if (!m) return false;
      const range = new RegExp(`\`${m[1]}-(\\d{3})\` … \`${m[1]}-(\\d{3})\``).exec(readme);
      return !!range && Number(range[1]) <= Number(m[2]) && Number(m[2]) <= Number(range[2]);
    };
    const missing = [...used].filter((c) => !documented(c)).sort();
    expect(missing).toEqual([]);
    expect(used.size).toBeGreaterThan(60);
  });
});
