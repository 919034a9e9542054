import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readTree } from "./helpers.js";
import { runCli, scratch } from "./cli-helpers.js";

// Secret template bodies, values and Vault tokens must never reach a ConfigMap, a variable
// default, the report (markdown or JSON) or the terminal. The markers stand for them.
const JOB = `
job "leaky" {
  vault_token = "hvs.MARKER_TOKEN_1"

  group "app" {
    task "app" {
      driver = "docker"

      vault {
        policies = ["leaky"]
      }

      config {
        image = "example/app:1"
      }

      template {
        data        = <<EOF
{{ with secret "secret/data/default/leaky" }}
[database]
password = "{{ .Data.data.db_password }}"
fallback = "MARKER_FILE_BODY_2"
{{ end }}
EOF
        destination = "secrets/app.ini"
      }

      template {
        data        = <<EOF
{{ with secret "secret/data/default/leaky" }}
{{ range $k, $v := .Data.data }}{{ $k }}=MARKER_RANGE_BODY_3{{ $v }}
{{ end }}{{ end }}
EOF
        destination = "secrets/dump.env"
      }

      template {
        data        = <<EOF
{{ with secret "pki/issue/leaky" "common_name=leaky.example.com" }}
{{ .Data.private_key }}
{{ end }}
EOF
        destination = "secrets/key.pem"
      }

      template {
        data        = <<EOF
ssl_key = """{{ with secret "pki/issue/leaky" "common_name=leaky.example.com" }}MARKER_PKI_5{{ .Data.private_key }}{{ end }}"""
EOF
        destination = "local/tls.conf"
      }

      template {
        data        = <<EOF
{{ with pkiCert "pki/issue/leaky" "common_name=leaky.example.com" }}{{ .Key }}MARKER_PKICERT_6{{ end }}
EOF
        destination = "local/pki-cert.pem"
      }

      template {
        data        = <<EOF
{{ with nomadVar "nomad/jobs/leaky" }}{{ range $k, $v := . }}MARKER_NOMADVAR_7{{ $v }}{{ end }}{{ end }}
EOF
        destination = "local/var.txt"
      }

      template {
        data        = <<EOF
{{ range nomadVarList "nomad/jobs/leaky" }}MARKER_VARLIST_8{{ .Path }}{{ end }}
EOF
        destination = "local/varlist.txt"
      }

      template {
        data        = <<EOF
{{ range nomadVarListSafe "nomad/jobs/leaky" }}MARKER_VARLISTSAFE_9{{ .Path }}{{ end }}
EOF
        destination = "local/varlistsafe.txt"
      }

      template {
        data        = <<EOF
{{ range secrets "kv/metadata/leaky/" }}MARKER_SECRETS_10{{ . }}{{ end }}
EOF
        destination = "local/secrets-list.txt"
      }

      template {
        data        = <<EOF
{{ $s := secret "kv/data/leaky" }}MARKER_ASSIGN_11{{ $s.Data.data.x | base64Decode }}
EOF
        destination = "local/assign.txt"
      }

      template {
        data        = <<EOF
DSN=postgres://app:MARKER_MIXED_4@{{ with secret "secret/data/default/leaky" }}{{ .Data.data.host }}{{ end }}/app
API_KEY={{ with secret "secret/data/default/leaky" }}{{ .Data.data.api_key }}{{ end }}
EOF
        destination = "secrets/app.env"
        env         = true
      }
    }
  }
}
`;

const MARKERS = ["MARKER_TOKEN_1", "MARKER_FILE_BODY_2", "MARKER_RANGE_BODY_3", "MARKER_MIXED_4", "MARKER_PKI_5", "MARKER_PKICERT_6", "MARKER_NOMADVAR_7", "MARKER_VARLIST_8", "MARKER_VARLISTSAFE_9", "MARKER_SECRETS_10", "MARKER_ASSIGN_11"];

