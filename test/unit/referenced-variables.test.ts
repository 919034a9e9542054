import { describe, expect, it } from "vitest";
import { referencedVariables } from "../../src/plan/module-inputs.js";
import { moduleRef, REF_CLOSE, REF_OPEN } from "../../src/plan/hcl-value.js";

// What the walk replaced: the serialized plan searched with regular expressions.
function serializedNames(plan: unknown): string[] {
  const text = JSON.stringify(plan);
  const refs = [...text.matchAll(new RegExp(`${REF_OPEN}([^${REF_CLOSE}]*)${REF_CLOSE}`, "g"))].map((m) => m[1]);
  const exprs = [...text.matchAll(/"\$expr":"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]);
  return [...new Set([...refs, ...exprs].flatMap((code) => [...code.matchAll(/\bvar\.([A-Za-z_][A-Za-z0-9_-]*)/g)].map((v) => v[1])))];
}

describe("referencedVariables", () => {
  const plan = {
    variables: [{ name: "unused", default: "var.not_a_ref" }],
    workloads: [
      { image: `${moduleRef("var.registry")}/app:${moduleRef("var.image_tag")}`, env: { [`K_${moduleRef("var.in_key")}`]: "v" } },
      { replicas: { $expr: "var.count * 2" }, args: [{ $expr: 'format("%s", var.registry, var.b-c)' }, null, 3, true] },
      { skipped: undefined, fn: () => moduleRef("var.never"), nested: { $expr: { not: "a string" }, deep: [[moduleRef("local.x + var.deep")]] } },
      { escaped: `${moduleRef("a\nvar.after_newline")}`, quoted: { $expr: 'x\\"var.after_quote' } },
    ],
  };

  it("finds names in reference marks first, then in $expr values, in document order", () => {
    expect([...referencedVariables(plan)]).toEqual(["registry", "image_tag", "in_key", "deep", "count", "b-c", "after_quote"]);
  });

  it("gives exactly what searching the serialized plan gave, escapes included", () => {
    expect([...referencedVariables(plan)]).toEqual(serializedNames(plan));
    const withToJson = { a: { toJSON: () => ({ $expr: "var.from_json" }) }, b: [undefined, { $expr: "var.z" }] };
    expect([...referencedVariables(withToJson)]).toEqual(serializedNames(withToJson));
    expect([...referencedVariables(withToJson)]).toEqual(["from_json", "z"]);
  });
});
