import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli-helpers.js";
import { readTree } from "../helpers.js";
import { folder, jobWith } from "./hostile-helpers.js";

// Credentials a job writes out where no credential-like name gives them away (issue 20): a
// password in a URL, a PEM private key, a Traefik tag's Authorization header or basic-auth
// users, a sensitive input in env. None may sit literally in main.tf, a ConfigMap, a variable
// default, the report or the terminal: each becomes a sensitive input without default, with a
// blocking step naming what to set.

async function convert(job: string) {
  const dir = folder({ "jobs/web.nomad.hcl": job });
  const r = await runCli(["convert", "jobs", "-o", "out", "-v"], dir);
  const tree = readTree(join(dir, "out"));
  return { r, tree, all: Object.values(tree).join("\n") + r.stdout + r.stderr };
}

const PEM = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA0MARKER_PEM0Z3VS5JJcds3xfn/ygWyF8PbnGy0AHB7MhgHcTz\n-----END RSA PRIVATE KEY-----";
const template = (dest: string, body: string) => `      template {\n        destination = "${dest}"\n        data        = <<EOT\n${body}\nEOT\n      }`;

describe("credentials written out under no credential name", () => {
  it("a password in a URL of a template file: the file is kept in a Secret, the password is a sensitive input", async () => {
    const body = "database: postgres://app:MARKER_PG@db.internal:5432/app\nmirror: https://bot:MARKER_GIT@git.example.com/org/repo.git\nplain: https://example.com/x";
    const { r, tree, all } = await convert(jobWith("web", {}, template("local/app.yaml", body)));
    expect(r.code).toBe(0);
    expect(all.match(/MARKER_\w+/g) ?? []).toEqual([]);
    const main = tree["web/main.tf"];
    expect(main).toContain("postgres://app:${var.db_password}@db.internal:5432/app");
    expect(main).toContain("https://bot:${var.git_password}@git.example.com/org/repo.git");
    // The file is in the group's Secret, not its ConfigMap.
    expect(main).not.toMatch(/resource "kubernetes_config_map[^"]*" [^]*app\.yaml/);
    expect(main).toMatch(/resource "kubernetes_secret_v1" "sensitive" \{[^]*"app\.yaml" = /);
    for (const v of ["db_password", "git_password"]) expect(tree["web/variables.tf"]).toMatch(new RegExp(`variable "${v}" \\{[^}]*sensitive   = true\\n\\}`));
    expect(tree["MIGRATION_REPORT.md"]).toContain('`N2K-SEC-008`: set variable "db_password": template local/app.yaml set the password of postgres://app@db.internal to a literal credential');
  });

  it("a URL with a password in env, under any name: a sensitive input read with secret_key_ref", async () => {
    const { tree, all } = await convert(jobWith("web", { DATABASE_URL: '"postgres://app:MARKER_ENV@db/app"' }));
    expect(all.match(/MARKER_\w+/g) ?? []).toEqual([]);
    expect(tree["web/main.tf"]).toMatch(/name = "DATABASE_URL"\s+value_from \{\s+secret_key_ref \{/);
    expect(tree["web/variables.tf"]).toMatch(/variable "database_url" \{[^}]*sensitive   = true\n\}/);
  });

  it("a PEM private key in a template, under secrets/ or not: a sensitive input, never a literal", async () => {
    const { r, tree, all } = await convert(jobWith("web", {}, `${template("secrets/tls.key", PEM)}\n${template("local/signing.pem", `# signing key\n${PEM.replaceAll("RSA ", "")}`)}`));
    expect(r.code).toBe(0);
    expect(all.split("\n").filter((l) => l.includes("MARKER_PEM"))).toEqual([]);
    expect(all).not.toContain("MIIEowIBAAKCAQEA");
    const main = tree["web/main.tf"];
    expect(main).toMatch(/"tls\.key" += "\$\{var\.tls_private_key\}\\n"/);
    expect(main).toContain("# signing key\n${var.signing_private_key}");
    expect(tree["web/variables.tf"]).toMatch(/variable "tls_private_key" \{[^}]*sensitive   = true\n\}/);
    expect(r.stderr).toContain('set variable "signing_private_key": template local/signing.pem set a PEM private key to a literal credential');
  });

  it("a Traefik middleware's Authorization header and basic-auth users: sensitive inputs, set before apply", async () => {
    const tags = [
      "traefik.enable=true",
      "traefik.http.routers.web.rule=Host(`web.example.org`)",
      "traefik.http.routers.web.middlewares=hdr,auth",
      "traefik.http.middlewares.hdr.headers.customrequestheaders.Authorization=Bearer MARKER_BEARER",
      "traefik.http.middlewares.hdr.headers.customrequestheaders.X-Forwarded-Proto=https",
      "traefik.http.middlewares.auth.basicauth.users=admin:$apr1$MARKER_HASH",
    ];
    const job = jobWith("web", {}).replace('      port = "http"\n', `      port = "http"\n      tags = ${JSON.stringify(tags)}\n`);
    const { tree, all } = await convert(job);
    expect(all.match(/MARKER_\w+/g) ?? []).toEqual([]);
    const main = tree["web/main.tf"];
    expect(main).toMatch(/Authorization +\= var\.hdr_authorization\n/);
    expect(main).toMatch(/X-Forwarded-Proto += "https"/);
    expect(main).toContain("data = { users = var.auth_users }");
    expect(tree["MIGRATION_REPORT.md"]).toContain('set variable "auth_users": Traefik middleware auth set its basic-auth users (htpasswd lines) to a literal credential');
  });

  it("a sensitive job input used in env is read from a Secret, not written into the pod spec", async () => {
    const job = `variable "db_pass" {\n  type      = string\n  sensitive = true\n}\n${jobWith("web", { DB_PASS: "var.db_pass", DSN: '"user=app password=${var.db_pass}"' })}`;
    const { tree } = await convert(job);
    const main = tree["web/main.tf"];
    expect(main).not.toMatch(/value += .*var\.db_pass/);
    expect(main).toMatch(/name = "DB_PASS"\s+value_from \{\s+secret_key_ref \{/);
    expect(main).toMatch(/name = "DSN"\s+value_from \{\s+secret_key_ref \{/);
    expect(main).toMatch(/resource "kubernetes_secret_v1" "sensitive" \{[^]*DB_PASS = var\.db_pass/);
  });
});
