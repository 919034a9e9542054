import { describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/diagnostics.js";
import type { Group, UpdateStrategy } from "../../src/nomad/model.js";
import { mergeUpdate } from "../../src/nomad/read-update.js";
import type { Container, Workload } from "../../src/plan/model.js";
import { planRollout, podPins } from "../../src/plan/workload/rollout.js";

const container = (over: Partial<Container> = {}): Container => ({ name: "app", image: "x", ports: [], env: [], envFrom: [], volumeMounts: [], resources: { requests: {}, limits: {} }, comments: [], ...over });
const workload = (over: Partial<Workload> = {}, pod: Partial<Workload["pod"]> = {}): Workload => ({
  kind: "deployment",
  resourceType: "kubernetes_deployment",
  tfName: "app",
  name: "app",
  group: "g",
  pattern: "A",
  replicas: 1,
  labels: {},
  selector: {},
  comments: [],
  pod: { initContainers: [], containers: [container()], volumes: [], tolerations: [], archValues: [], archOperator: "In", antiAffinity: false, ...pod },
  ...over,
});
const update = (u: Partial<UpdateStrategy>): UpdateStrategy => ({ path: "job.j.group.g.update", at: Object.fromEntries(Object.keys(u).map((k) => [k, `job.j.group.g.update.${k}`])), ...u });
const roll = (w: Workload, u?: UpdateStrategy) => {
  const d = new Diagnostics();
  planRollout(w, { name: "g", path: "job.j.group.g", update: u } as Group, d);
  return { w, codes: d.items.map((i) => `${i.code}:${i.severity}`) };
};

describe("rollouts as on Nomad", () => {
  it("names what pins a pod to its node", () => {
    const pod = workload({}, {
      containers: [container({ ports: [{ containerPort: 53, hostPort: 53 }], resources: { requests: {}, limits: { "nvidia.com/gpu": "1" } } })],
      volumes: [{ name: "data", hostPath: { path: "/srv/data", type: "Directory" } }, { name: "tmp", emptyDir: {} }],
    }).pod;
    expect(podPins(pod)).toEqual(["a GPU", "host port 53", "host path /srv/data"]);
    expect(podPins(workload({}, { hostNetwork: true }).pod)).toEqual(["the node's network"]);
    expect(podPins(workload().pod)).toEqual([]);
  });

  it("recreates a pinned one-replica Deployment and rolls a pinned one with max_surge = 0", () => {
    const gpu = { containers: [container({ resources: { requests: {}, limits: { "nvidia.com/gpu": "1" } } })] };
    expect(roll(workload({}, gpu)).w.strategy).toMatchObject({ type: "Recreate" });
    const { w, codes } = roll(workload({ replicas: 3 }, gpu), update({ maxParallel: 2, canary: 1 }));
    expect(w.strategy).toMatchObject({ type: "RollingUpdate", maxSurge: "0", maxUnavailable: "2" });
    expect(codes).toEqual(["N2K-UPDATE-004:warning", "N2K-UPDATE-005:info"]);
  });

  it("keeps Kubernetes' default without an update block, and maps the block's fields", () => {
    expect(roll(workload()).w.strategy).toBeUndefined();
    const { w, codes } = roll(workload({ replicas: 4 }), update({ maxParallel: 2, canary: 1, minHealthyTime: "30s", progressDeadline: "10s", autoRevert: true, healthyDeadline: "5m" }));
    expect([w.strategy, w.minReadySeconds, w.progressDeadlineSeconds]).toEqual([{ type: "RollingUpdate", maxSurge: "1", maxUnavailable: "0" }, 30, 31]);
    expect(roll(workload({ replicas: 4 }), update({ maxParallel: 2 })).w.strategy).toEqual({ type: "RollingUpdate", maxSurge: "0", maxUnavailable: "2" });
    expect(codes).toEqual(["N2K-UPDATE-001:warning", "N2K-UPDATE-002:warning", "N2K-UPDATE-003:info"]);
    expect(roll(workload(), update({ maxParallel: 0 })).w.strategy).toEqual({ type: "Recreate" });
  });

  it("gives a DaemonSet max_unavailable and leaves a StatefulSet one pod at a time", () => {
    expect(roll(workload({ kind: "daemon_set" }), update({ maxParallel: 3, minHealthyTime: "10s" })).w).toMatchObject({ strategy: { type: "RollingUpdate", maxUnavailable: "3" }, minReadySeconds: 10 });
    const { w, codes } = roll(workload({ kind: "stateful_set", replicas: 2 }, { volumes: [{ name: "d", hostPath: { path: "/d", type: "" } }] }), update({ maxParallel: 2, canary: 1 }));
    expect(w.strategy).toBeUndefined();
    expect(codes).toEqual(["N2K-UPDATE-004:info", "N2K-UPDATE-004:warning"]);
  });

  it("merges the job's update into the group's, field by field", () => {
    const job: UpdateStrategy = { maxParallel: 2, autoRevert: true, path: "job.j.update", at: { maxParallel: "job.j.update.max_parallel", autoRevert: "job.j.update.auto_revert" } };
    const group: UpdateStrategy = { maxParallel: 1, path: "job.j.group.g.update", at: { maxParallel: "job.j.group.g.update.max_parallel" } };
    expect(mergeUpdate(job, group)).toEqual({ maxParallel: 1, autoRevert: true, path: "job.j.group.g.update", at: { maxParallel: "job.j.group.g.update.max_parallel", autoRevert: "job.j.update.auto_revert" } });
    expect(mergeUpdate(job, undefined)).toBe(job);
  });
});
