import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli-helpers.js";
import { readTree } from "../helpers.js";
import { folder } from "./hostile-helpers.js";

// Crafted --var values (issue 20): an error names the variable and the types, never the value.

describe("secrets never shown", () => {
  it("a --var of the wrong type is reported by name and types only", async () => {
    const job = 'variable "port" {\n  type = number\n}\njob "web" {\n  group "g" {\n    task "t" {\n      driver = "docker"\n      config { image = "nginx:1" }\n      env { P = var.port }\n    }\n  }\n}\n';
    const dir = folder({ "jobs/web.nomad.hcl": job });
    const r = await runCli(["convert", "jobs", "-o", "out", "--json", "--var", "port=hunter2", "-v"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).not.toContain("hunter2");
    expect(r.stderr).toContain('variable "port": expected number, got string');
  });
});

describe("a --var for a sensitive input", () => {
  it("is never written into a module: it stays a sensitive input, given at apply time", async () => {
    const job = `variable "api_key" {
  type    = string
  default = "MARKER_DEFAULT"
}
variable "dbpw" {
  type      = string
  sensitive = true
}
variable "region" {
  type = string
}
job "web" {
  group "g" {
    task "t" {
      driver = "docker"
      config {
        image = "nginx:1"
        args  = [var.region, var.dbpw]
      }
      env {
        SETTING = var.api_key
      }
    }
  }
}
`;
    const dir = folder({ "jobs/web.nomad.hcl": job });
    const r = await runCli(["convert", "jobs", "-o", "out", "-v", "--var", "api_key=MARKER_KEY", "--var", "dbpw=MARKER_PW", "--var", "region=eu-west"], dir);
    expect(r.code).toBe(0);
    const tree = readTree(join(dir, "out"));
    const all = Object.values(tree).join("\n") + r.stdout + r.stderr;
    expect(all.match(/MARKER_\w+/g) ?? []).toEqual([]);
    // A plain variable is still written in.
    expect(tree["web/main.tf"]).toContain('args  = ["eu-west", var.dbpw]');
    // A sensitive input in env is read from the group's Secret, not written into the pod spec.
    expect(tree["web/main.tf"]).toMatch(/name = "SETTING"\s+value_from \{\s+secret_key_ref \{/);
    expect(tree["web/main.tf"]).toContain("SETTING = var.api_key");
    for (const v of ["api_key", "dbpw"]) expect(tree["web/variables.tf"]).toMatch(new RegExp(`variable "${v}" \\{[^}]*sensitive   = true`));
    expect(r.stderr).toContain('N2K-SEC-010');
    expect(r.stderr).toContain("TF_VAR_dbpw");
    expect(tree["MIGRATION_REPORT.md"]).toContain("TF_VAR_api_key");
  });
});
