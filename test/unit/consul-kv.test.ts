import { describe, expect, it } from "vitest";
import { isSecretKey, printValue } from "../../src/plan/templates/consul-kv.js";
import { decidedKeyBlocks, renderKeyBlocks, spreadKeyBlocks } from "../../src/plan/templates/key-exists.js";
import { GO_DELIMS } from "../../src/plan/templates/go-template-scan.js";
import { moduleRef, readableRefs } from "../../src/plan/hcl-value.js";
import { ModuleInputs } from "../../src/plan/module-inputs.js";

describe("Consul KV values", () => {
  it("are secret when the key or the setting they are written to says so", () => {
    expect(isSecretKey("mail/password", undefined)).toBe(true);
    expect(isSecretKey("dnsmasq/aws/secret_key", undefined)).toBe(true);
    expect(isSecretKey("docker/mirror/key", undefined)).toBe(true);
    expect(isSecretKey("svc/upstream", "API_TOKEN")).toBe(true);
    expect(isSecretKey("site/admin", "admin_password")).toBe(true);
    expect(isSecretKey("caddy/EXTERNAL_HOSTNAME", "domain")).toBe(false);
    expect(isSecretKey("postbox/smtp_host", "SMTP_HOST")).toBe(false);
    expect(isSecretKey("keys/count", "KEY_COUNT")).toBe(false);
  });

  it("become one module input per key: sensitive without default, or plain with keyOrDefault's default", () => {
    const inputs = new ModuleInputs((n) => n === "namespace");
    expect(inputs.consulKey("app/port", { default: "8080" })).toEqual({ name: "app_port", created: true });
    expect(inputs.consulKey("app/port", { default: "8080" })).toEqual({ name: "app_port", created: false });
    const secret = inputs.consulKey("app/db-password", { sensitive: true });
    expect(secret).toEqual({ name: "app_db_password", created: true });
    expect(inputs.isSecret("app_db_password")).toBe(true);
    expect(inputs.isSecret("app_port")).toBe(false);
    expect(inputs.variables()).toEqual([
      { name: "app_port", description: expect.stringContaining('Consul KV key "app/port"'), type: "string", default: "8080" },
      { name: "app_db_password", description: expect.stringContaining('Consul KV key "app/db-password"'), type: "string", sensitive: true },
    ]);
  });

  it("a key tested by keyExists is optional: default null, sensitive or not", () => {
    const inputs = new ModuleInputs(() => false);
    inputs.consulKey("app/motd", { optional: true });
    inputs.consulKey("app/token", { sensitive: true, optional: true });
    expect(inputs.variables().map((v) => [v.name, v.default])).toEqual([
      ["app_motd", { $expr: "null" }],
      ["app_token", { $expr: "null" }],
    ]);
  });
});

describe("computed Consul keys", () => {
  const env = (n: string) => ({ NOMAD_JOB_NAME: "shop", NOMAD_META_stage: "live" })[n];
  it("resolve print and printf of literals and known env vars", () => {
    expect(printValue('(print "app/" (env "NOMAD_JOB_NAME") "/db")', env)).toBe("app/shop/db");
    expect(printValue('(printf "%s/%s/port" (env "NOMAD_JOB_NAME") (env "NOMAD_META_stage"))', env)).toBe("shop/live/port");
    expect(printValue('(printf "100%%/%s" "x")', env)).toBe("100%/x");
  });
  it("stay unresolved with a part known only at run time, or a verb without operand", () => {
    expect(printValue('(print "app/" (env "NOMAD_ALLOC_INDEX"))', env)).toBeUndefined();
    expect(printValue('(print "app/" $zone)', env)).toBeUndefined();
    expect(printValue('(printf "%s/%s" "a")', env)).toBeUndefined();
  });
});

describe("if keyExists blocks", () => {
  it("are decided by the module when their branches hold only text and key reads", () => {
    const text = '{{ if keyExists "a" }}A={{ key "a" }}{{ else }}none{{ end }}\n{{ if keyExists "b" }}{{ range ls "b" }}x{{ end }}{{ end }}';
    const r = decidedKeyBlocks(text, GO_DELIMS, false);
    expect([...r.openers]).toEqual(['if keyExists "a"']);
    expect(r.keys).toEqual(["a"]);
  });

  it("in an env file only around a value, or spread over whole KEY=VALUE lines", () => {
    const spread = spreadKeyBlocks('{{ if keyExists "m" }}\nHOST={{ key "m" }}\nPORT="25"\n{{ end }}', GO_DELIMS);
    expect(spread).toBe('\nHOST={{ if keyExists "m" }}{{ key "m" }}{{ end }}\nPORT="{{ if keyExists "m" }}25{{ end }}"\n');
    expect(decidedKeyBlocks(spread, GO_DELIMS, true).keys).toEqual(["m"]);
    expect(decidedKeyBlocks('{{ if keyExists "m" }}\nHOST=x\n{{ else }}\nHOST=y\n{{ end }}', GO_DELIMS, true).keys).toEqual([]);
  });

  it("become one conditional on the key's input, trim markers applied", () => {
    const text = `x:\n{{- if keyExists "a" }}\n  ${moduleRef("var.a")}\n{{- else }}\n  none\n{{- end }}\ny`;
    const out = renderKeyBlocks(text, GO_DELIMS, new Set(['if keyExists "a"']), () => "a");
    expect(readableRefs(out)).toBe('x:${var.a != null ? "\\n  ${var.a}" : "\\n  none"}\ny');
  });
});
