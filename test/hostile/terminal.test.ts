import { describe, expect, it } from "vitest";
import { runCli } from "../cli-helpers.js";
import { folder } from "./hostile-helpers.js";

// Escape sequences in a job file (issue 20): a job name or a value quoted in a diagnostic cannot
// drive the operator's terminal; they are printed as \xNN.

describe("the terminal gets inert text", () => {
  it("escapes control characters of job names and diagnostics in convert's lines", async () => {
    const job = `job "a\\u001b[31mred" {
  group "g" {
    task "t" {
      driver = "docker"
      config {
        image = "nginx:1"
        volumes = ["name=x\\u001b]0;pwned\\u0007/:/data"]
      }
    }
  }
}
`;
    const dir = folder({ "jobs/web.nomad.hcl": job });
    const r = await runCli(["convert", "jobs", "-o", "out", "-v"], dir, { NO_COLOR: "1" });
    expect(r.stderr).toContain('job "a\\x1b[31mred"');
    expect(r.stderr).toContain("\\x1b]0;pwned\\x07");
    expect(r.stderr).not.toMatch(/[\u001b\u0007]/);
  });
});
