import { parse } from "@cdktf/hcl2json";
import { format } from "@cdktf/hcl-tools";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { convertCase, GOLDEN, goldenCases, readTree, UPDATE, writeTree } from "./helpers.js";

// Golden trees: a Nomad job in, the expected module tree and report out. UPDATE_GOLDEN=1
// (npm run golden:update) rewrites them; reviewing that diff is reviewing the change.
describe.each(goldenCases())("golden %s", (name) => {
  it("produces the expected module tree and report", async () => {
    const { files } = await convertCase(name);
    const expectedDir = join(GOLDEN, name, "expected");
    if (UPDATE) writeTree(expectedDir, files);
    const expected = readTree(expectedDir);
    expect(Object.keys(files).sort()).toEqual(Object.keys(expected).sort());
    for (const [file, text] of Object.entries(files)) expect(text, `${name}/expected/${file}`).toBe(expected[file]);
  });

  it("writes .tf files that parse again and are in terraform fmt layout", async () => {
    const { files } = await convertCase(name);
    for (const [file, text] of Object.entries(files).filter(([f]) => f.endsWith(".tf"))) {
      await expect(parse(file, text)).resolves.toBeTypeOf("object");
      expect(await format(text), file).toBe(text);
    }
  });

  it("is deterministic", async () => {
    const a = await convertCase(name);
    const b = await convertCase(name);
    expect(a.files).toEqual(b.files);
  });
});
