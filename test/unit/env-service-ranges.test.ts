import { describe, expect, it } from "vitest";
import { spreadServiceRanges } from "../../src/plan/templates/env-templates.js";

describe("range service around env lines", () => {
  it("gives each KEY=VALUE line its own block, keeping the line count", () => {
    const text = '{{- range service "registry" }}\nREGISTRY_ADDR={{ .Address }}\nREGISTRY_PORT={{ .Port }}\n{{ end -}}\nOTHER=1';
    const out = spreadServiceRanges(text);
    expect(out).toBe('\nREGISTRY_ADDR={{ range service "registry" }}{{ .Address }}{{ end }}\nREGISTRY_PORT={{ range service "registry" }}{{ .Port }}{{ end }}\n\nOTHER=1');
    expect(out.split("\n")).toHaveLength(text.split("\n").length);
  });

  it("keeps the value's quotes outside the block", () => {
    expect(spreadServiceRanges('{{ range service "nats" }}\nNATS_ADDRESS="{{ .Address }}"\nNATS_PORT={{ .Port }}{{ end }}')).toBe('\nNATS_ADDRESS="{{ range service "nats" }}{{ .Address }}{{ end }}"\nNATS_PORT={{ range service "nats" }}{{ .Port }}{{ end }}');
  });

  it("leaves a block whose body is not only KEY=VALUE lines", () => {
    const text = '{{ range service "db" }}server {{ .Address }}\n{{ end }}';
    expect(spreadServiceRanges(text)).toBe(text);
  });
});
