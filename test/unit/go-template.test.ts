import { describe, expect, it } from "vitest";
import { analyzeTemplate, callsSecretFn, toExternalSecretTemplate, vaultPathParts } from "../../src/plan/templates/go-template.js";
import { GO_DELIMS, renderStatic, scanActions } from "../../src/plan/templates/go-template-scan.js";

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

describe("rendering what Nomad renders", () => {
  it("renders literal escapes, raw strings and comments, honouring trim markers", () => {
    const t = '{{/* note */}}a: "{{ "{{" }}x{{"}}"}}"\nb: {{`{{ y }}`}}\n  {{- " c" }}\n{{ key "k" }}';
    expect(renderStatic(t, GO_DELIMS, () => undefined)).toBe('a: "{{x}}"\nb: {{ y }} c\n{{ key "k" }}');
  });

  it("uses custom delimiters: text in {{ }} stays, [[ ]] actions render", () => {
    const d = { left: "[[", right: "]]" };
    expect(renderStatic('{"f": "{{model}}", "p": [[ env "NOMAD_PORT_http" ]], "q": [[ "]]" ]]}', d, (n) => (n === "NOMAD_PORT_http" ? "8080" : undefined))).toBe('{"f": "{{model}}", "p": 8080, "q": ]]}');
  });

  it("keeps env lookups it cannot resolve as written", () => {
    expect(renderStatic('home={{ env "HOME" }}', GO_DELIMS, () => undefined)).toBe('home={{ env "HOME" }}');
  });

  it("finds actions with their lines, skipping delimiters inside strings", () => {
    const a = scanActions('x\n{{ printf "%s}}" .A }}\n{{- .B -}}');
    expect(a.map((x) => [x.body, x.line, x.trimLeft, x.trimRight])).toEqual([
      ['printf "%s}}" .A', 2, false, false],
      [".B", 3, true, true],
    ]);
  });
});

describe("secret templates", () => {
  it("sees every function that reads Vault or Nomad variables, also in pipelines and assignments", () => {
    for (const body of ['with secret "a"', 'range secrets "kv/"', 'with pkiCert "pki/issue/r"', '(nomadVar "x").y', 'range nomadVarList "x"', 'range nomadVarListSafe "x"', '$s := secret "a"', '.x | secret']) {
      expect(callsSecretFn(body), body).toBe(true);
    }
    for (const body of ['.secret', '$secret', 'env "secret"', 'key "secrets/x"', 'nomadVarExists "x"']) expect(callsSecretFn(body), body).toBe(false);
  });

  it("reads PKI calls with their parameters and the TLS keys their fields land in", () => {
    const f = analyzeTemplate('{{ with secret "pki/issue/web" "common_name=a.example.com" "ttl=24h" }}{{ .Data.certificate }}{{ end }}');
    expect(f.secret).toBe(true);
    expect(f.pki).toEqual([{ path: "pki/issue/web", args: ["common_name=a.example.com", "ttl=24h"], line: 1 }]);
    expect(f.secretPaths).toEqual([]);
    expect(f.consulLines).toEqual([]);
  });

  it("maps pipelines both engines know into the ExternalSecret template, and refuses the others", () => {
    expect(toExternalSecretTemplate('{{ with secret "s/data/a" }}{{ .Data.data.k | base64Decode | trimSpace }}{{ end }}', (r) => r.property)).toBe("{{ .k | b64dec | trim }}");
    expect(toExternalSecretTemplate('{{ with secret "s/data/a" }}{{ .Data.data.k | sha256Hex }}{{ end }}', (r) => r.property)).toBeNull();
    expect(toExternalSecretTemplate('{{ with secret "s/data/a" }}{{ index .Data.data "my-key" }}{{ end }}', (r) => r.property.replace(/-/g, "_"))).toBe("{{ .my_key }}");
  });

  it("escapes literal {{ for the ExternalSecret engine when the template uses other delimiters", () => {
    expect(toExternalSecretTemplate('x: "{{a}}" [[ with secret "s/data/a" ]][[ .Data.data.k ]][[ end ]]', (r) => r.property, { left: "[[", right: "]]" })).toBe('x: "{{ "{{" }}a}}" {{ .k }}');
  });
});
