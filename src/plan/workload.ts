import type { SiteConfig } from "../config/site-config.js";
import type { Diagnostics } from "../diagnostics.js";
import type { GroupInference } from "../infer/infer-pattern.js";
import type { Group, NomadJob, Task } from "../nomad/model.js";
import { buildContainer, type ContainerContext } from "./containers.js";
import { expr, withSuffix, type HclVal } from "./hcl-value.js";
import type { InterpContext } from "./interpolate.js";
import { planLitestream } from "./litestream.js";
import type { ConfigMapPlan, Container, ServicePlan, Variable, Workload } from "./model.js";
import type { ModuleSecrets } from "./module-secrets.js";
import { dnsLabel } from "./names.js";
import { mapConstraints } from "./placement.js";
import { mount, PodVolumes } from "./pod-volumes.js";
import { portsOf } from "./ports.js";
import { resourceType } from "./resource-types.js";
import { planServicePorts } from "./service-ports.js";
import { taskDirVolume } from "./task-volumes.js";
import type { PlanFacts } from "./build-plan.js";

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
  secretsRef: { env: HclVal; files: HclVal };
  cm: ConfigMapPlan;
  facts: PlanFacts;
  override: { tier?: string; gpuNode?: string; litestreamBucket?: string };
  multi: boolean;
  imageTagClaimed: { value: boolean };
}

function roleOf(t: Task): "init" | "sidecar" | "main" | "drop" {
  if (!t.lifecycle) return "main";
  if (t.lifecycle.hook === "poststop") return "drop";
  if (t.lifecycle.sidecar) return "sidecar";
  return t.lifecycle.hook === "prestart" ? "init" : "drop";
}

