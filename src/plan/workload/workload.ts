import type { SiteConfig } from "../../config/site-config.js";
import type { Diagnostics } from "../../diagnostics.js";
import type { GroupInference } from "../../infer/infer-pattern.js";
import type { Group, NomadJob, Task } from "../../nomad/model.js";
import type { HclVal } from "../hcl-value.js";
import { upstreamEnvName, type UpstreamRef } from "../interpolate.js";
import type { ConfigMapPlan, Container, PlanFacts, SecretDataPlan, Variable, VirtualMachinePlan, Workload } from "../model.js";
import { planGroupService, type GroupService } from "../network/group-service.js";
import { claimPodPorts } from "../network/pod-ports.js";
import { portsOf } from "../network/ports.js";
import { portProtocols } from "../network/protocols.js";
import type { Route } from "../network/route-model.js";
import { resourceType } from "../resource-types.js";
import type { ModuleInputs } from "../module-inputs.js";
import type { ModuleCertificates } from "../secrets/certificates.js";
import type { ModuleSecrets } from "../secrets/module-secrets.js";
import { PodVolumes } from "../storage/pod-volumes.js";
import { planPodContainers, uniqueContainerNames } from "./pod-containers.js";
import { planSqlite } from "../storage/litestream.js";
import { pinToDataNode } from "../storage/node-data.js";
import { planStickyDisk } from "../storage/sticky-disk.js";
import { artifactArch, planPlacement } from "./placement.js";
import { podRuntimeClass } from "./runtime-class.js";
import { planRollout } from "./rollout.js";
import { runOncePerNode, withoutService } from "./run-once.js";
import { roleOf, selectTasks } from "./task-roles.js";
import { dispatchMetaEnv, metaInterpolations } from "./dispatch-meta.js";
import { cronWorkloads, dispatchTemplate, workloadKind } from "./workload-kinds.js";
import { dnsLabel } from "../names.js";
import { startAtZero } from "./zero-count.js";
import { planShutdownDelay } from "./shutdown-delay.js";
import { drivesNomad } from "../drivers/host-admin.js";

export interface WorkloadInput {
  job: NomadJob;
  group: Group;
  inf: GroupInference;
  config: SiteConfig;
  diags: Diagnostics;
  name: HclVal;
  tf: string;
  labels: HclVal;
  selector: HclVal;
  appName: string;
  namespace: string;
  firstHost?: string;
  variables: Variable[];
  secrets: ModuleSecrets;
  certificates: ModuleCertificates;
  secretsRef: { env: HclVal; files: HclVal; litestream: HclVal };
  cm: ConfigMapPlan;
  /** The group's own Secret (secret material from the job) and env-file Secrets made from module inputs. */
  sensitive: SecretDataPlan;
  envFiles: SecretDataPlan[];
  facts: PlanFacts;
  /** The site config's answers for the job, with the group's own (tier, image, env) over them. */
  override: { tier?: string; gpuNode?: string; litestreamBucket?: string; image?: string; env?: Record<string, string> };
  multi: boolean;
  imageTagClaimed: { value: boolean };
  inputs: ModuleInputs;
  /** HTTP routes of the group's services, for the Service ports they need. */
  routes: Route[];
}

export interface GroupWorkloads {
  workloads: Workload[];
  service: GroupService;
  configMaps: ConfigMapPlan[];
  /** A qemu group's VM (no pod workload of ours), and what its Service selects instead. */
  virtualMachines?: VirtualMachinePlan[];
  serviceSelector?: HclVal;
}

