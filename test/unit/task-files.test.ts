import { describe, expect, it } from "vitest";
import { certDuration } from "../../src/plan/secrets/certificates.js";
import { PodVolumes } from "../../src/plan/storage/pod-volumes.js";
import { boundPaths, taskDirVolume } from "../../src/plan/storage/task-volumes.js";
import { taskPath } from "../../src/plan/templates/template-paths.js";

describe("task paths, as Nomad resolves them", () => {
  it("maps the task directories and keeps other relative paths inside the task", () => {
    expect(taskPath("local/app.conf")).toBe("/local/app.conf");
    expect(taskPath("./local")).toBe("/local");
    expect(taskPath("${NOMAD_TASK_DIR}/x.yml")).toBe("/local/x.yml");
    expect(taskPath("secrets/certs/")).toBe("/secrets/certs");
    expect(taskPath("${NOMAD_SECRETS_DIR}/ca.pem")).toBe("/secrets/ca.pem");
    expect(taskPath("../alloc/sock")).toBe("/alloc/sock");
    expect(taskPath("${NOMAD_ALLOC_DIR}/data")).toBe("/alloc/data");
    expect(taskPath("custom/default.conf")).toBe("custom/default.conf");
    expect(taskPath("/etc/app.conf")).toBe("/etc/app.conf");
    expect(taskPath("localdata/x")).toBe("localdata/x");
  });

  it("shows a file under every docker volume that maps its directory or the file itself", () => {
    const binds = [
      { source: "/local/provisioning", target: "/etc/grafana/provisioning/" },
      { source: "custom/default.conf", target: "/etc/nginx/conf.d/default.conf" },
      { source: "/local", target: "/config" },
    ];
    expect(boundPaths("/local/provisioning/datasources/x.yml", binds)).toEqual(["/etc/grafana/provisioning/datasources/x.yml", "/config/provisioning/datasources/x.yml"]);
    expect(boundPaths("custom/default.conf", binds)).toEqual(["/etc/nginx/conf.d/default.conf"]);
    expect(boundPaths("/local/provisioning-old/x", binds)).toEqual(["/config/provisioning-old/x"]);
    expect(boundPaths("/secrets/x", binds)).toEqual([]);
  });
});

describe("Vault TTL as a cert-manager duration", () => {
  it("converts units and raises what is below cert-manager's one-hour minimum", () => {
    expect(certDuration("24h")).toEqual({ duration: "24h", clamped: false });
    expect(certDuration("30d")).toEqual({ duration: "720h", clamped: false });
    expect(certDuration("5400")).toEqual({ duration: "90m", clamped: false });
    expect(certDuration("30m")).toEqual({ duration: "1h", clamped: true });
    expect(certDuration("soon")).toBeUndefined();
  });
});

describe("pod volumes for task directories", () => {
  it("keeps local, alloc and other task directories apart even when their specs look alike", () => {
    const pod = new PodVolumes();
    const names = ["/local", "/alloc", "custom", "/alloc", "/secrets"].map((d) => taskDirVolume(d, pod));
    expect(names).toEqual(["local", "alloc", "task-custom", "alloc", "secrets"]);
    expect(pod.volumes.map((v) => [v.name, v.emptyDir])).toEqual([
      ["local", {}],
      ["alloc", {}],
      ["task-custom", {}],
      ["secrets", { medium: "Memory" }],
    ]);
  });
});
