// What process-driver tasks (exec, raw_exec, java) saw on their Nomad node, carried to the pod.
import { describe, expect, it } from "vitest";
import { defaultSiteConfig } from "../../src/config/site-config.js";
import { convert } from "../../src/convert.js";
import type { Task } from "../../src/nomad/model.js";
import { hostDataDirs, hostListUrls } from "../../src/plan/drivers/host-admin.js";
import { knownBinary } from "../../src/plan/drivers/known-binaries.js";
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
const mainTf = async (text: string) => Object.entries((await convert([{ file: "j.nomad.hcl", text }], { config: defaultSiteConfig() })).files).find(([f]) => f.endsWith("/main.tf"))?.[1] ?? "";
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

describe("known programs", () => {
  it("matches a program's own name, alone or with a release suffix", () => {
    expect(knownBinary("/usr/local/bin/consul")?.name).toBe("consul");
    expect(knownBinary("local/node_exporter-1.6.1.linux-amd64/node_exporter")?.name).toBe("node_exporter");
    expect(knownBinary("local/node_exporter-1.6.1.linux-amd64")?.name).toBe("node_exporter");
    expect(knownBinary("local/fabio-1.5.4-go1.9.2-linux_amd64")?.name).toBe("fabio");
    expect(knownBinary("hashi-ui-linux-amd64")?.name).toBe("hashi-ui");
    expect(knownBinary("consul-esm_0.7.1_linux_x86_64")?.name).toBe("consul-esm");
    expect(knownBinary("local/minio.RELEASE.2023-05-04T21-44-30Z")?.name).toBe("minio");
    expect(knownBinary("minio.sh")).toBeUndefined();
  });

  it("does not take another program that shares a prefix for it", () => {
    for (const other of ["consul-template", "/usr/local/bin/consul-template", "nomad-pack", "nomad-driver-podman", "vault-agent-helper", "node_exporter_textfile_collector", "prometheus-pushgateway", "traefik-forward-auth", "redis-server-wrapper.sh", "caddy2nginx"]) {
      expect(knownBinary(other), other).toBeUndefined();
    }
  });
});

describe("prestart helpers in a shell image", () => {
  const withHelper = (helper: string, app = 'volumes = ["/srv/app:/data"]') => `job "j" {
  datacenters = ["dc1"]
  group "g" {
    task "prep" {
      lifecycle {
        hook = "prestart"
      }
${helper}
    }
    task "app" {
      driver = "docker"
      config {
        image = "example/app:1"
        ${app}
      }
    }
  }
}
`;
  it("runs one that prepares a directory the app binds, mounting the same host path", async () => {
    const text = withHelper(`      driver = "raw_exec"
      config {
        command = "/bin/bash"
        args = ["-c", "mkdir -p /srv/app/cache && chown 1000 \\"$(dirname /srv/app/cache)\\""]
      }`);
    const tf = await mainTf(text);
    expect(tf).toMatch(/init_container \{\s+name\s+= "prep"\s+image\s+= "busybox:/);
    expect(tf).toContain('command     = ["sh"]');
    expect(tf).toMatch(/name\s+= "prep"[\s\S]*mount_path = "\/srv\/app"[\s\S]*container \{/);
    expect((await diagnostics(text)).some((d) => d.code === "N2K-DRIVER-002")).toBe(false);
  });

  it("keeps the step for a program of the node, a path no volume mounts, or a script on the node", async () => {
    const cases: [string, string][] = [
      ['command = "/usr/local/bin/register-dns"', "runs register-dns"],
      ['command = "sh"\n        args = ["-c", "mkdir -p /var/cache/app"]', "touches /var/cache/app on the node"],
      ['command = "/bin/bash"\n        args = ["/opt/scripts/init.sh"]', "not in the job"],
      ['command = "sh"\n        args = ["-c", "consul kv get app/x > /alloc/x"]', "runs consul"],
    ];
    for (const [config, why] of cases) {
      const d = await diagnostics(withHelper(`      driver = "raw_exec"
      config {
        ${config}
      }`));
      expect(d.find((x) => x.code === "N2K-DRIVER-002")?.message, config).toContain(why);
    }
  });

  it("gives an exec helper only its own volumes: a host path is the chroot's, not the app's", async () => {
    const d = await diagnostics(withHelper(`      driver = "exec"
      config {
        command = "/bin/rm"
        args = ["-rf", "/srv/app/tmp"]
      }`));
    expect(d.find((x) => x.code === "N2K-DRIVER-002")?.message).toContain("touches /srv/app/tmp");
  });
});

describe("node agents", () => {
  const agent = (type: string, driver: string, args = '["--path.sysfs=/sys"]') => `job "j" {
  datacenters = ["dc1"]
  type = "${type}"
  group "g" {
    task "t" {
      driver = "${driver}"
      config {
        command = "/usr/local/bin/node_exporter"
        args = ${args}
      }
    }
  }
}
`;
  it("gives node_exporter of a raw_exec system job the node's network, PID namespace and file systems", async () => {
    const tf = await mainTf(agent("system", "raw_exec"));
    expect(tf).toContain("host_network = true");
    expect(tf).toContain("host_pid     = true");
    for (const [path, at] of [["/proc", "/host/proc"], ["/sys", "/host/sys"], ["/", "/host/root"]]) {
      expect(tf).toMatch(new RegExp(`host_path \\{\\s+path = "${path}"`));
      expect(tf).toContain(`mount_path = "${at}"`);
    }
    // The job's own --path.sysfs=/sys named the node's; the pod's is mounted at /host/sys.
    expect(tf).not.toContain('"--path.sysfs=/sys"');
    expect(tf).toContain('"--path.sysfs=/host/sys"');
  });

  it("leaves a hint only, outside a system job or under exec", async () => {
    for (const text of [agent("service", "raw_exec"), agent("system", "exec")]) {
      const tf = await mainTf(text);
      expect(tf).not.toContain("host_pid");
      expect(tf).not.toContain('mount_path = "/host/proc"');
      expect(tf).toContain("--path.procfs/--path.sysfs");
    }
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

  it("runs the program in its task directory, an empty_dir where local/ and root-rendered files show", async () => {
    const tf = await mainTf(job(`      driver = "exec"
      config {
        command = "local/app"
        args = ["-c", "app.ini"]
      }
      template {
        destination = "app.ini"
        data = "x = 1"
      }`));
    expect(tf).toContain('working_dir = "/task"');
    for (const path of ["/task", "/task/local", "/task/app.ini", "/local", "/app.ini"]) expect(tf).toContain(`mount_path = "${path}"`);
    expect(tf).toMatch(/volume \{\s+name = "taskdir"\s+empty_dir \{\}/);
  });

  it("keeps the job's own work_dir", async () => {
    const tf = await mainTf(job(`      driver = "raw_exec"
      config {
        command = "/opt/app/bin/app"
        work_dir = "/opt/app"
      }`));
    expect(tf).toContain('working_dir = "/opt/app"');
    expect(tf).toContain('mount_path = "/task/local"');
  });
});