/** One Nomad group as one workload (several CronJobs for several crons), its pod and service ports. */
export function planWorkload(input: WorkloadInput): GroupWorkloads {
  const { job, group, inf, config, diags } = input;
  const pod = new PodVolumes();
  const { numbers: ports, inputs: portInputs } = portsOf(group, diags, (label, users) => input.inputs.port(label, group.name, input.multi, users));
  const protocols = portProtocols(group, ports, diags);
  const { tasks, mainTask } = selectTasks(group, inf, input.facts, diags);
  const dispatchMeta = dispatchMetaEnv(job);
  const hostNetwork = podHostNetwork(group, tasks, mainTask, diags);


  const upstreams = groupUpstreams(group);
  const upstreamRefs: UpstreamRef[] = [];
  const containers = planPodContainers({
    tasks,
    mainTask,
    multi: input.multi,
    pod,
    interpBase: {
      ports,
      appName: input.appName,
      group: group.name,
      hostname: input.firstHost,
      meta: dispatchMeta.length ? metaInterpolations(dispatchMeta) : undefined,
      metaValues: { ...job.meta, ...group.meta },
      nomad: { region: job.region, datacenter: job.datacenters[0] },
      inputs: input.inputs,
      diags,
      upstreams: new Map(upstreams.map((u) => [upstreamEnvName(u.service), u])),
      upstreamRefs,
    },
    ctx: {
      group,
      pod,
      config,
      diags,
      variables: input.variables,
      hostNetwork,
      gpuCount: inf.gpuCount,
      tierOverride: input.override.tier,
      mainOverride: { image: input.override.image, env: input.override.env },
      tiers: input.facts.tiers,
      imageTagClaimed: input.imageTagClaimed,
      multiGroup: input.multi,
      dispatchMeta,
      protocols,
      portInputs,
      templates: { pod, configMap: input.cm, configMapType: resourceType(config, "config_map"), sensitive: input.sensitive, envFiles: input.envFiles, secretType: resourceType(config, "secret"), tfBase: input.tf, secrets: input.secrets, secretsRef: input.secretsRef, certificates: input.certificates, instances: group.count, diags },
    },
  });
  for (const t of tasks) {
    const nomad = drivesNomad(t);
    // The Nomad agent dialled at the node's Docker bridge already has its blocking step (N2K-NET-006).
    const dialled = diags.items.some((d) => d.code === "N2K-NET-006" && d.blocking && d.path?.startsWith(`${t.path}.`));
    if (nomad && !dialled) diags.manual("N2K-TASK-014", `task "${t.name}" ${nomad.what} (${nomad.evidence}): there is no Nomad API after the move, so what it did through it (scale or dispatch jobs, read allocations) stops`, { path: t.path, blocking: true, hint: nomad.instead });
  }
  if (inf.pattern === "B") {
    const pattern = planSqlite(containers, inf.sqlite!, { appName: input.appName, namespace: input.namespace, config, diags, pod, variables: input.variables, secrets: input.secrets, secretName: input.secretsRef.litestream, bucket: input.override.litestreamBucket, path: group.path });
    // The database stays on the job's persistent volume: the group is what Pattern C is.
    if (pattern === "C") inf.pattern = "C";
  }
  planStickyDisk(group, [...containers.initContainers, ...containers.containers], pod, { appName: input.appName, multi: input.multi, root: config.storage.root, diags });
  const sysbatch = job.type === "sysbatch";
  const { initContainers, containers: mainContainers } = sysbatch ? runOncePerNode(containers, group, config, diags) : containers;
  const diskOwner = sysbatch ? initContainers.find((c) => c.task === mainTask?.name) : mainContainers[0];
  if (group.ephemeralDiskMb && diskOwner) requestEphemeralDisk(diskOwner, group.ephemeralDiskMb, diags, group.path);
  uniqueContainerNames([...initContainers, ...mainContainers], input.appName, diags, group.path);
  // Init containers run one at a time, before the others: each set claims ports on its own.
  claimPodPorts(mainContainers, input.appName, diags, `${group.path}.network`);
  claimPodPorts(initContainers, input.appName, diags, `${group.path}.network`);
  const usedVolumes = new Set([...initContainers, ...mainContainers].flatMap((c) => c.volumeMounts.map((m) => m.name)));
  const volumes = pod.volumes.filter((v) => usedVolumes.has(v.name));
  if (inf.pattern === "C" && !volumes.some((v) => v.hostPath)) {
    diags.manual("N2K-VOL-005", "no persistent host path is mounted; cannot tell where the app keeps its data", { path: group.path });
  }

  const binaries = group.tasks.filter((t) => t.substitute);
  const arch = artifactArch(binaries.flatMap((t) => t.artifacts.map((a) => a.source)));
  const placement = planPlacement([...job.constraints, ...group.constraints, ...group.tasks.flatMap((t) => t.constraints)], inf.gpuCount, { siteNode: config.gpu.node, overrideNode: input.override.gpuNode }, diags, arch && { ...arch, path: `${group.path}.task.${binaries.find((t) => t.artifacts.some((a) => a.source === arch.source))?.name}.artifact` }, job.nodePool ? { name: job.nodePool, path: `job.${job.name}.node_pool`, labels: Object.hasOwn(config.nodePools, job.nodePool) ? config.nodePools[job.nodePool] : undefined } : undefined);
  const killTimeout = Math.max(0, ...group.tasks.map((t) => t.killTimeoutSeconds ?? 0));
  const kind = workloadKind(inf.pattern);
  const batch = kind === "job" || kind === "cron_job";
  const base: Workload = {
    kind,
    resourceType: resourceType(config, kind),
    tfName: input.tf,
    name: input.name,
    group: group.name,
    pattern: inf.pattern,
    labels: input.labels,
    selector: input.selector,
    pod: {
      initContainers,
      containers: mainContainers,
      volumes,
      nodeSelector: Object.keys(placement.nodeSelector).length ? placement.nodeSelector : undefined,
      tolerations: placement.tolerations,
      archValues: placement.archValues,
      archOperator: placement.archOperator,
      antiAffinity: group.distinctHosts,
      hostNetwork: hostNetwork || undefined,
      hostPid: mainTask?.config.pidMode === "host" || undefined,
      runtimeClassName: podRuntimeClass(tasks, mainTask, config, diags),
      dnsPolicy: hostNetwork ? "ClusterFirstWithHostNet" : undefined,
      terminationGracePeriodSeconds: planShutdownDelay(group, tasks, mainTask, mainContainers, killTimeout || undefined, diags),
      restartPolicy: batch ? "Never" : undefined,
    },
    comments: [],
    ...(upstreams.length ? { upstreams: { services: upstreams, refs: upstreamRefs } } : {}),
  };
  if (kind === "deployment" || kind === "stateful_set") base.replicas = group.count;
  if (group.count > 1 && kind === "stateful_set" && volumes.some((v) => v.hostPath)) {
    diags.warn("N2K-VOL-006", `count = ${group.count}: every replica mounts the same host paths`, { path: group.path, hint: "check the app tolerates shared data, or use one replica" });
  }
  pinToDataNode(base, { config, inputs: input.inputs, diags, group: group.name, multi: input.multi, path: group.path });
  planRollout(base, group, diags);
  if (batch) base.backoffLimit = batchRetries(group, mainTask, diags);
  if (batch && group.count > 1) base.completions = group.count;
  if (kind === "daemon_set") tolerateEveryTaint(base, job, diags);
  if (kind === "daemon_set" && group.count > 1) diags.info("N2K-IGNORED", "count is ignored for system jobs (one pod per node)", { path: `${group.path}.count` });
  const target = { name: input.multi ? `${input.appName}-${dnsLabel(group.name)}` : input.appName, namespace: input.namespace };
  const planned = kind !== "cron_job" ? [base] : job.parameterized ? [dispatchTemplate(base, job, target, diags, group.path)] : cronWorkloads(base, job, input.variables, diags, group.path);
  const workloads = startAtZero(planned, group, target, config, diags);
  const service = planGroupService(job, group, tasks, mainTask, ports, input.routes, diags, protocols, portInputs);
  if (sysbatch) return { workloads, service: withoutService(service, group, diags), configMaps: containers.configMaps };
  return { workloads, service, configMaps: containers.configMaps };
}

