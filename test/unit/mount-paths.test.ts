import { describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/diagnostics.js";
import { nomadDataPath } from "../../src/nomad/nomad-data-path.js";
import { uniqueMounts } from "../../src/plan/storage/mount-paths.js";
import { mount, normalizeMountPath } from "../../src/plan/storage/pod-volumes.js";

describe("mount paths", () => {
  it.each([
    ["/data/", "/data"],
    ["/data//db", "/data/db"],
    ["/./data/./x/", "/data/x"],
    ["/", "/"],
    ["//", "/"],
  ])("spells %j as %j", (p, want) => {
    expect(normalizeMountPath(p)).toBe(want);
    expect(mount("v", p).mountPath).toBe(want);
  });

  it("keeps one mount per path in a container and reports a different volume there", () => {
    const d = new Diagnostics();
    const out = uniqueMounts([mount("host", "/data/"), { name: "host", mountPath: "/data" }, { name: "cache", mountPath: "/data//" }, mount("cfg", "/etc/app")], "app", d, "job.x");
    expect(out).toEqual([{ name: "host", mountPath: "/data" }, { name: "cfg", mountPath: "/etc/app" }]);
    expect(d.items.map((i) => [i.code, i.severity])).toEqual([["N2K-VOL-009", "warning"]]);
    expect(d.items[0].message).toContain('volume "cache" and volume "host" both mount at /data');
  });
});

describe("host paths into Nomad's data directory", () => {
  it.each([
    ["/opt/nomad/alloc/${NOMAD_ALLOC_ID}/alloc/logs", { own: true, rest: "/alloc/logs" }],
    ["/var/lib/nomad/alloc/$${NOMAD_ALLOC_ID}/alloc/", { own: true, rest: "/alloc" }],
    ["/opt/nomad/data/alloc/${env.NOMAD_ALLOC_ID}/web/local", { own: true, rest: "/web/local" }],
    ["/opt/nomad/alloc/5c8e7b1e-2f4d-4a0b-9d3e-0123456789ab/alloc/data", { own: false, rest: "/alloc/data" }],
    ["/srv/${NOMAD_ALLOC_ID}", { own: false, rest: "" }],
    ["/opt/nomad/alloc/$NOMAD_ALLOC_ID/alloc/logs", { own: false, rest: "" }],
  ])("finds %j", (source, want) => {
    expect(nomadDataPath(source)).toEqual(want);
  });

  it("leaves ordinary host paths alone", () => {
    expect(nomadDataPath("/srv/alloc/data")).toBeUndefined();
    expect(nomadDataPath("/opt/nomad/alloc")).toBeUndefined();
  });
});
