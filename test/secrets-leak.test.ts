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
      for (const marker of ["MARKER_TOKEN_1", "MARKER_FILE_BODY_2", "MARKER_RANGE_BODY_3", "MARKER_MIXED_4"]) expect(text.includes(marker), `${marker} in ${where}`).toBe(false);
    }
    // The convertible file template is rendered by the ExternalSecret, and only there.
    expect(tree["leaky/secrets.tf"]).toContain("MARKER_FILE_BODY_2");
    expect(tree["leaky/secrets.tf"]).toContain('password = "{{ .db_password }}"');
    expect(tree["leaky/secrets.tf"]).not.toContain("MARKER_RANGE_BODY_3");
    // What could not be converted is a manual step that quotes line numbers, not content.
    const report = JSON.parse(tree["migration-report.json"]);
    expect(report.jobs[0].manual.map((m: { code: string }) => m.code).sort()).toEqual(["N2K-TPL-001", "N2K-TPL-001"]);
    expect(readFileSync(join(dir, "out", "leaky", "main.tf"), "utf8")).toContain('key  = "API_KEY"');
  });
});