/**
 * A pod has one network mode. The group's `mode = "host"` decides; else the main task's
 * docker `network_mode` does: a prestart task's host mode (a `consul kv put` before start) or
 * a sidecar's does not put the served app on the node's network. Tasks that ran otherwise are
 * reported.
 */
function podHostNetwork(group: Group, tasks: Task[], mainTask: Task | undefined, diags: Diagnostics): boolean {
  if (group.networkMode === "host") return true;
  const isHost = (t: Task) => t.config.networkMode === "host";
  const host = !!mainTask && isHost(mainTask);
  // A bridged init task beside a host-network app just runs first: nothing to say.
  const others = tasks.filter((t) => t !== mainTask && isHost(t) !== host && !(host && roleOf(t) === "init"));
  if (others.length) {
    const names = others.map((t) => `"${t.name}"`).join(", ");
    diags.warn("N2K-NET-004", `task${others.length > 1 ? "s" : ""} ${names} ran with ${host ? "a bridge/default" : "the host"} network on Nomad, but the pod follows its main task "${mainTask?.name}" ${host ? "on the host network" : "off the host network"}`, {
      path: others[0].path,
      hint: host ? "check these containers may bind the node's ports" : "check the task did not need the node's network (host ports, node-local services)",
    });
  }
  return host;
}

