import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli-helpers.js";
import { folder } from "./hostile-helpers.js";

// Crafted volumes (issue 20): a volume name cannot become a hostPath outside the storage root.

const withVolume = (source: string) => `job "web" {
  group "g" {
    volume "v" {
      type   = "host"
      source = ${JSON.stringify(source)}
    }
    task "t" {
      driver = "docker"
      config { image = "nginx:1" }
      volume_mount {
        volume      = "v"
        destination = "/data"
      }
    }
  }
}
`;

describe("volume names stay under the storage root", () => {
  it.each(["../../../etc", "/etc", "a/../../b", ".."])("host volume source %s fails the job, no hostPath written", async (source) => {
    const dir = folder({ "jobs/web.nomad.hcl": withVolume(source) });
    const r = await runCli(["convert", "jobs", "-o", "out", "--json"], dir);
    expect(r.code).toBe(1);
    const job = JSON.parse(r.stdout).jobs[0];
    expect(job.status).toBe("failed");
    expect(job.errors[0].code).toBe("N2K-VOL-013");
    expect(job.errors[0].message).toContain(`source ${JSON.stringify(source)} is empty, absolute or has "/" or ".." in it`);
    expect(existsSync(join(dir, "out", "web", "main.tf"))).toBe(false);
  });

  it("a plain name maps under the root as before", async () => {
    const dir = folder({ "jobs/web.nomad.hcl": withVolume("data") });
    const r = await runCli(["convert", "jobs", "-o", "out"], dir);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, "out", "web", "main.tf"), "utf8")).toMatch(/path = "[^"]*\/data"/);
  });
});

describe("sub paths and mount paths stay inside", () => {
  it('refuses a sub path or a template destination that climbs with "..", naming it; keeps one that stays inside', async () => {
    const job = `job "a" {
  group "g" {
    task "t" {
      driver = "docker"
      config {
        image   = "nginx:1"
        volumes = ["local/../../etc:/data", "local/x/../y:/v"]
      }
      template {
        data        = "x"
        destination = "local/../../../etc/passwd"
      }
    }
  }
}
`;
    const dir = folder({ "jobs/a.nomad.hcl": job });
    const r = await runCli(["convert", "jobs", "-o", "out", "-v"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('N2K-VOL-014 jobs/a.nomad.hcl job "a" (job.a.group.g.task.t): task "t": the mount of volume "local" at "/data" is not written: its sub path "../../etc" climbs out of the volume with ".."');
    expect(r.stderr).toContain('at "/local/../../../etc/passwd" is not written: its mount path climbs with ".." (to /etc/passwd)');
    expect(r.stderr).not.toContain('"y"');
    const ok = folder({ "jobs/a.nomad.hcl": job.replace('"local/../../etc:/data", ', "").replace(/\n      template \{[^}]*\}/, "") });
    const fine = await runCli(["convert", "jobs", "-o", "out"], ok);
    expect(fine.code).toBe(0);
    expect(readFileSync(join(ok, "out/a/main.tf"), "utf8")).toMatch(/mount_path = "\/v"\n\s+sub_path\s+= "y"/);
  });
});
