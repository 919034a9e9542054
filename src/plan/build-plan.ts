import type { SiteConfig } from "../config/site-config.js";
import type { Diagnostics } from "../diagnostics.js";
import type { GroupInference, JobInference } from "../infer/infer-pattern.js";
import type { Group, NomadJob, Task } from "../nomad/model.js";
import { buildContainer, servicesOf, type ContainerContext } from "./containers.js";
import { expr, tpl, type HclVal } from "./hcl-value.js";
import type { InterpContext } from "./interpolate.js";
import { planLitestream } from "./litestream.js";
import type { ConfigMapPlan, Container, IngressPlan, ModulePlan, ServicePlan, Variable, Workload } from "./model.js";
import { ModuleSecrets } from "./module-secrets.js";
import { dnsLabel, portName, tfIdent } from "./names.js";
import { mapConstraints } from "./placement.js";
import { mount, PodVolumes } from "./pod-volumes.js";
import { resourceType } from "./resource-types.js";
import type { TierChoice } from "./resources.js";
import { taskDirVolume } from "./task-volumes.js";
import { readRoutes, type Route } from "./traefik.js";
import { planSecrets } from "./external-secrets.js";
import { portsOf } from "./ports.js";

export interface PlanFacts {
  hosts: string[];
  tiers: Record<string, TierChoice>;
  droppedTasks: { task: string; reason: string }[];
}

/** NomadJob + inferred patterns + site config → a fully resolved, Kubernetes-shaped plan. */
export function buildPlan(job: NomadJob, inference: JobInference, config: SiteConfig, diags: Diagnostics): { plan: ModulePlan; facts: PlanFacts } {
  const override = config.jobs[job.name] ?? {};
  const appName = dnsLabel(job.name);
  if (appName !== job.name) diags.info("N2K-NAME-001", `job name "${job.name}" becomes the DNS-1123 name "${appName}"`);
  const tf = tfIdent(appName);
  const namespace = override.namespace ?? (job.namespace && job.namespace === dnsLabel(job.namespace) ? job.namespace : config.namespace);
  const multi = job.groups.length > 1;
  const facts: PlanFacts = { hosts: [], tiers: {}, droppedTasks: [] };

  const routesByGroup = new Map(job.groups.map((g) => [g.name, [...g.services, ...g.tasks.flatMap((t) => t.services)].flatMap((s) => readRoutes(s, diags).map((r) => ({ route: r, service: s })))]));
  const allRoutes = [...routesByGroup.values()].flat();
  const hosts = [...new Set(allRoutes.flatMap((r) => r.route.hosts))];
  // The first routed host becomes var.hostname wherever it appears; an override only changes its default.
  const firstHost = hosts[0];
  const primaryHost = override.hostname ?? firstHost;
  facts.hosts = primaryHost ? [primaryHost, ...hosts.filter((h) => h !== primaryHost)] : hosts;

  const variables: Variable[] = [
    { name: "namespace", description: "Kubernetes namespace", type: "string", default: namespace },
    { name: "image_tag", description: "Container image tag", type: "string", default: "latest" },
  ];
  const secrets = new ModuleSecrets(config, appName, namespace);
  const imageTagClaimed = { value: false };
  const secretsRef = { env: tpl(expr("local.app_name"), "-secrets"), files: tpl(expr("local.app_name"), "-files") };
  const configMaps: ConfigMapPlan[] = [];
  const workloads: Workload[] = [];
  const services: ServicePlan[] = [];
  const ingresses: IngressPlan[] = [];

  for (const [gi, group] of job.groups.entries()) {
    const inf = inference.groups[gi];
    const name: HclVal = multi ? tpl(expr("local.app_name"), `-${dnsLabel(group.name)}`) : expr("local.app_name");
    const wtf = multi ? `${tf}_${tfIdent(group.name)}` : tf;
    const labels: HclVal = multi ? expr(`merge(local.labels, { component = "${dnsLabel(group.name)}" })`) : expr("local.labels");
    const selector: HclVal = multi ? { app: expr("local.app_name"), component: dnsLabel(group.name) } : { app: expr("local.app_name") };
    const cm: ConfigMapPlan = { tfName: multi ? `${wtf}_config` : "config", name: tpl(expr("local.app_name"), multi ? `-${dnsLabel(group.name)}-config` : "-config"), data: {}, comments: [] };

    const w = planWorkload({ job, group, inf, config, diags, name, tf: wtf, labels, selector, appName, namespace, firstHost, variables, secrets, secretsRef, cm, facts, override, multi, imageTagClaimed });
    workloads.push(...w.workloads);
    if (Object.keys(cm.data).length) configMaps.push(cm);
    configMaps.push(...w.configMaps);

    const svcPorts = w.servicePorts;
    if (svcPorts.length && inf.pattern !== "E" && inf.pattern !== "job") {
      const service: ServicePlan = { tfName: wtf, name, selector, ports: svcPorts };
      services.push(service);
      const routes = routesByGroup.get(group.name) ?? [];
      if (routes.length) ingresses.push(planIngress(routes.map((r) => r.route), wtf, name, firstHost, config));
    } else if ((routesByGroup.get(group.name) ?? []).length) {
      diags.warn("N2K-INGRESS-005", `group "${group.name}" has router tags but no service port; no Ingress generated`, { path: group.path });
    }
    for (const wl of w.workloads) if (wl.kind === "stateful_set") wl.serviceName = name;
  }

  variables.push({ name: "hostname", description: "External hostname", type: "string", default: primaryHost ?? expr("null") });
  const externalSecrets = planSecrets(secrets, secretsRef, config, variables);
  const plan: ModulePlan = {
    job: job.name,
    dir: appName,
    appName,
    environment: config.environment,
    variables,
    workloads,
    services,
    ingresses,
    configMaps,
    externalSecrets,
    vpa: config.vpa.enabled ? { updateMode: config.vpa.updateMode, targets: workloads.filter((w) => w.kind !== "job" && w.kind !== "cron_job").map((w) => ({ tfName: w.tfName, kind: vpaKind(w.kind), name: w.name })) } : undefined,
    outputs: { serviceTfName: services[0]?.tfName, serviceResourceType: resourceType(config, "service") },
    comments: [],
  };
  return { plan, facts };
}

