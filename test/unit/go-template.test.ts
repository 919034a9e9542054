import { describe, expect, it } from "vitest";
import { analyzeTemplate, toExternalSecretTemplate, vaultPathParts } from "../../src/plan/templates/go-template.js";

describe("Go template analysis", () => {
  it("finds secret reads in with-blocks and inline forms, KV v1 and v2", () => {
    const f = analyzeTemplate('{{ with secret "secret/data/app" }}A={{ .Data.data.a }}{{ end }}\nB={{ (secret "kv/app").Data.b }}\n');
    expect(f.secretPaths).toEqual(["secret/data/app", "kv/app"]);
    expect(f.secretRefs.map((r) => [r.path, r.property, r.line])).toEqual([
      ["secret/data/app", "a", 1],
      ["kv/app", "b", 2],
    ]);
  });

  it("finds Consul lookups and env reads with their lines", () => {
    const f = analyzeTemplate('x\n{{ range service "db" }}{{ .Address }}{{ end }}\n{{ key "cfg/x" }}\n{{ env "HOME" }}\n');
    expect(f.consulLines).toEqual([2, 3]);
    expect(f.envNames).toEqual(["HOME"]);
  });

  it("rewrites plain substitution for an ExternalSecret template", () => {
    const out = toExternalSecretTemplate('{{ with secret "s/data/a" }}user={{ .Data.data.user }}{{ end }}\n', (r) => `k_${r.property}`);
    expect(out).toBe("user={{ .k_user }}\n");
  });

  it("honours {{- and -}} whitespace trimming", () => {
    const out = toExternalSecretTemplate('a: 1\n{{- with secret "s/data/a" -}}\n  b: {{ .Data.data.b }}\n{{- end }}\n', (r) => r.property);
    expect(out).toBe("a: 1b: {{ .b }}\n");
  });

  it("refuses templates that do more than substitution", () => {
    expect(toExternalSecretTemplate('{{ with secret "s" }}{{ range $k, $v := .Data.data }}{{ $k }}{{ end }}{{ end }}', () => "x")).toBeNull();
  });

  it("derives remote-key parts from Vault paths", () => {
    expect(vaultPathParts("secret/data/default/app")).toEqual({ path: "secret/default/app", mount: "secret", key: "default/app" });
    expect(vaultPathParts("kv/app")).toEqual({ path: "kv/app", mount: "kv", key: "app" });
  });
});

describe("Nomad variables", () => {
  it("reads nomadVar blocks as secret sources, in with-blocks and inline", () => {
    const f = analyzeTemplate('{{ with nomadVar "nomad/jobs/app" }}pw={{ .password }}{{ end }}\nx={{ (nomadVar "nomad/jobs/app").user }}\n');
    expect(f.secretPaths).toEqual(["nomadVar:nomad/jobs/app"]);
    expect(f.secretRefs.map((r) => r.property)).toEqual(["password", "user"]);
    expect(f.consulLines).toEqual([]);
  });
});
