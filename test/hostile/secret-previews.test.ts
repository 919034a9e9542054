import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hideSecrets } from "../../src/cli/hide-secrets.js";
import { runCli } from "../cli-helpers.js";
import { readTree } from "../helpers.js";
import { folder } from "./hostile-helpers.js";

// Secret material a job file holds (issue 20): a PEM key in a secrets/ template, basic-auth
// users and an Authorization header in Traefik tags, a password in a URL beside a Consul lookup
// (sensitive inputs: the module does not hold them), a literal token in a file kept in a Secret
// (the module holds it). Previews, -v, comments and reports show keys and line numbers, never
// the values (the MARKER strings stand for them).
const JOB = `job "web" {
  group "app" {
    network {
      port "http" { to = 8080 }
    }
    service {
      name = "web"
      port = "http"
      tags = [
        "traefik.http.middlewares.auth.basicauth.users=admin:$apr1$MARKER_BASIC",
        "traefik.http.middlewares.h.headers.customrequestheaders.Authorization=Bearer MARKER_BEARER",
        "traefik.http.services.x.loadbalancer.foo.Authorization=Bearer MARKER_TAG",
      ]
    }
    task "app" {
      driver = "docker"
      config {
        image = "example/web:1.0"
        ports = ["http"]
      }
      template {
        data = <<EOT
-----BEGIN PRIVATE KEY-----
MARKER_PEM
-----END PRIVATE KEY-----
EOT
        destination = "secrets/key.pem"
      }
      template {
        data = <<EOT
DB=postgres://u:MARKER_LINE@{{ range service "db" }}{{ .Address }}{{ end }} {{ keyOrDefault "app/x" "MARKER_DEFAULT" }}
token = MARKER_FILE
EOT
        destination = "secrets/app.conf"
      }
    }
  }
}
`;

const leaks = (text: string) => text.match(/MARKER_\w+/g) ?? [];

describe("secrets never shown", () => {
  it("diff shows Secret keys and a Middleware's header names, not their values", async () => {
    const dir = folder({ "jobs/web.nomad.hcl": JOB });
    const r = await runCli(["diff", "jobs", "-o", "out", "--report"], dir);
    expect(r.code).toBe(1);
    expect(leaks(r.stdout + r.stderr)).toEqual([]);
    // The file kept in a Secret holds a literal; the key, the users and the header are inputs.
    expect(r.stdout).toMatch(/\+ +"app.conf" += <<EOT\n(\+\(sensitive value\)\n)+\+EOT\n/);
    expect(r.stdout).toMatch(/\+ +"key.pem" += "\(sensitive value\)"\n/);
    expect(r.stdout).toContain("data = { users = var.auth_users }");
    expect(r.stdout).toContain("Authorization = var.h_authorization");
  });

  it("diff hides the old values of a module on disk too", async () => {
    const dir = folder({ "jobs/web.nomad.hcl": JOB });
    expect((await runCli(["convert", "jobs", "-o", "out"], dir)).code).toBe(0);
    // The module keeps the literal of a file kept in a Secret (the operator applies it unedited);
    // a private key or a URL's password it takes from sensitive inputs.
    const main = readFileSync(join(dir, "out/web/main.tf"), "utf8");
    expect(main).toContain("MARKER_FILE");
    expect(leaks(main).filter((m) => m !== "MARKER_FILE")).toEqual([]);
    const changed = readFileSync(join(dir, "jobs/web.nomad.hcl"), "utf8").replace(/MARKER_(\w+)/g, "MARKER_NEW_$1");
    const again = folder({ "jobs/web.nomad.hcl": changed });
    const r = await runCli(["diff", join(again, "jobs"), "-o", "out"], dir);
    expect(r.code).toBe(1);
    expect(leaks(r.stdout + r.stderr)).toEqual([]);
  });

  it("migrate's preview hides them", async () => {
    const dir = folder({ "jobs/web.nomad.hcl": JOB });
    const r = await runCli(["migrate", "jobs/web.nomad.hcl", "-o", "out", "--yes"], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("(sensitive value)");
    expect(leaks(r.stdout + r.stderr)).toEqual([]);
  });

  it("-v, the report and main.tf comments quote lookups and tag names, not lines and values", async () => {
    const dir = folder({ "jobs/web.nomad.hcl": JOB });
    const r = await runCli(["convert", "jobs", "-o", "out", "-v"], dir);
    expect(r.code).toBe(0);
    expect(leaks(r.stdout + r.stderr)).toEqual([]);
    expect(r.stderr).toContain('template line 1: `{{ range service "db" }}`');
    // keyOrDefault's default in a file kept in a Secret is part of its body: a sensitive input, no default.
    expect(r.stderr).toContain('read Consul key "app/x" (keyOrDefault); Kubernetes has no Consul KV, so the module takes the value from a sensitive input without default');
    expect(r.stderr).toContain("traefik.http.services.x.loadbalancer.foo.Authorization=(value not shown)");
    const tree = readTree(join(dir, "out"));
    expect(leaks(tree["MIGRATION_REPORT.md"] + tree["migration-report.json"])).toEqual([]);
    const comments = tree["web/main.tf"].split("\n").filter((l) => l.trim().startsWith("#"));
    expect(comments.some((l) => l.includes("N2K-TPL-002"))).toBe(true);
    expect(leaks(comments.join("\n"))).toEqual([]);
  });
});

describe("hideSecrets", () => {
  it("keeps keys, references and non-secret resources as they are", () => {
    const tf = [
      'resource "kubernetes_secret_v1" "s" {',
      "  metadata {",
      '    name = "${local.app_name}-s"',
      "  }",
      "  data = {",
      '    "a.pem" = <<EOT',
      "secret line",
      "EOT",
      "    API_KEY = var.api_key",
      '    B       = "${jsonencode({ "x" = "hunter2" })}"',
      "  }",
      "}",
      'resource "kubernetes_config_map_v1" "c" {',
      '  data = { A = "visible" }',
      "}",
    ].join("\n");
    const shown = hideSecrets(tf);
    expect(shown).not.toContain("hunter2");
    expect(shown).not.toContain("secret line");
    expect(shown).toContain('name = "${local.app_name}-s"');
    expect(shown).toContain("API_KEY = var.api_key");
    expect(shown).toContain('data = { A = "visible" }');
    expect(shown.split("\n")).toHaveLength(15);
  });
});