describe("secrets never leak", () => {
  it("keeps secret template bodies and tokens out of ConfigMaps, variables, the report and the terminal", async () => {
    const dir = scratch(false);
    writeFileSync(join(dir, "leaky.nomad.hcl"), JOB);
    const r = await runCli(["convert", "leaky.nomad.hcl", "-o", "out", "--json", "--verbose"], dir);
    expect(r.code).toBe(0);
    const tree = readTree(join(dir, "out"));
    const places: Record<string, string> = {
      stdout: r.stdout,
      stderr: r.stderr,
      "MIGRATION_REPORT.md": tree["MIGRATION_REPORT.md"],
      "migration-report.json": tree["migration-report.json"],
      "variables.tf": tree["leaky/variables.tf"],
      "main.tf (ConfigMaps, env)": tree["leaky/main.tf"],
    };
    for (const [where, text] of Object.entries(places)) {
      expect(text, where).toBeDefined();
      for (const marker of MARKERS) expect(text.includes(marker), `${marker} in ${where}`).toBe(false);
    }
    // No template that calls Vault or Nomad variables becomes a ConfigMap.
    expect(tree["leaky/main.tf"]).not.toContain("kubernetes_config_map");
    // The PKI templates read a cert-manager Certificate's TLS secret, mounted where Nomad wrote the key.
    expect(tree["leaky/secrets.tf"]).toContain('kind       = "Certificate"');
    expect(tree["leaky/main.tf"]).toMatch(/mount_path = "\/secrets\/key.pem"\s+sub_path\s+= "tls.key"/);
    for (const marker of MARKERS.slice(4).filter((m) => m !== "MARKER_NOMADVAR_7")) expect(tree["leaky/secrets.tf"].includes(marker), `${marker} in secrets.tf`).toBe(false);
    // The convertible file template is rendered by the ExternalSecret, and only there.
    expect(tree["leaky/secrets.tf"]).toContain("MARKER_FILE_BODY_2");
    expect(tree["leaky/secrets.tf"]).toContain('password = "{{ .db_password }}"');
    // So are the files that list every key of one secret (an ExternalSecret of their own, dataFrom extract).
    expect(tree["leaky/secrets.tf"]).toContain("{{ range $k, $v := . }}{{ $k }}=MARKER_RANGE_BODY_3{{ $v }}");
    expect(tree["leaky/secrets.tf"]).toContain("{{ range $k, $v := . }}MARKER_NOMADVAR_7{{ $v }}{{ end }}");
    // What could not be converted is a manual step that quotes line numbers, not content.
    const report = JSON.parse(tree["migration-report.json"]);
    const codes = report.jobs[0].manual.map((m: { code: string }) => m.code);
    // Once per template that needs a hand: the env line, PKI mixed with text, the secret lists, the assignment.
    expect(codes.filter((c: string) => c === "N2K-TPL-001")).toHaveLength(5);
    expect(codes.filter((c: string) => c === "N2K-SEC-009")).toHaveLength(2);
    expect(codes.filter((c: string) => c === "N2K-PKI-002")).toHaveLength(2);
    expect(readFileSync(join(dir, "out", "leaky", "main.tf"), "utf8")).toContain('key  = "API_KEY"');
  });
  it("puts secret material that comes without Vault in Secrets and marks its inputs sensitive", async () => {
    const dir = scratch(false);
    writeFileSync(
      join(dir, "plain.nomad.hcl"),
      `
variable "app_env" {
  type = string
}

variable "api_token" {
  type = string
}

variable "api_host" {
  type = string
}

job "plain" {
  group "app" {
    task "app" {
      driver = "docker"

      config {
        image = "example/app:1"
        args  = ["--password", "$\${DB_PASSWORD}"]
      }

      template {
        data        = base64decode(var.app_env)
        destination = "secrets/app.env"
        env         = true
      }

      template {
        data        = "host = \${var.api_host}\\ntoken = \${var.api_token}\\n"
        destination = "local/client.conf"
      }

      template {
        data        = "shared = MARKER_SECRETS_DIR_12\\n"
        destination = "secrets/shared.ini"
      }

      template {
        data        = "id = MARKER_SSH_KEY_13\\n"
        destination = "local/id_deploy"
      }

      template {
        data        = "DB_PASSWORD=MARKER_ENV_PASSWORD_14\\nLOG_LEVEL=info\\n"
        destination = "local/app.env"
        env         = true
      }

      template {
        data        = "level = info\\n"
        destination = "local/app.conf"
      }
    }
  }
}
`,
    );
    const r = await runCli(["convert", "plain.nomad.hcl", "-o", "out", "--json", "--verbose"], dir);
    expect(r.code, r.stderr).toBe(0);
    const tree = readTree(join(dir, "out"));
    const main = tree["plain/main.tf"];
    const block = (type: string) => main.split(/\n(?=resource )/).filter((b) => b.startsWith(`resource "${type}"`)).join("\n");
    const configMaps = block("kubernetes_config_map");
    const secrets = block("kubernetes_secret_v1");
    const markers = ["MARKER_SECRETS_DIR_12", "MARKER_SSH_KEY_13", "MARKER_ENV_PASSWORD_14"];
    for (const m of markers) {
      for (const [where, text] of Object.entries({ stdout: r.stdout, stderr: r.stderr, "MIGRATION_REPORT.md": tree["MIGRATION_REPORT.md"], "migration-report.json": tree["migration-report.json"], "variables.tf": tree["plain/variables.tf"], ConfigMaps: configMaps })) {
        expect(text.includes(m), `${m} in ${where}`).toBe(false);
      }
      // A literal credential in env is not even kept in the module: a sensitive input takes its place.
      if (m === "MARKER_ENV_PASSWORD_14") expect(main.includes(m), `${m} in main.tf`).toBe(false);
      else expect(secrets, `${m} in the module's Secret`).toContain(m);
    }
    expect(secrets).toMatch(/DB_PASSWORD\s+= var\.db_password/);
    expect(tree["plain/variables.tf"]).toMatch(/variable "db_password" \{[^}]*sensitive\s+= true\n\}/);
    // The static non-secret template stays a ConfigMap; the input-fed file reads the input in the Secret.
    expect(configMaps).toContain("level = info");
    expect(configMaps).not.toContain("var.api_token");
    expect(secrets).toContain("token = ${var.api_token}");
    expect(main).not.toMatch(/value\s*=\s*"MARKER/);
    // The env file from a module input: a Secret built from its lines, loaded with env_from.
    expect(secrets).toContain("split(\"\\n\", replace(base64decode(var.app_env)");
    expect(main).toMatch(/env_from \{\s+secret_ref \{\s+name = kubernetes_secret_v1\.app_app_env\.metadata\[0\]\.name/);
    expect(main).toContain('args  = ["--password", "$(DB_PASSWORD)"]');
    // A plain setting next to the token is not secret material.
    expect(tree["plain/variables.tf"]).toMatch(/variable "api_host" \{[^}]*type\s+= string\n\}/);
    for (const v of ["app_env", "api_token"]) expect(tree["plain/variables.tf"]).toMatch(new RegExp(`variable "${v}" \\{[^}]*sensitive\\s+= true`));
    const report = JSON.parse(tree["migration-report.json"]);
    const manual = report.jobs[0].manual.filter((m: { code: string }) => m.code === "N2K-TPL-007");
    expect(manual).toHaveLength(1);
    expect(manual[0].message).toContain('"app_env"');
  });

  it("keeps credentials in Traefik middleware tags out of the report, the terminal and the comments; basic-auth users go to a Secret", async () => {
    const dir = scratch(false);
    writeFileSync(
      join(dir, "gate.nomad.hcl"),
      `job "gate" {
  group "gate" {
    network {
      port "http" { to = 8080 }
    }
    service {
      name = "gate"
      port = "http"
      tags = [
        "traefik.enable=true",
        "traefik.http.routers.gate.rule=Host(\`gate.example.org\`)",
        "traefik.http.routers.gate.middlewares=gate-auth,gate-headers,gate-plugin",
        "traefik.http.middlewares.gate-auth.basicauth.users=admin:MARKER_HTPASSWD_15",
        "traefik.http.middlewares.gate-headers.headers.customrequestheaders.Authorization=Bearer MARKER_HEADER_16",
        "traefik.http.middlewares.gate-plugin.plugin.auth.token=MARKER_PLUGIN_17",
      ]
    }
    task "gate" {
      driver = "docker"
      config {
        image = "example/gate:1"
        ports = ["http"]
      }
    }
  }
}
`,
    );
    const r = await runCli(["convert", "gate.nomad.hcl", "-o", "out", "--json", "--verbose"], dir);
    expect(r.code).toBe(0);
    const tree = readTree(join(dir, "out"));
    const main = tree["gate/main.tf"];
    const comments = main.split("\n").filter((l) => /^\s*#/.test(l)).join("\n");
    for (const m of ["MARKER_HTPASSWD_15", "MARKER_HEADER_16", "MARKER_PLUGIN_17"]) {
      for (const [where, text] of Object.entries({ stdout: r.stdout, stderr: r.stderr, "MIGRATION_REPORT.md": tree["MIGRATION_REPORT.md"], "migration-report.json": tree["migration-report.json"], "variables.tf": tree["gate/variables.tf"], comments })) {
        expect(text.includes(m), `${m} in ${where}`).toBe(false);
      }
    }
    const secret = main.split(/\n(?=resource )/).find((b) => b.startsWith('resource "kubernetes_secret_v1" "middleware_gate_auth_users"'));
    // Filled from a sensitive input: the literal is in no file of the module.
    expect(secret).toContain("data = { users = var.gate_auth_users }");
    expect(main).not.toContain("MARKER");
    const auth = main.split(/\n(?=resource )/).find((b) => b.startsWith('resource "kubectl_manifest" "middleware_gate_auth"'));
    expect(auth).toContain("secret = kubernetes_secret_v1.middleware_gate_auth_users.metadata[0].name");
    expect(auth).not.toContain("MARKER");
  });
});