function vpaKind(kind: Workload["kind"]): string {
  return kind === "deployment" ? "Deployment" : kind === "stateful_set" ? "StatefulSet" : "DaemonSet";
}

function planIngress(routes: Route[], tf: string, name: HclVal, firstHost: string | undefined, config: SiteConfig): IngressPlan {
  const annotations = { ...config.ingress.annotations };
  const middlewares = [...new Set(routes.flatMap((r) => r.middlewares))];
  if (middlewares.length) annotations["traefik.ingress.kubernetes.io/router.middlewares"] = middlewares.join(",");
  const byHost = new Map<string, string[]>();
  for (const r of routes) for (const h of r.hosts) byHost.set(h, [...new Set([...(byHost.get(h) ?? []), ...(r.paths.length ? r.paths : ["/"])])]);
  const order = [...byHost.keys()].sort((a, b) => (a === firstHost ? -1 : b === firstHost ? 1 : 0));
  const hostVal = (h: string): HclVal => (h === firstHost ? expr("var.hostname") : h);
  return {
    tfName: tf,
    name,
    serviceTfName: tf,
    className: config.ingress.className,
    annotations,
    tlsSecret: config.tls.secretName,
    hosts: order.map((h) => ({ host: hostVal(h), paths: byHost.get(h)! })),
    tlsHosts: order.map(hostVal),
    comments: [],
  };
}

interface WorkloadInput {
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

function planWorkload(input: WorkloadInput): { workloads: Workload[]; servicePorts: ServicePlan["ports"]; configMaps: ConfigMapPlan[] } {
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
  const mainTask = mains[0] ?? tasks.find((t) => roleOf(t) === "sidecar");
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
    templates: { pod, configMap: input.cm, configMapType: resourceType(config, "config_map"), secrets: input.secrets, secretsRef: input.secretsRef, interp: undefined as never, diags },
  };
  const build = (t: Task): Container => {
    const usedDirs = new Set<string>();
    const interp: InterpContext = { ...interpBase, task: t.name, usedDirs };
    const main = t === mainTask;
    const c = buildContainer(t, main && !input.multi ? expr("local.app_name") : dnsLabel(t.name), main, { ...ctx, interp, templates: { ...ctx.templates, interp } });
    for (const dir of usedDirs) {
      if (!c.volumeMounts.some((m) => m.mountPath === dir)) c.volumeMounts.push(mount(taskDirVolume(dir, pod, sizeLimit), dir));
    }
    return c;
  };
  const initContainers = tasks.filter((t) => roleOf(t) === "init").map(build);
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
    if (!nodeSelector["kubernetes.io/hostname"]) nodeSelector["kubernetes.io/hostname"] = (input.override.gpuNode ?? config.gpu.node).toLowerCase();
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
    const p = job.periodic!;
    const crons = p.crons.length ? p.crons : ["0 * * * *"];
    crons.forEach((cron, i) => {
      const varName = crons.length > 1 ? `schedule_${i + 1}` : "schedule";
      input.variables.push({ name: varName, description: `Cron schedule${crons.length > 1 ? ` ${i + 1}` : ""} (from the Nomad periodic block)`, type: "string", default: cron });
      workloads.push({
        ...base,
        tfName: crons.length > 1 ? `${input.tf}_${i + 1}` : input.tf,
        name: crons.length > 1 ? tpl(...((input.name as { $tpl?: (string | { $expr: string })[] }).$tpl ?? [input.name as { $expr: string }]), `-${i + 1}`) : input.name,
        schedule: expr(`var.${varName}`),
        timezone: p.timeZone,
        concurrencyPolicy: p.prohibitOverlap ? "Forbid" : undefined,
        suspend: p.enabled ? undefined : true,
      });
    });
  } else workloads.push(base);

  const servicePorts: ServicePlan["ports"] = [];
  const mainSvcTask = mainTask;
  for (const t of tasks) {
    for (const s of servicesOf(t, group, t === mainSvcTask)) {
      if (!s.port) continue;
      const target = /^\d+$/.test(s.port) ? Number(s.port) : ports.get(s.port);
      if (target === undefined) {
        diags.error("N2K-PORT-002", `service port "${s.port}" is not defined in the group's network`, { path: s.path });
        continue;
      }
      if (servicePorts.some((p) => p.targetPort === target)) continue;
      const routed = s.tags.some((tag) => /^traefik\.http\.routers\..+\.rule=/.test(tag));
      const entry = { name: portName(s.port), port: servicePorts.length === 0 || routed ? 80 : target, targetPort: target };
      if (routed && servicePorts.length && servicePorts[0].port === 80) {
        servicePorts[0].port = servicePorts[0].targetPort as number;
        servicePorts.unshift(entry);
      } else servicePorts.push(entry);
    }
  }
  return { workloads, servicePorts: servicePorts.length === 1 ? [{ port: 80, targetPort: servicePorts[0].targetPort }] : servicePorts, configMaps };
}
