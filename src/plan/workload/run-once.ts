import type { SiteConfig } from "../../config/site-config.js";
import type { Diagnostics } from "../../diagnostics.js";
import type { Group } from "../../nomad/model.js";
import type { Container } from "../model.js";
import type { GroupService } from "../network/group-service.js";
import { roleOf } from "./task-roles.js";

export interface RunOncePod {
  initContainers: Container[];
  containers: Container[];
}

/** The name of the container that holds a sysbatch pod once its tasks are done. */
export const WAIT_CONTAINER = "wait";

/**
 * A sysbatch group as the pod of a DaemonSet: its tasks run to completion as init containers
 * (prestart tasks first, as Nomad orders them), then a container that does nothing keeps the
 * pod, so the DaemonSet does not start the tasks again on that node. Returns the new pod.
 */
export function runOncePerNode(pod: RunOncePod, group: Group, config: SiteConfig, diags: Diagnostics): RunOncePod {
  const roleOfContainer = (c: Container) => {
    const t = group.tasks.find((x) => x.name === c.task);
    return t ? roleOf(t) : "main";
  };
  // A group of lifecycle tasks alone (no main task) runs them all once, sidecars included.
  const anyMain = pod.containers.some((c) => roleOfContainer(c) === "main");
  const runs = pod.containers.filter((c) => !anyMain || roleOfContainer(c) === "main");
  const sidecars = pod.containers.filter((c) => !runs.includes(c));
  const initContainers = [...pod.initContainers, ...runs];
  for (const c of initContainers) dropProbes(c, diags, group.path);

  const names = runs.map((c) => `"${c.task ?? String(c.name)}"`).join(", ");
  const differences = [
    "a node that joins later runs it too",
    "it runs again whenever the pod is recreated: a change to the module (rollout), `kubectl rollout restart`, a node reboot or an eviction",
    "a failed run is retried with back-off for as long as the pod exists, whatever `restart` said",
    "there is no completion status: the DaemonSet is ready on a node once the run there succeeded",
  ];
  if (runs.length > 1) differences.push(`tasks ${names} ran side by side on Nomad; init containers run one after another, in this order`);
  if (sidecars.length) differences.push(`sidecar task${sidecars.length > 1 ? "s" : ""} ${sidecars.map((c) => `"${c.task}"`).join(", ")} start only after the run and keep running`);
  diags.warn("N2K-JOB-009", `sysbatch job: task${runs.length > 1 ? "s" : ""} ${names} run${runs.length > 1 ? "" : "s"} once per node as init container${runs.length > 1 ? "s" : ""} of a DaemonSet whose main container only waits (${config.sysbatch.waitImage}); differences: ${differences.join("; ")}`, {
    path: group.path,
    hint: "run it again on every node with kubectl rollout restart daemonset/<name>; delete the module once every node has run it if it must not run again",
  });
  return { initContainers, containers: [waitContainer(config), ...sidecars] };
}

/** A pod is not Ready while its init containers run: a Service in front of a sysbatch task would have no endpoints. */
export function withoutService(service: GroupService, group: Group, diags: Diagnostics): GroupService {
  if (!service.ports.length) return service;
  diags.warn("N2K-JOB-009", `sysbatch job: no Service for port${service.ports.length > 1 ? "s" : ""} ${service.ports.map((p) => p.port).join(", ")}: the task runs as an init container, and a pod is not Ready (so no Service endpoint) until its init containers have finished`, {
    path: group.path,
    hint: "clients that reached the task while it ran dial the pod's IP instead",
  });
  return { ...service, ports: [] };
}

/** The API server refuses probes on init containers; a run-once task needs none. */
function dropProbes(c: Container, diags: Diagnostics, path: string): void {
  if (!c.livenessProbe && !c.readinessProbe && !c.startupProbe) return;
  delete c.livenessProbe;
  delete c.readinessProbe;
  delete c.startupProbe;
  diags.info("N2K-IGNORED", `the checks of task "${c.task ?? String(c.name)}" are not probes: it runs as an init container, which takes none`, { path: c.task ? `${path}.task.${c.task}` : path });
}

function waitContainer(config: SiteConfig): Container {
  return {
    name: WAIT_CONTAINER,
    image: config.sysbatch.waitImage,
    ports: [],
    env: [],
    envFrom: [],
    volumeMounts: [],
    resources: { requests: { cpu: "1m", memory: "8Mi" }, limits: { cpu: "10m", memory: "16Mi" } },
    comments: ["Does nothing: it keeps the pod once the init containers (the Nomad sysbatch tasks) have run."],
  };
}
