// What process-driver tasks (exec, raw_exec, java) saw on their Nomad node, carried to the pod.
import { describe, expect, it } from "vitest";
import { defaultSiteConfig } from "../../src/config/site-config.js";
import { convert } from "../../src/convert.js";
import type { Task } from "../../src/nomad/model.js";
import { hostDataDirs, hostListUrls } from "../../src/plan/drivers/host-admin.js";
import { artifactArch } from "../../src/plan/workload/placement.js";

const rawExec = (args: string[], env: Record<string, string> = {}, templates: Task["templates"] = []): Task =>
  ({ name: "t", driver: "raw_exec", config: { command: "/usr/local/bin/app", args, ports: [], volumes: [], mounts: [] }, env, templates }) as unknown as Task;

const job = (task: string) => `job "j" {
  datacenters = ["dc1"]
  group "g" {
    network {
      port "http" { static = 9999 }
    }
    task "t" {
${task}
    }
  }
}
`;
const diagnostics = async (text: string) => (await convert([{ file: "j.nomad.hcl", text }], { config: defaultSiteConfig() })).jobs[0].diagnostics;

describe("artifact architecture", () => {
  it("reads the CPU a release was built for from its name", () => {
    expect(artifactArch(["https://x.io/v1/app_linux_amd64.tar.gz"])?.arch).toBe("amd64");
    expect(artifactArch(["https://x.io/v1/app-linux-x86_64.zip"])?.arch).toBe("amd64");
    expect(artifactArch(["https://x.io/v1/app-linux-aarch64"])?.arch).toBe("arm64");
    expect(artifactArch(["https://x.io/v1/app_linux_arm64.tgz"])?.arch).toBe("arm64");
    expect(artifactArch(["https://x.io/v1/ping_armv7l"])?.arch).toBe("arm");
    expect(artifactArch(["https://x.io/v1/app-linux-armhf.tar.gz"])?.arch).toBe("arm");
    expect(artifactArch(["https://x.io/v1/app-linux-arm.tar.gz"])?.arch).toBe("arm");
  });

  it("says nothing when names disagree or say no architecture", () => {
    expect(artifactArch(["https://x.io/a_linux_amd64", "https://x.io/b_linux_arm64"])).toBeUndefined();
    expect(artifactArch(["https://x.io/app.jar", "https://x.io/charming.tar.gz"])).toBeUndefined();
  });
});

describe("raw_exec host directories", () => {
  it("takes a plain path argument or env value, also under /usr/local/var and /var/lib", () => {
    expect(hostDataDirs(rawExec(["server", "/data/minio"]))).toEqual(["/data/minio"]);
    expect(hostDataDirs(rawExec(["--data-dir=/usr/local/var/minio/"]))).toEqual(["/usr/local/var/minio"]);
    expect(hostDataDirs(rawExec([], { STATE: "/var/lib/app" }))).toEqual(["/var/lib/app"]);
    expect(hostDataDirs(rawExec(["--config", "/usr/share/app/app.conf", "/etc/app", "/tmp/x"]))).toEqual([]);
  });

  it("does not read paths out of template bodies that are not the script it runs", () => {
    const hooks = [{ destination: "local/hooks.json", data: '{"regex": "/snapshots/.*"}' }] as Task["templates"];
    expect(hostDataDirs(rawExec(["-hooks", "local/hooks.json"], {}, hooks))).toEqual([]);
    const script = [{ destination: "local/run.sh", data: "tar czf /backups/db.tgz /srv/db" }] as Task["templates"];
    expect(hostDataDirs({ ...rawExec([]), config: { command: "local/run.sh", args: [], ports: [], volumes: [], mounts: [] } } as unknown as Task)).toEqual([]);
    expect(hostDataDirs({ ...rawExec([], {}, script), config: { command: "local/run.sh", args: [], ports: [], volumes: [], mounts: [] } } as unknown as Task)).toEqual(["/backups", "/srv/db"]);
  });

  it("names URLs that list several hosts", () => {
    expect(hostListUrls(rawExec(["server", "http://mm{1...4}/usr/local/var/minio/", "http://one/data"]))).toEqual(["http://mm{1...4}/usr/local/var/minio/"]);
    expect(hostListUrls(rawExec(["server", "http://mm1/usr/local/var/minio/", "http://mm2/usr/local/var/minio/", "http://one/data"]))).toEqual(["http://mm1/usr/local/var/minio/", "http://mm2/usr/local/var/minio/"]);
  });
});

describe("process-driver conversions", () => {
  it("reads the Java version from jdk_path", async () => {
    const d = await diagnostics(job(`      driver = "java"
      config {
        jar_path = "local/app.jar"
        jdk_path = "/usr/lib/jvm/java-11-openjdk"
      }`));
    expect(d.find((x) => x.code === "N2K-DRIVER-003")?.message).toContain(":11-jre");
    expect(d.find((x) => x.code === "N2K-DRIVER-003")?.message).toContain('jdk_path = "/usr/lib/jvm/java-11-openjdk"');
  });

  // A fabio reads the Consul catalog: the fleet's edge router, replaced by the site's ingress controller.
  it("skips a raw_exec fabio as the fleet's edge router", async () => {
    const d = await diagnostics(job(`      driver = "raw_exec"
      config {
        command = "local/fabio"
      }
      artifact {
        source = "https://github.com/fabiolb/fabio/releases/download/v1.6.3/fabio-1.6.3-linux_amd64"
        destination = "local/fabio"
        mode = "file"
      }`));
    expect(d.find((x) => x.code === "N2K-JOB-011")?.message).toContain("runs Fabio, the fleet's edge router");
  });

  it("keeps a fabio given its registry address without a step", async () => {
    const d = await diagnostics(job(`      driver = "raw_exec"
      config {
        command = "local/fabio"
        args = ["-registry.consul.addr", "consul.example.org:8500"]
      }`));
    expect(d.some((x) => x.code === "N2K-DRIVER-010")).toBe(false);
  });
});
