import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultSiteConfig } from "../src/config/site-config.js";
import { parseConfig } from "../src/config/load-config.js";
import { convert } from "../src/convert.js";
import { GOLDEN, ROOT } from "./helpers.js";

// Mangled job files (deterministic seed) must never throw, and never make the renderer emit
// HCL that fails its own checks: every mistake is a diagnostic.
describe("robustness", () => {
  it("survives 400 mangled job files without an exception or a malformed module", async () => {
    const dirs = [join(ROOT, "nomad-jobs"), ...readdirSync(GOLDEN).map((d) => join(GOLDEN, d))];
    const files = dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith(".hcl")).map((f) => readFileSync(join(d, f), "utf8")));
    const values = ['"x"', "1", "true", "[]", "{}", '["a"]', '"${NOMAD_PORT_x}"', '"${var.q}"', '"/abs:/p"', '"local/x"', "null", '"a\\nb\\n"'];
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const bugs: string[] = [];
    for (let i = 0; i < 400; i++) {
      const lines = files[Math.floor(rnd() * files.length)].split("\n");
      for (let k = 0; k < 1 + Math.floor(rnd() * 3); k++) {
        const at = Math.floor(rnd() * lines.length);
        const op = rnd();
        if (op < 0.3) lines.splice(at, 1);
        else if (op < 0.7) lines[at] = lines[at].replace(/= .*$/, `= ${values[Math.floor(rnd() * values.length)]}`);
        else lines.splice(at, 0, lines[Math.floor(rnd() * lines.length)]);
      }
      const r = await convert([{ file: `m${i}.hcl`, text: lines.join("\n") }], { config: defaultSiteConfig(), verify: true });
      for (const j of r.jobs) for (const d of j.diagnostics) if (d.code.startsWith("N2K-SELF-")) bugs.push(`${i}: ${d.message}`);
      expect(r.jobs.length).toBeGreaterThan(0);
    }
    expect(bugs).toEqual([]);
  });
});

describe("site configs at the edges", () => {
  const sources = readdirSync(join(ROOT, "nomad-jobs")).map((f) => ({ file: f, text: readFileSync(join(ROOT, "nomad-jobs", f), "utf8") }));
  it.each([
    ["every tier a GPU tier", { tiers: [{ name: "g", cpuRequest: 1, cpuLimit: 2, memoryRequest: 1, memoryLimit: 2, gpu: true }] }],
    ["provider _v1 types and VPA", { resourceTypes: "v1", vpa: { enabled: true } }],
    ["odd strings", { storage: { root: '/mnt/a "b" ${c}' }, tls: { secretName: "x%{y}" }, ingress: { annotations: { 'a"b': "${x}\\n" } }, gpu: { node: "Node\\1" } }],
  ])("%s: every job converts and passes the self-checks", async (_name, raw) => {
    const r = await convert(sources, { config: parseConfig(raw), verify: true });
    expect(r.jobs.map((j) => j.status)).toEqual(r.jobs.map(() => "converted"));
    expect(r.jobs.flatMap((j) => j.diagnostics).filter((d) => d.code.startsWith("N2K-SELF-"))).toEqual([]);
  });
});
