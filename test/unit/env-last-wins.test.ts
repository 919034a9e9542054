import { describe, expect, it } from "vitest";
import { dropShadowedEnvLines } from "../../src/plan/templates/env-templates.js";
import { GO_DELIMS } from "../../src/plan/templates/go-template-scan.js";

describe("an env file that sets a name twice", () => {
  it("empties the earlier top-level lines, keeping the line count", () => {
    const text = 'S={{ key "s" }}\nA=1\nexport S={{ key "t" }}\nS="{{ key "u" }}"\n';
    const r = dropShadowedEnvLines(text, GO_DELIMS);
    expect(r.text).toBe('\nA=1\n\nS="{{ key "u" }}"\n');
    expect(r.dropped).toEqual([{ name: "S", lines: [1, 3] }]);
  });

  it("leaves lines inside a block (both branches of an if may set the name)", () => {
    const text = '{{ if keyExists "x" }}\nS={{ key "x" }}\n{{ else }}\nS=none\n{{ end }}\nS=last\n';
    expect(dropShadowedEnvLines(text, GO_DELIMS)).toEqual({ text, dropped: [] });
  });
});
