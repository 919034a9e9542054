import { parse } from "@cdktf/hcl2json";
import { describe, expect, it } from "vitest";
import { expr, fn, moduleRef, tpl } from "../../src/plan/hcl-value.js";
import { attr, heredoc, key, quote, value } from "../../src/render/hcl.js";
import { layoutHcl } from "../../src/render/layout.js";

async function roundTrip(v: string): Promise<unknown> {
  const out = await parse("t.tf", `x = ${value(v)}\n`);
  return out.x;
}

describe("HCL escaping helpers", () => {
  it("quotes and escapes quotes, backslashes, control characters", () => {
    expect(quote('a "b" \\ c\td')).toBe('"a \\"b\\" \\\\ c\\td"');
    expect(quote("bell\u0007")).toBe('"bell\\u0007"');
  });

  it("escapes template sequences so user text never interpolates", () => {
    expect(quote("${HOME} and %{ if }")).toBe('"$${HOME} and %%{ if }"');
  });

  it.each(["plain", 'with "quotes"', "back\\slash", "${var.secret}", "%{ if x }y%{ endif }", "tab\there", "ünïcødé ✓"])("round-trips %j through the HCL parser", async (s) => {
    const parsed = await roundTrip(s);
    // hcl2json keeps template escapes in its JSON form.
    expect(String(parsed).replace(/\$\$\{/g, "${").replace(/%%\{/g, "%{")).toBe(s);
  });

  it("writes multi-line text as a heredoc that keeps leading spaces", async () => {
    const text = "  indented\nsecond ${x}\n";
    expect(value(text)).toBe("<<EOT\n  indented\nsecond $${x}\nEOT");
    const parsed = (await parse("t.tf", `x = ${value(text)}\n`)).x as string;
    expect(parsed.replace(/\$\$\{/g, "${")).toBe(text);
  });

  it("picks a heredoc marker that does not occur in the text", () => {
    expect(heredoc("EOT\nx\n")).toBe("<<EOT2\nEOT\nx\nEOT2");
  });

  it("quotes keys that are not identifiers", () => {
    expect(key("app")).toBe("app");
    expect(key("force-path-style")).toBe("force-path-style");
    expect(key("kubernetes.io/hostname")).toBe('"kubernetes.io/hostname"');
    expect(key("1abc")).toBe('"1abc"');
  });

  it("renders expressions, templates and function calls", () => {
    expect(value(expr("var.x"))).toBe("var.x");
    expect(value(tpl("repo:", expr("var.image_tag")))).toBe('"repo:${var.image_tag}"');
    expect(value(fn("yamlencode", { a: 1 }))).toBe("yamlencode({ a = 1 })");
    expect(value(["a", 1, true])).toBe('["a", 1, true]');
  });

  it("puts a heredoc list item's comma on its own line", async () => {
    const text = layoutHcl(`x = ${value(["a", "l1\nl2\n", "b"])}\ny = ${value(["only\nitem\n"])}\n`);
    await expect(parse("t.tf", text)).resolves.toMatchObject({ x: ["a", "l1\nl2\n", "b"], y: ["only\nitem\n"] });
  });

  it("omits absent attributes", () => {
    expect(attr("a", undefined)).toBe("");
    expect(attr("a", "b")).toBe('a = "b"\n');
  });
});

describe("module references inside plan strings", () => {
  it("writes them as ${…} while literal ${ stays escaped", () => {
    expect(value(`${moduleRef("var.registry")}/app:\${TAG}`)).toBe('"${var.registry}/app:$${TAG}"');
    expect(value(moduleRef("upper(var.x)"))).toBe("upper(var.x)");
    expect(value(`a=${moduleRef('format("%s", var.x)')}\nb=2\n`)).toBe('<<EOT\na=${format("%s", var.x)}\nb=2\nEOT');
  });
});
