import { describe, expect, it } from "vitest";
import { moduleRef, quotedTemplate } from "../../src/plan/hcl-value.js";
import { isEnvFileFromInputs } from "../../src/plan/templates/env-templates.js";
import { secretInputs } from "../../src/plan/templates/nomad-templates.js";
import { SecretScope } from "../../src/plan/templates/go-template.js";

describe("secret material from module inputs", () => {
  it("sees an env file whose lines come from a module input, not a value on a KEY= line", () => {
    expect(isEnvFileFromInputs(moduleRef("base64decode(var.app_env)"))).toBe(true);
    expect(isEnvFileFromInputs(`MODE=prod\n${moduleRef("var.extra_env")}\n`)).toBe(true);
    expect(isEnvFileFromInputs(`TOKEN=${moduleRef("var.token")}\nMODE=prod\n`)).toBe(false);
    expect(isEnvFileFromInputs("MODE=prod\n")).toBe(false);
  });

  it("writes text with module references as one HCL quoted template", () => {
    expect(quotedTemplate(`A="x"\n${moduleRef("var.rest")}\n\${HOME} %{ x }\\`)).toBe('"A=\\"x\\"\\n${var.rest}\\n$${HOME} %%{ x }\\\\"');
  });

  it("marks inputs that are a whole Secret value or named like secrets, not plain settings beside them", () => {
    const data = { "key.pem": moduleRef("base64decode(var.tls_key)"), "client.conf": `host = ${moduleRef("var.api_host")}\ntoken = ${moduleRef("var.api_token")}\n` };
    expect([...secretInputs(data)].sort()).toEqual(["api_token", "tls_key"]);
    expect([...secretInputs({ $expr: "{ for l in split(\"\\n\", var.app_env) : l => l }" })]).toEqual(["app_env"]);
  });

  it("reads a Vault secret called with key=value parameters (ttl) like one without", () => {
    const scope = new SecretScope();
    expect(scope.step('with secret "aws/sts/role" "ttl=30m"')).toEqual({ kind: "open", source: "aws/sts/role" });
    expect(scope.step(".Data.access_key")).toMatchObject({ kind: "ref", source: "aws/sts/role", property: "access_key" });
    expect(new SecretScope().step('(secret "aws/sts/role" "ttl=1h").Data.secret_key')).toMatchObject({ kind: "ref", source: "aws/sts/role", property: "secret_key" });
  });
});
