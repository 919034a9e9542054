import { describe, expect, it } from "vitest";
import { runCli } from "../cli-helpers.js";
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
