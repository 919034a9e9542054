import type { Diagnostics } from "../../diagnostics.js";
import { durationSeconds } from "../../nomad/fields.js";
import type { Group, UpdateStrategy } from "../../nomad/model.js";
import type { Pod, Workload } from "../model.js";
import { podGpus } from "./resources.js";

/**
 * What stops a second copy of the pod from starting beside the old one: a GPU, a port or the
 * network of the node, data on the node. On Nomad the old allocation stopped before the new one
 * was placed, so none of these stalled a rollout or put two writers on one database.
 */
export function podPins(pod: Pod): string[] {
  const containers = [...pod.initContainers, ...pod.containers];
  const gpus = podGpus(pod).length > 0;
  const hostPorts = [...new Set(containers.flatMap((c) => c.ports.flatMap((p) => (p.hostPort ? [p.hostPort] : []))))];
  const hostPaths = pod.volumes.flatMap((v) => (v.hostPath ? [v.hostPath.path] : []));
  return [
    ...(gpus ? ["a GPU"] : []),
    ...(pod.hostNetwork ? ["the node's network"] : []),
    ...(hostPorts.length ? [`host port${hostPorts.length > 1 ? "s" : ""} ${hostPorts.join(", ")}`] : []),
    ...(hostPaths.length ? [`host path${hostPaths.length > 1 ? "s" : ""} ${hostPaths.join(", ")}`] : []),
  ];
}

/**
 * The workload's rollout as Nomad's `update` block ran it: `max_parallel` → `max_unavailable`,
 * `canary` → `max_surge` with `max_unavailable = 0` (no old allocation stopped before the
 * canaries are healthy), `min_healthy_time` → `min_ready_seconds`, `progress_deadline` →
 * `progress_deadline_seconds`. A pinned one-replica Deployment is recreated (stop, then start);
 * a pinned one with more replicas rolls with `max_surge = 0`. Without an `update` block an
 * unpinned Deployment keeps Kubernetes' default rolling update.
 */
export function planRollout(w: Workload, group: Group, diags: Diagnostics): void {
  const u = group.update;
  if (w.kind === "job" || w.kind === "cron_job") {
    if (u) diags.info("N2K-IGNORED", "update: batch jobs are not rolled out; each run uses the current pod template", { path: u.path });
    return;
  }
  const pins = w.kind === "deployment" ? podPins(w.pod) : [];
  if (u) reportUnmapped(u, w, pins.length > 0, diags);
  const minReady = u && durationSeconds(u.minHealthyTime);
  if (minReady) w.minReadySeconds = minReady;
  if (w.kind === "daemon_set") {
    // A DaemonSet already replaces one node's pod at a time, the old one first.
    if (u?.maxParallel && u.maxParallel > 1) w.strategy = { type: "RollingUpdate", maxUnavailable: String(u.maxParallel) };
    return;
  }
  if (w.kind === "stateful_set") {
    // StatefulSets replace one pod at a time, stopping it first: Nomad's default.
    if (u?.maxParallel && u.maxParallel > 1 && (w.replicas ?? 1) > 1) diags.info("N2K-UPDATE-004", `max_parallel = ${u.maxParallel}: a StatefulSet replaces its pods one at a time`, { path: u.at.maxParallel });
    if (u?.canary) diags.warn("N2K-UPDATE-004", `canary = ${u.canary}: a StatefulSet runs no canaries beside the old pods; it replaces them one at a time`, { path: u.at.canary, hint: "stage a rollout with update_strategy.rolling_update.partition by hand" });
    return;
  }
  const progress = u && durationSeconds(u.progressDeadline);
  if (progress) w.progressDeadlineSeconds = Math.max(progress, (minReady ?? 0) + 1);
  const maxParallel = u?.maxParallel ?? 1;
  if (pins.length) {
    if (u?.canary) {
      diags.warn("N2K-UPDATE-004", `canary = ${u.canary} is not carried over: the pod holds ${pins.join(" and ")}, so a new pod cannot start beside the old one`, { path: u.at.canary });
    }
    const recreate = (w.replicas ?? 1) <= 1 || maxParallel === 0;
    const how = recreate ? "the old pod stops before the new one starts (Recreate)" : `pods are replaced ${maxParallel} at a time, each stopped before its replacement starts (max_surge = 0)`;
    diags.changed("N2K-UPDATE-005", `the pod holds ${pins.join(" and ")}: ${how}, as Nomad stopped the old allocation before placing the new one`, { path: u?.path ?? group.path });
    w.strategy = recreate
      ? { type: "Recreate", comment: `The pod holds ${pins.join(" and ")}: a second copy could not run beside it, so the old pod stops first (as on Nomad).` }
      : { type: "RollingUpdate", maxSurge: "0", maxUnavailable: String(maxParallel), comment: `The pod holds ${pins.join(" and ")}: each old pod stops before its replacement starts (as on Nomad).` };
    return;
  }
  if (!u) return;
  // max_parallel = 0 turns Nomad's rolling updates off: every allocation is replaced at once.
  if (maxParallel === 0) w.strategy = { type: "Recreate" };
  // Canaries start beside the old allocations, none of which stops before they are healthy.
  else if (u.canary) w.strategy = { type: "RollingUpdate", maxSurge: String(u.canary), maxUnavailable: "0" };
  else w.strategy = { type: "RollingUpdate", maxSurge: "0", maxUnavailable: String(maxParallel) };
}

/** The parts of `update` Kubernetes has no field for. */
function reportUnmapped(u: UpdateStrategy, w: Workload, pinned: boolean, diags: Diagnostics): void {
  if (u.autoRevert) {
    diags.warn("N2K-UPDATE-001", "auto_revert = true: Kubernetes does not roll back a failed rollout; it stops at the progress deadline", {
      path: u.at.autoRevert,
      hint: "watch kubectl rollout status and run kubectl rollout undo on failure (or use Argo Rollouts/Flagger)",
    });
  }
  if (u.canary && !u.autoPromote && w.kind === "deployment" && !pinned) {
    diags.warn("N2K-UPDATE-002", `canary = ${u.canary} waited for a manual promotion on Nomad; Kubernetes goes on with the rollout as soon as the new pods are ready`, {
      path: u.at.canary,
      hint: "pause the Deployment (kubectl rollout pause) to hold a canary, or use Argo Rollouts/Flagger",
    });
  }
  const none = (path: string | undefined, message: string) => path && diags.info("N2K-UPDATE-003", message, { path });
  const deployment = w.kind === "deployment";
  none(u.at.healthyDeadline, `healthy_deadline: Kubernetes has no deadline for one pod to become healthy${deployment ? "; progress_deadline_seconds bounds the whole rollout" : ""}`);
  if (!deployment) none(u.at.progressDeadline, `progress_deadline: a ${w.kind === "daemon_set" ? "DaemonSet" : "StatefulSet"} has no progress deadline; a stuck rollout waits`);
  none(u.at.stagger, "stagger: Kubernetes starts the next batch as soon as the last one is ready");
  if (u.healthCheck === "task_states") none(u.at.healthCheck, 'health_check = "task_states": readiness probes decide when a new pod is healthy');
  if (u.healthCheck === "manual") {
    diags.warn("N2K-UPDATE-003", 'health_check = "manual": Kubernetes judges new pods healthy by their readiness probes, nobody sets it by hand', { path: u.at.healthCheck });
  }
}
