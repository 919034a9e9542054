import { describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/diagnostics.js";
import type { Group } from "../../src/nomad/model.js";
import type { Container, Workload } from "../../src/plan/model.js";
import { listenOnPodAddress, targetNumbers } from "../../src/plan/network/sidecar-binds.js";

const container = (env: Container["env"]): Container =>
  ({ name: "app", task: "app", image: "x", ports: [{ containerPort: 8000, name: "http" }], env, envFrom: [], volumeMounts: [], resources: { requests: {}, limits: {} }, comments: [] }) as Container;
const workload = (c: Container): Workload => ({ group: "g", pod: { initContainers: [], containers: [c], volumes: [] } }) as unknown as Workload;

describe("sidecar binds", () => {
  it("reads a named Service target port as its container port's number (not NaN)", () => {
    const w = workload(container([]));
    expect([...targetNumbers([{ port: 80, targetPort: "http" }, { port: 9000, targetPort: "9000" }, { port: 1, targetPort: "nope" }], [w])]).toEqual([8000, 9000]);
  });

  it("moves a loopback bind on a port the Service targets by name to 0.0.0.0", () => {
    const c = container([{ name: "BIND_ADDRESS", value: "127.0.0.1:8000" }]);
    const group = { name: "g", services: [{ name: "s", sidecar: {}, tags: [], checks: [], path: "s" }], tasks: [] } as unknown as Group;
    listenOnPodAddress(group, [workload(c)], [], [{ port: 80, targetPort: "http" }], "j", new Diagnostics());
    expect(c.env[0].value).toBe("0.0.0.0:8000");
  });
});
