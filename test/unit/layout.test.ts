import { format } from "@cdktf/hcl-tools";
import { describe, expect, it } from "vitest";
import { layoutHcl } from "../../src/render/layout.js";

const cases: Record<string, string> = {
  "aligns runs of attributes": `a {\nx = 1\nlonger = 2\n\nz = 3\n}\n`,
  "breaks alignment at nested blocks": `a {\nname = "x"\nb {\nc = 1\n}\nlonger_name = 2\n}\n`,
  "keeps multi-line maps out of the run": `a {\nname = 1\nannotations = {\n"k.io/x" = "y"\nz = "w"\n}\nlabels = local.labels\n}\n`,
  "carries heredocs inside a run": `a {\nx = 1\ndata = <<EOT\n  keep   spacing\nEOT\nlong_one = 2\n}\n`,
  "single-line blocks and maps": `a {\nport { container_port = 80 }\nrequests = { cpu = "50m", memory = "64Mi" }\nlimits = { cpu = "1" }\n}\n`,
  "comments and blank lines": `# top\n\n\na {\n\n# inside\nx = 1\n\n}\n`,
  "strings with braces and equals": `a {\nx = "a = {b}"\nyy = "\${var.a} } ] ) {"\n}\n`,
};

describe("canonical layout", () => {
  it.each(Object.entries(cases))("%s, as terraform fmt would", async (_name, input) => {
    const out = layoutHcl(input);
    expect(await format(out)).toBe(out);
  });

  it("is idempotent", () => {
    for (const input of Object.values(cases)) expect(layoutHcl(layoutHcl(input))).toBe(layoutHcl(input));
  });

  it("drops blank lines just inside braces and collapses runs of them", () => {
    expect(layoutHcl("a {\n\n\nx = 1\n\n\n\ny = 2\n\n}\n")).toBe("a {\n  x = 1\n\n  y = 2\n}\n");
  });

  it("aligns keys by their width without the blanks before `=`, at any depth", () => {
    expect(layoutHcl('a {\nb {\nc {\nk\t= 1\nlong_key   =   "v"\nx=[1]\n}\n}\n}\n')).toBe('a {\n  b {\n    c {\n      k        = 1\n      long_key = "v"\n      x        = [1]\n    }\n  }\n}\n');
  });

  it("cuts lines at every newline, first and last included", () => {
    expect(layoutHcl("")).toBe("\n");
    expect(layoutHcl("\n\na = 1")).toBe("a = 1\n");
    expect(layoutHcl("a {\nx = <<EOT\n  kept\nEOT\n}")).toBe("a {\n  x = <<EOT\n  kept\nEOT\n}\n");
  });
});