/** Connect upstreams with a local port, from the group's and its tasks' services. */
function groupUpstreams(group: Group): { service: string; bindPort: number }[] {
  const out: { service: string; bindPort: number }[] = [];
  for (const s of [...group.services, ...group.tasks.flatMap((t) => t.services)]) {
    for (const u of s.upstreams ?? []) if (u.localBindPort !== undefined && !out.some((o) => o.service === u.name)) out.push({ service: u.name, bindPort: u.localBindPort });
  }
  return out;
}

/**
 * Nomad schedules on ephemeral_disk.size but never enforces it; a request does the same in
 * Kubernetes, where a limit or an empty_dir size_limit would evict the pod.
 */
function requestEphemeralDisk(c: Container, mb: number, diags: Diagnostics, path: string): void {
  c.resources = { ...c.resources, requests: { ...c.resources.requests, "ephemeral-storage": `${mb}Mi` } };
  diags.changed("N2K-VOL-008", `ephemeral_disk size = ${mb} MB becomes an ephemeral-storage request of ${mb}Mi on the main container, without a limit (Nomad does not enforce the size)`, { path: `${path}.ephemeral_disk` });
}

/**
 * Nomad ran a system (or sysbatch) job on every eligible client; Kubernetes skips tainted nodes
 * (GPU, dedicated pools, control plane) unless the pod tolerates them. The DaemonSet tolerates
 * every taint; the job's constraints still pick the nodes (node selector, affinity).
 */
function tolerateEveryTaint(w: Workload, job: NomadJob, diags: Diagnostics): void {
  w.pod.tolerations = [{ operator: "Exists" }];
  diags.warn("N2K-PLACE-007", `${job.type} job: the DaemonSet tolerates every taint (operator = "Exists"), as Nomad ran it on every eligible client, tainted Kubernetes nodes included (GPU nodes, dedicated pools, control-plane nodes); its node selector and affinity (the job's constraints) still choose among them`, {
    path: `job.${job.name}.type`,
    hint: "keep it off nodes it must not run on (control plane) with a node selector or node affinity in an override file",
  });
}

/**
 * How many times a Job's pod is retried after its first failure. Nomad restarts a task
 * `restart.attempts` times in its allocation (the task's own block over the group's; 3 by
 * default for batch), then reschedules the allocation `reschedule.attempts` times: it ran the
 * task up to (restarts + 1) × (reschedules + 1) times. Without a reschedule block the restarts
 * alone count, as the contract's backoff_limit = 3 does for Nomad's default of 3.
 */
function batchRetries(group: Group, mainTask: Task | undefined, diags: Diagnostics): number {
  const own = mainTask?.restartAttempts;
  const restarts = own ?? group.restartAttempts ?? 3;
  if (own !== undefined && group.restartAttempts !== undefined && own !== group.restartAttempts) {
    diags.changed("N2K-GRP-006", `task "${mainTask!.name}" restarts ${own} times (its own restart block), not the group's ${group.restartAttempts}: the task's block wins, as in Nomad`, { path: `${mainTask!.path}.restart` });
  }
  const r = group.reschedule;
  if (!r || r.attempts === undefined) return restarts;
  if (r.unlimited) {
    diags.warn("N2K-GRP-007", `reschedule { unlimited = true }: Nomad retried the allocation without limit; the Job gives up after backoff_limit = ${restarts} retries (the restarts of one allocation)`, { path: r.path, hint: "raise backoff_limit in an override file if the job must keep retrying" });
    return restarts;
  }
  const total = (restarts + 1) * (r.attempts + 1);
  diags.changed("N2K-GRP-006", `restart attempts = ${restarts} in each allocation and reschedule attempts = ${r.attempts}: Nomad ran the task up to ${restarts + 1} × ${r.attempts + 1} = ${total} times, so backoff_limit = ${total - 1} (reschedule delays become the Job's own back-off)`, { path: r.path });
  return total - 1;
}
