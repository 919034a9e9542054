// go-getter's reading of artifact sources, and the script the fetching init container runs.
import { describe, expect, it } from "vitest";
import { artifactScript, type Fetch } from "../../src/plan/storage/artifact-script.js";
import { parseArtifact, type HttpArtifact } from "../../src/plan/storage/artifact-source.js";
import { hostAdministration, windowsTask } from "../../src/plan/drivers/host-admin.js";
import { knownBinary, releaseVersion } from "../../src/plan/drivers/known-binaries.js";
import { taskRelative } from "../../src/plan/drivers/task-dir.js";
import type { Task } from "../../src/nomad/model.js";

const http = (source: string, options: Record<string, string> = {}, mode?: string): HttpArtifact => {
  const p = parseArtifact(source, options, mode);
  if ("unsupported" in p) throw new Error(p.unsupported);
  return p;
};
const script = (a: HttpArtifact, target = "/task/local", headers: Fetch["headers"] = []) => artifactScript([{ artifact: a, target, headers }]);

describe("parseArtifact", () => {
  it("reads the archive kind from the extension, longest first", () => {
    expect(http("https://x.io/a/app-1.0.tar.gz").archive).toBe("tar.gz");
    expect(http("https://x.io/a/app.tgz").archive).toBe("tgz");
    expect(http("https://x.io/a/app.tar.xz").archive).toBe("tar.xz");
    expect(http("https://x.io/a/app.zip").archive).toBe("zip");
    expect(http("https://x.io/a/app.gz").archive).toBe("gz");
    expect(http("https://x.io/a/app.jar").archive).toBeUndefined();
  });

  it("respects archive = false and a forced kind, from options or the query, and strips go-getter's parameters", () => {
    expect(http("https://x.io/app.tar.gz", { archive: "false" }).archive).toBeUndefined();
    const forced = http("https://x.io/download?id=7&archive=zip");
    expect(forced.archive).toBe("zip");
    expect(forced.url).toBe("https://x.io/download?id=7");
    expect(http("https://x.io/bin?filename=tool").fileName).toBe("tool");
  });

  it("reads checksums with a type, guesses a bare one from its length, and refuses bad ones", () => {
    expect(http("https://x.io/a.tgz", { checksum: "sha256:" + "A".repeat(64) }).checksum).toEqual({ type: "sha256", hex: "a".repeat(64) });
    expect(http(`https://x.io/a.tgz?checksum=md5:${"0".repeat(32)}`).checksum).toEqual({ type: "md5", hex: "0".repeat(32) });
    expect(http("https://x.io/a.tgz", { checksum: "1".repeat(40) }).checksum?.type).toBe("sha1");
    expect(parseArtifact("https://x.io/a.tgz", { checksum: "sha256:abc" }, "any")).toHaveProperty("unsupported");
    expect(parseArtifact("https://x.io/a.tgz", { checksum: "file:https://x.io/SHA256SUMS" }, "any")).toHaveProperty("unsupported");
  });

  it("names sources an http fetch cannot stand in for", () => {
    for (const s of ["git::https://g.io/r.git", "github.com/org/repo//dir", "s3::https://s3.amazonaws.com/b/k", "hg::https://h.io/r", "./files/app", "/opt/app.tar.gz", "ftp://x.io/a", "https://x.io/a.tar.zst"]) {
      expect(parseArtifact(s, {}, "any"), s).toHaveProperty("unsupported");
    }
    // A public object over https is plain http to go-getter.
    expect(parseArtifact("https://s3.amazonaws.com/bucket/app.jar", {}, "any")).not.toHaveProperty("unsupported");
  });
});

