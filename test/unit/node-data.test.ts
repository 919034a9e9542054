import { describe, expect, it } from "vitest";
import { hostPathKind } from "../../src/plan/storage/node-data.js";

describe("hostPathKind", () => {
  it("types a writable data folder as a Directory the pod must run beside", () => {
    expect(hostPathKind("/Datastore/nomad-vols/nodered/data", false)).toEqual({ type: "Directory", nodeData: true });
  });
  it("types file names as File and sockets as Socket", () => {
    expect(hostPathKind("/opt/traefik/acme.json", false)).toEqual({ type: "File", nodeData: true });
    expect(hostPathKind("/mnt/certs/privkey.pem", true)).toEqual({ type: "File", nodeData: false });
    expect(hostPathKind("/var/run/docker.sock", false)).toMatchObject({ type: "Socket", nodeData: false });
  });
  it("leaves the node's own paths, read-only folders and program names untyped", () => {
    expect(hostPathKind("/etc/localtime", true)).toMatchObject({ type: "", nodeData: false });
    expect(hostPathKind("/dev/dri", false)).toMatchObject({ type: "", nodeData: false });
    expect(hostPathKind("/var/log", false)).toMatchObject({ type: "", nodeData: false });
    expect(hostPathKind("/srv/media", true)).toEqual({ type: "", nodeData: false });
    expect(hostPathKind("/opt/mysql/scripts/mysqld-wrapper", false)).toEqual({ type: "", nodeData: true });
  });
});
