import { describe, expect, it } from "vitest";
import { spreadServiceRanges } from "../../src/plan/templates/env-templates.js";
import { renderServiceRanges, serviceRanges } from "../../src/plan/network/service-lookups.js";

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

  it("reads Nomad's own catalog (`range nomadService`) as `range service`", () => {
    expect(spreadServiceRanges('{{ range nomadService "api" }}\nAPI_URL="http://{{ .Address }}:{{ .Port }}"\n{{ end }}')).toBe('\nAPI_URL="{{ range nomadService "api" }}http://{{ .Address }}:{{ .Port }}{{ end }}"\n');
    expect(serviceRanges('x {{ range nomadService "api" }}{{ .Address }}{{ end }}').map((r) => r.service)).toEqual(["api"]);
    const r = renderServiceRanges('- {{ range nomadService "api" }}{{ .Address }}:{{ .Port }}{{ end }}', (s) => (s === "api" ? { host: "api.ns.svc.cluster.local", port: 80 } : undefined));
    expect(r).toEqual({ text: "- api.ns.svc.cluster.local:80", rendered: ["api"] });
  });
});