describe("artifactScript", () => {
  it("downloads, verifies the checksum, then unpacks a tarball into the destination", () => {
    const s = script(http("https://x.io/app.tar.gz", { checksum: "sha256:" + "b".repeat(64) }), "/task/local/app");
    expect(s).toBe(
      [
        "set -eu",
        "# https://x.io/app.tar.gz",
        "mkdir -p /task/local/app",
        "curl -fsSL --retry 3 -o /tmp/artifact-1 'https://x.io/app.tar.gz'",
        `echo '${"b".repeat(64)}  /tmp/artifact-1' | sha256sum -c -`,
        "tar -xzf /tmp/artifact-1 -C /task/local/app",
        "rm -f /tmp/artifact-1",
        "",
      ].join("\n"),
    );
  });

  it("unpacks each archive kind with its tool", () => {
    expect(script(http("https://x.io/a.zip"))).toContain("unzip -o -q /tmp/artifact-1 -d /task/local");
    expect(script(http("https://x.io/a.tar.bz2"))).toContain("tar -xjf /tmp/artifact-1 -C /task/local");
    expect(script(http("https://x.io/a.txz"))).toContain("tar -xJf /tmp/artifact-1 -C /task/local");
    expect(script(http("https://x.io/a.tar"))).toContain("tar -xf /tmp/artifact-1 -C /task/local");
    expect(script(http("https://x.io/tool.gz"))).toContain("gunzip -c /tmp/artifact-1 > /task/local/tool");
    expect(script(http("https://x.io/a.md5", { checksum: "md5:" + "c".repeat(32) }))).toContain("md5sum -c -");
  });

  it("keeps a plain file under its name (mode any) or at the destination (mode file), executable", () => {
    const any = script(http("https://x.io/dl/fabio-1.5.4-linux_amd64"));
    expect(any).toContain("mv /tmp/artifact-1 /task/local/fabio-1.5.4-linux_amd64\nchmod a+x /task/local/fabio-1.5.4-linux_amd64");
    const file = script(http("https://x.io/conf/app.tar.gz", {}, "file"), "/task/local/conf/bundle.tgz");
    expect(file).toContain("mkdir -p /task/local/conf\n");
    expect(file).toContain("mv /tmp/artifact-1 /task/local/conf/bundle.tgz");
    expect(file).not.toContain("tar ");
    expect(script(http("https://x.io/a.tar.gz", { archive: "false" }))).toContain("mv /tmp/artifact-1 /task/local/a.tar.gz");
  });

  it("sends headers from env vars (never their values) and quotes what the shell would read", () => {
    const s = script(http("https://x.io/it's.jar"), "/task/local", [{ name: "Authorization", env: "ARTIFACT_1_AUTHORIZATION" }]);
    expect(s).toContain(`curl -fsSL --retry 3 -H 'Authorization: '"$ARTIFACT_1_AUTHORIZATION" -o /tmp/artifact-1 'https://x.io/it'\\''s.jar'`);
  });

  it("numbers the downloads of several artifacts", () => {
    const s = artifactScript([
      { artifact: http("https://x.io/a.jar"), target: "/task/local", headers: [] },
      { artifact: http("https://x.io/b.zip"), target: "/task/alloc/b", headers: [] },
    ]);
    expect(s).toContain("-o /tmp/artifact-2 'https://x.io/b.zip'");
    expect(s).toContain("unzip -o -q /tmp/artifact-2 -d /task/alloc/b");
  });
});

const task = (driver: string, command: string, args: string[] = [], scripts: string[] = []): Task =>
  ({ name: "t", driver, config: { command, args, ports: [], capAdd: [], capDrop: [], volumes: [], mounts: [] }, templates: scripts.map((data) => ({ data, destination: "local/x.sh", env: false, path: "" })), artifacts: [] }) as unknown as Task;

describe("process drivers", () => {
  it("tells node administration from apps", () => {
    expect(hostAdministration(task("raw_exec", "/usr/bin/docker", ["system", "prune", "-af"]))?.what).toMatch(/prunes/);
    expect(hostAdministration(task("raw_exec", "bash", ["local/cleanup.sh"], ["#!/bin/sh\napt-get install -y jq\n"]))?.what).toMatch(/packages/);
    expect(hostAdministration(task("raw_exec", "systemctl", ["restart", "nginx"]))).toBeDefined();
    expect(hostAdministration(task("raw_exec", "cp", ["local/x.conf", "/etc/nginx/conf.d/"]))).toBeDefined();
    expect(hostAdministration(task("raw_exec", "/usr/local/bin/caddy", ["run", "--config", "local/Caddyfile"]))).toBeUndefined();
    expect(hostAdministration(task("raw_exec", "bash", ["local/run.sh"], ["cat /etc/hostname\n"]))).toBeUndefined();
    expect(hostAdministration(task("exec", "systemctl", ["status"]))).toBeUndefined();
    expect(windowsTask(task("raw_exec", "powershell.exe"))).toBeDefined();
    expect(windowsTask(task("win_iis", ""))).toBeDefined();
    expect(windowsTask(task("raw_exec", "/usr/bin/env"))).toBeUndefined();
  });

  it("knows programs by file name and finds their release version", () => {
    expect(knownBinary("local/node_exporter-1.2.3.linux-amd64/node_exporter")?.image).toBe("quay.io/prometheus/node-exporter");
    expect(knownBinary("fabio-1.5.4-go1.9.2-linux_amd64")?.name).toBe("fabio");
    expect(knownBinary("/usr/bin/consul-esm")?.name).toBe("consul-esm");
    expect(knownBinary("/usr/bin/nomad")?.image).toBe("hashicorp/nomad");
    expect(knownBinary("/usr/bin/nomad-autoscaler")?.name).toBe("nomad-autoscaler");
    expect(knownBinary("/usr/local/bin/ikea_checker")).toBeUndefined();
    const k = knownBinary("fabio")!;
    expect(releaseVersion(k, ["fabio", "https://github.com/fabiolb/fabio/releases/download/v1.5.4/fabio-1.5.4-go1.9.2-linux_amd64"])).toBe("1.5.4");
    expect(releaseVersion(k, ["fabio"])).toBeUndefined();
  });

  it("makes task-relative paths in args absolute", () => {
    expect(["local/a.yml", "-config=local/b.hcl", "./alloc/data", "http://h/local/x", "mylocal/x"].map((a) => taskRelative(a))).toEqual(["/local/a.yml", "-config=/local/b.hcl", "/alloc/data", "http://h/local/x", "mylocal/x"]);
    // A file a template renders at the task directory's root, named relatively.
    expect(["Caddyfile", "--config=app.ini", "./Caddyfile", "Caddyfile.bak", "run"].map((a) => taskRelative(a, ["Caddyfile", "app.ini"]))).toEqual(["/Caddyfile", "--config=/app.ini", "/Caddyfile", "Caddyfile.bak", "run"]);
  });
});
