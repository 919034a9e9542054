import { describe, expect, it } from "vitest";
import { chooseBranches, type Branch } from "../../src/plan/templates/template-branches.js";
import { GO_DELIMS } from "../../src/plan/templates/go-template-scan.js";
import { isSecretLiteral } from "../../src/plan/secrets/credential-env.js";
import { isCredentialName } from "../../src/nomad/credential-names.js";
import { scanModule } from "../corpus/detectors.js";

const secretThen = (open: string): Branch => (/^with secret/.test(open) ? "then" : /^if keyExists/.test(open) ? "else" : undefined);
const keepSecret = (open: string) => /^with secret/.test(open);

describe("template branches", () => {
  it("keeps a with-secret body and drops its else placeholder", () => {
    const out = chooseBranches('{{ with secret "s/a" }}\nA={{ .Data.a }}\n{{ else }}\nA=PLACEHOLDER\n{{ end }}\n', GO_DELIMS, secretThen, keepSecret);
    expect(out).toBe('{{ with secret "s/a" }}\nA={{ .Data.a }}\n{{ end }}\n');
  });

  it("renders the else branch without the block, trim markers kept", () => {
    expect(chooseBranches('m: {{ if keyExists "k" }}{{ key "k" }}{{ else }}hi{{ end }}!', GO_DELIMS, secretThen, keepSecret)).toBe("m: hi!");
    expect(chooseBranches('a\n{{- if keyExists "k" }}X{{- else }}\n  b\n{{- end }}\nc', GO_DELIMS, secretThen, keepSecret)).toBe("a\n  b\nc");
  });

  it("leaves undecided blocks and else-if chains as written", () => {
    const t = '{{ if env "X" }}a{{ else }}b{{ end }}{{ with secret "s" }}c{{ else if true }}d{{ end }}';
    expect(chooseBranches(t, GO_DELIMS, secretThen, keepSecret)).toBe(t);
  });

  it("ignores blocks inside a dropped branch", () => {
    const out = chooseBranches('{{ with secret "s" }}a{{ else }}{{ if keyExists "k" }}x{{ else }}y{{ end }}{{ end }}', GO_DELIMS, secretThen, keepSecret);
    expect(out).toBe('{{ with secret "s" }}a{{ end }}');
  });
});

describe("credential names", () => {
  it("knows credentials from the files, users and switches that go with them", () => {
    expect(["DB_PASSWORD", "GITEA__database__PASSWD", "clientSecret", "API_KEY", "MINIO_ACCESS_KEY", "SECRET_KEY_BASE", "APP_KEY", "RPC_TOKEN"].filter((n) => !isCredentialName(n))).toEqual([]);
    expect(["PASSWORD_FILE", "DB_USER", "KEYCLOAK_ADMIN", "SSH_PUBLIC_KEY", "TOKEN_TTL", "MONKEY_BUSINESS", "REGISTRY_HTTP_HEADERS_Access-Control-Allow-Credentials"].filter(isCredentialName)).toEqual([]);
    expect(["yes", "true", "0", "", "[true]", "/secrets/gcp.json", "${NOMAD_META_x}"].filter(isSecretLiteral)).toEqual([]);
    expect(isSecretLiteral("hunter2")).toBe(true);
  });

  it("knows *_PASS, *_PWD and *PASSPHRASE, not a bypass, the shell's PWD or a switch asking for a random one", () => {
    expect(["DB_PASS", "RABBITMQ_DEFAULT_PASS", "dbpass", "ADMIN_PWD", "GPG_PASSPHRASE", "REDIS_PASSWD", "AWS_SECRET_KEY", "SSH_PRIVATE_KEY", "RABBITMQ_ERLANG_COOKIE"].filter((n) => !isCredentialName(n))).toEqual([]);
    expect(["BYPASS", "COMPASS", "PWD", "DB_PASS_FILE", "MYSQL_ALLOW_EMPTY_PASSWORD", "MYSQL_RANDOM_ROOT_PASSWORD", "SSH_PRIVATE_KEY_PATH"].filter(isCredentialName)).toEqual([]);
    expect(["/secrets/x.key", "local/id_rsa", "./certs/key.pem", "../alloc/token"].filter(isSecretLiteral)).toEqual([]);
  });
});

describe("env detectors", () => {
  const module = (env: string) => ({ "main.tf": `\nresource "kubernetes_deployment" "x" {\n  spec {\n        container {\n          name = "x"\n${env}\n        }\n  }\n}\n` });
  const plain = (n: string, v: string) => `          env {\n            name  = "${n}"\n            value = "${v}"\n          }\n`;
  const fromSecret = (n: string) => `          env {\n            name = "${n}"\n            value_from {\n              secret_key_ref {\n                name = "s"\n                key  = "${n}"\n              }\n            }\n          }\n`;

  it("finds a name set twice and a literal credential, not a ref or a switch", () => {
    const hits = scanModule(module(plain("A", "1") + plain("A", "2") + plain("DB_PASSWORD", "x") + fromSecret("API_TOKEN") + plain("MYSQL_RANDOM_ROOT_PASSWORD", "yes")), "", []);
    expect(hits["duplicate-env"]).toEqual(['"kubernetes_deployment" "x": A']);
    expect(hits["credential-in-plain-env"]).toEqual(['"kubernetes_deployment" "x": DB_PASSWORD']);
  });

  it("finds a literal credential in a Secret's data, not a module input or a switch", () => {
    const secret = `\nresource "kubernetes_secret_v1" "sensitive" {\n  data = {\n    DB_USER = "app"\n    DB_PASS = "s3cret"\n    OTP_SECRET = var.otp_secret\n    ALLOW_EMPTY_PASSWORD = "yes"\n  }\n}\n`;
    expect(scanModule({ "main.tf": secret }, "", [])["credential-in-secret-data"]).toEqual(['"kubernetes_secret_v1" "sensitive": DB_PASS']);
  });
});
