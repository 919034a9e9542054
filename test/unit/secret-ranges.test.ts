import { describe, expect, it } from "vitest";
import { GO_DELIMS } from "../../src/plan/templates/go-template-scan.js";
import { markRanges, secretRanges, withoutRanges } from "../../src/plan/templates/secret-ranges.js";

describe("secretRanges", () => {
  it("finds a range over a KV v2 secret's data inside `with secret`, as an env file body", () => {
    const text = '{{ with secret "secret/data/app" }}{{ range $k, $v := .Data.data }}{{ $k }}={{ $v }}\n{{ end }}{{ end }}';
    const [r] = secretRanges(text, GO_DELIMS);
    expect(r.source).toBe("secret/data/app");
    expect(r.body).toBe("{{ $k }}={{ $v }}\n");
    expect(r.envLines).toBe(true);
  });

  it("reads KV v1 `.Data`, an inline secret call and nomadVar", () => {
    expect(secretRanges('{{ range $a, $b := (secret "kv/app").Data }}export {{ $a }}="{{ $b }}"{{ end }}', GO_DELIMS)[0]).toMatchObject({ source: "kv/app", envLines: true });
    expect(secretRanges('{{ with nomadVar "nomad/jobs/app" }}{{ range $k, $v := . }}{{ $k }}={{ $v }}{{ end }}{{ end }}', GO_DELIMS)[0].source).toBe("nomadVar:nomad/jobs/app");
  });

  it("keeps pipes the ExternalSecret engine knows and refuses other actions in the body", () => {
    const piped = secretRanges('{{ with secret "s/a" }}{{ range $k, $v := .Data }}{{ $k }}: {{ $v | toJSON }}{{ end }}{{ end }}', GO_DELIMS)[0];
    expect(piped.body).toBe("{{ $k }}: {{ $v | toJson }}");
    expect(piped.envLines).toBe(false);
    const other = secretRanges('{{ with secret "s/a" }}{{ range $k, $v := .Data }}{{ $k }}={{ env "X" }}{{ end }}{{ end }}', GO_DELIMS)[0];
    expect(other.body).toBeUndefined();
  });

  it("ignores ranges over anything but a secret", () => {
    expect(secretRanges('{{ range $k, $v := tree "cfg" }}{{ $k }}{{ end }}', GO_DELIMS)).toEqual([]);
    expect(secretRanges('{{ range $k, $v := .Data.data }}{{ $k }}{{ end }}', GO_DELIMS)).toEqual([]);
  });

  it("blanks or marks a block, keeping line numbers and trim markers", () => {
    const text = 'A=1\n{{- with secret "s/a" }}\n{{- range $k, $v := .Data.data }}\n{{ $k }}={{ $v }}\n{{- end }}\n{{- end }}\nB=2';
    const ranges = secretRanges(text, GO_DELIMS);
    expect(withoutRanges(text, ranges).split("\n")).toHaveLength(text.split("\n").length);
    expect(markRanges(text, ranges)).toBe('A=1\n{{- with secret "s/a" }}\u00030\u0003\n{{- end }}\nB=2');
  });
});