/** One Nomad group as one workload (several CronJobs for several crons), its pod and service ports. */
export function planWorkload(input: WorkloadInput): { workloads: Workload[]; servicePorts: ServicePlan["ports"]; consulNames: string[]; hostPorts: Record<string, number>; configMaps: ConfigMapPlan[] } {
  const { job, group, inf, config, diags } = input;
  const pod = new PodVolumes();
  const ports = portsOf(group, diags);
  const sizeLimit = group.ephemeralDiskMb ? `${group.ephemeralDiskMb}Mi` : undefined;
  const litestreamTasks = new Set(inf.pattern === "B" ? (inf.sqlite?.litestreamTasks ?? []) : []);
  const tasks = group.tasks.filter((t) => {
    if (litestreamTasks.has(t.name)) {
      input.facts.droppedTasks.push({ task: t.name, reason: "replaced by the generated litestream init container and sidecar" });
      diags.info("N2K-LITE-002", `task "${t.name}" (litestream) is replaced by the generated restore init container and replicate sidecar`, { path: t.path });
      return false;
    }
    if (roleOf(t) === "drop") {
      const reason = `${t.lifecycle!.hook}${t.lifecycle!.sidecar ? "" : " (non-sidecar)"} tasks have no direct Kubernetes equivalent`;
      input.facts.droppedTasks.push({ task: t.name, reason });
      diags.warn("N2K-TASK-009", `task "${t.name}": ${reason}; not carried over`, { path: t.path, hint: "use a container lifecycle hook or a separate Job" });
      return false;
    }
    return true;
  });
  const mains = tasks.filter((t) => roleOf(t) === "main");
  // A group of prestart tasks alone runs them and finishes (Nomad accepts it): the last is the main container.
  const mainTask = mains[0] ?? tasks.find((t) => roleOf(t) === "sidecar") ?? tasks.filter((t) => roleOf(t) === "init").pop();
  const hostNetwork = group.networkMode === "host" || tasks.some((t) => t.config.networkMode === "host");
  const interpBase: Omit<InterpContext, "task" | "usedDirs"> = { ports, appName: input.appName, group: group.name, hostname: input.firstHost, diags };
  const ctx: Omit<ContainerContext, "interp"> = {
    group,
    pod,
    config,
    diags,
    variables: input.variables,
    hostNetwork,
    gpuCount: inf.gpuCount,
    tierOverride: input.override.tier,
    sizeLimit,
    tiers: input.facts.tiers,
    imageTagClaimed: input.imageTagClaimed,
    multiGroup: input.multi,
    templates: { pod, configMap: input.cm, configMapType: resourceType(config, "config_map"), secrets: input.secrets, secretsRef: input.secretsRef, diags },
  };
  const build = (t: Task): Container => {
    const usedDirs = new Set<string>();
    const interp: InterpContext = { ...interpBase, task: t.name, usedDirs };
    const main = t === mainTask;
    const c = buildContainer(t, main && !input.multi ? expr("local.app_name") : dnsLabel(t.name), main, { ...ctx, interp });
    for (const dir of usedDirs) {
      if (!c.volumeMounts.some((m) => m.mountPath === dir)) c.volumeMounts.push(mount(taskDirVolume(dir, pod, sizeLimit), dir));
    }
    return c;
  };
  if (!mainTask) diags.error("N2K-GRP-003", `group "${group.name}" has no task that can run as its main container`, { path: group.path });
  const initContainers = tasks.filter((t) => roleOf(t) === "init" && t !== mainTask).map(build);
  const mainContainers = [mainTask, ...tasks.filter((t) => t !== mainTask && roleOf(t) !== "init")].filter((t): t is Task => !!t).map(build);
  // /alloc is shared: every container of the pod sees it once any of them uses it.
  const allocVol = pod.volumes.find((v) => v.name === "alloc");
  if (allocVol) for (const c of [...initContainers, ...mainContainers]) if (!c.volumeMounts.some((m) => m.name === "alloc")) c.volumeMounts.push(mount("alloc", "/alloc"));

  const configMaps: ConfigMapPlan[] = [];
  if (inf.pattern === "B" && mainContainers[0]) {
    const ls = planLitestream(inf.sqlite!, { appName: input.appName, namespace: input.namespace, config, diags, pod, variables: input.variables, secrets: input.secrets, secretName: input.secretsRef.env, sizeLimit, bucket: input.override.litestreamBucket, path: group.path });
    const app = mainContainers[0];
    const replaced = app.volumeMounts.filter((m) => m.mountPath === ls.dataDir || ls.dataDir.startsWith(m.mountPath + "/"));
    for (const r of replaced) {
      diags.warn("N2K-LITE-003", `mount ${r.mountPath} (volume ${r.name}) is replaced by the litestream-backed data volume`, { path: group.path });
    }
    app.volumeMounts = [...app.volumeMounts.filter((m) => !replaced.includes(m)), mount(ls.dataVolume, ls.dataDir)];
    initContainers.unshift(ls.initContainer);
    mainContainers.push(ls.sidecar);
    configMaps.push(ls.configMap);
  }
  uniqueContainerNames([...initContainers, ...mainContainers], input.appName, diags, group.path);
  const usedVolumes = new Set([...initContainers, ...mainContainers].flatMap((c) => c.volumeMounts.map((m) => m.name)));
  const volumes = pod.volumes.filter((v) => usedVolumes.has(v.name));
  if (inf.pattern === "C" && !volumes.some((v) => v.hostPath)) {
    diags.manual("N2K-VOL-005", "no persistent host path is mounted; cannot tell where the app keeps its data", { path: group.path });
  }

  const placement = mapConstraints([...job.constraints, ...group.constraints, ...group.tasks.flatMap((t) => t.constraints)], diags);
  const nodeSelector = { ...placement.nodeSelector };
  const tolerations: Workload["pod"]["tolerations"] = [];
  if (inf.gpuCount > 0) {
    tolerations.push({ key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" });
    // A GPU node chosen in the site config for this job wins over the Nomad constraint.
    if (input.override.gpuNode) nodeSelector["kubernetes.io/hostname"] = input.override.gpuNode.toLowerCase();
    else nodeSelector["kubernetes.io/hostname"] ??= config.gpu.node.toLowerCase();
  }
  const killTimeout = Math.max(0, ...group.tasks.map((t) => t.killTimeoutSeconds ?? 0));
  const kind = { A: "deployment", D: "deployment", B: "stateful_set", C: "stateful_set", E: "cron_job", job: "job", daemonset: "daemon_set" }[inf.pattern] as Workload["kind"];
  const batch = kind === "job" || kind === "cron_job";
  const podPlan: Workload["pod"] = {
    initContainers,
    containers: mainContainers,
    volumes,
    nodeSelector: Object.keys(nodeSelector).length ? nodeSelector : undefined,
    tolerations,
    archValues: placement.archValues,
    archOperator: placement.archOperator,
    antiAffinity: group.distinctHosts,
    hostNetwork: hostNetwork || undefined,
    terminationGracePeriodSeconds: killTimeout || undefined,
    restartPolicy: batch ? "Never" : undefined,
  };
  const base: Workload = {
    kind,
    resourceType: resourceType(config, kind),
    tfName: input.tf,
    name: input.name,
    group: group.name,
    pattern: inf.pattern,
    labels: input.labels,
    selector: input.selector,
    pod: podPlan,
    comments: [],
  };
  if (kind === "deployment" || kind === "stateful_set") base.replicas = group.count;
  if (group.count > 1 && kind === "stateful_set" && volumes.some((v) => v.hostPath)) {
    diags.warn("N2K-VOL-006", `count = ${group.count}: every replica mounts the same host paths`, { path: group.path, hint: "check the app tolerates shared data, or use one replica" });
  }
  if (batch) base.backoffLimit = group.restartAttempts ?? 3;
  if (kind === "daemon_set" && group.count !== 1) diags.info("N2K-IGNORED", "count is ignored for system jobs (one pod per node)", { path: `${group.path}.count` });
  const workloads: Workload[] = [];
  if (kind === "cron_job") {
    const p = job.periodic ?? { crons: [], prohibitOverlap: false, enabled: true };
    if (!job.periodic) diags.manual("N2K-INFER-002", "pattern E was chosen for a job without a periodic block: the schedule defaults to \"0 0 * * *\"", { path: group.path, hint: "set the schedule variable" });
    const crons = p.crons.length ? p.crons : ["0 0 * * *"];
    crons.forEach((cron, i) => {
      const varName = crons.length > 1 ? `schedule_${i + 1}` : "schedule";
      input.variables.push({ name: varName, description: `Cron schedule${crons.length > 1 ? ` ${i + 1}` : ""} (from the Nomad periodic block)`, type: "string", default: cron });
      workloads.push({
        ...base,
        tfName: crons.length > 1 ? `${input.tf}_${i + 1}` : input.tf,
        name: crons.length > 1 ? withSuffix(input.name, `-${i + 1}`) : input.name,
        schedule: expr(`var.${varName}`),
        timezone: p.timeZone,
        concurrencyPolicy: p.prohibitOverlap ? "Forbid" : undefined,
        suspend: p.enabled ? undefined : true,
      });
    });
  } else workloads.push(base);

  const servicePorts = planServicePorts(tasks, mainTask, group, ports, diags);
  // Consul names (Nomad's defaults when unnamed) and the host ports other jobs dialled.
  const consulNames = [
    ...group.services.map((s) => s.name ?? `${job.name}-${group.name}`),
    ...tasks.flatMap((t) => t.services.map((s) => s.name ?? `${job.name}-${group.name}-${t.name}`)),
  ];
  const hostPorts: Record<string, number> = {};
  for (const p of group.ports) {
    const target = ports.get(p.label);
    const svc = servicePorts.find((sp) => sp.targetPort === target);
    if (svc) for (const hp of [p.static, p.to].filter((n): n is number => !!n && n > 0)) hostPorts[String(hp)] = svc.port;
  }
  return { workloads, servicePorts, consulNames, hostPorts, configMaps };
}

/** Container names must differ within a pod, also after DNS-1123 sanitising. */
function uniqueContainerNames(containers: Container[], appName: string, diags: Diagnostics, path: string): void {
  const taken = new Set<string>();
  for (const c of containers) {
    const name = typeof c.name === "string" ? c.name : appName;
    let unique = name;
    for (let i = 2; taken.has(unique); i++) unique = `${name}-${i}`;
    taken.add(unique);
    if (unique !== name) {
      diags.info("N2K-NAME-002", `container "${name}" renamed "${unique}": two containers of the pod had the same name`, { path });
      c.name = unique;
    }
  }
}
