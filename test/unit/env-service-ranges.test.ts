import { describe, expect, it } from "vitest";
import { spreadServiceRanges } from "../../src/plan/templates/env-templates.js";

describe("range service around env lines", () => {
  it("gives each KEY=VALUE line its own block, keeping the line count", () => {
    const text = '{{- range service "registry" }}\nREGISTRY_ADDR={{ .Address }}\nREGISTRY_PORT={{ .Port }}\n{{ end -}}\nOTHER=1';
    const out = spreadServiceRanges(text);
    expect(out).toBe('\nREGISTRY_ADDR={{ range service "registry" }}{{ .Address }}{{ end }}\nREGISTRY_PORT={{ range service "registry" }}{{ .Port }}{{ end }}\n\nOTHER=1');
    expect(out.split("\n")).toHaveLength(text.split("\n").length);
  });

  it("leaves a block whose body is not only KEY=VALUE lines", () => {
    const text = '{{ range service "db" }}server {{ .Address }}\n{{ end }}';
    expect(spreadServiceRanges(text)).toBe(text);
  });
});
