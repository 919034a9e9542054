import type { SiteConfig } from "../config/site-config.js";
import type { Diagnostics } from "../diagnostics.js";
import type { JobInference } from "../infer/infer-pattern.js";
import type { NomadJob } from "../nomad/model.js";
import { planSecrets } from "./secrets/external-secrets.js";
import { expr, hasModuleRef, moduleRef, tpl, withSuffix, type HclVal } from "./hcl-value.js";
import { planIngress, planIngressRoute, splitByMiddlewares } from "./network/ingress.js";
import { hintServiceLookups } from "./network/service-lookups.js";
import { hostLoopback } from "./drivers/host-loopback.js";
import { listenOnPodAddress, reportSealedBinds } from "./network/sidecar-binds.js";
import type { ConfigMapPlan, IngressPlan, IngressRoutePlan, ModulePlan, PlanFacts, SecretDataPlan, ServicePlan, Variable, VirtualMachinePlan, Workload } from "./model.js";
import { ModuleCertificates } from "./secrets/certificates.js";
import { ModuleSecrets } from "./secrets/module-secrets.js";
import { isCredentialName } from "../nomad/credential-names.js";
import { dnsLabel, tfIdent, uniqueName } from "./names.js";
import { resourceType } from "./resource-types.js";
import { fieldContext, guardPlan, guardString } from "./k8s-fields.js";
import { ModuleInputs, referencedVariables } from "./module-inputs.js";
import { readRoutes, withTraefikPrefix } from "./network/routes.js";
import { planMiddleware, readMiddlewares } from "./network/traefik-middlewares.js";
import { ingressHost, type Route } from "./network/route-model.js";
import { planWorkload } from "./workload/workload.js";
import { planVirtualMachineGroup } from "./vm/virtual-machine.js";
import { secretInputs } from "./templates/nomad-templates.js";

/** NomadJob + inferred patterns + site config → a fully resolved, Kubernetes-shaped plan. */
export function buildPlan(job: NomadJob, inference: JobInference, config: SiteConfig, diags: Diagnostics): { plan: ModulePlan; facts: PlanFacts } {
  keepOneStepPerUpstream(diags);
  const override = (Object.hasOwn(config.jobs, job.name) && config.jobs[job.name]) || {};
  const appName = dnsLabel(job.name);
  if (appName !== job.name) diags.info("N2K-NAME-001", `job name "${job.name}" becomes the DNS-1123 name "${appName}"`);
  const tf = tfIdent(appName);
  const namespace = override.namespace ?? (job.namespace && job.namespace === dnsLabel(job.namespace) ? job.namespace : config.namespace);
  const multi = job.groups.length > 1;
  for (const g of Object.keys(override.groups ?? {})) {
    if (!job.groups.some((x) => x.name === g)) diags.warn("N2K-CONFIG-001", `the site config answers for group "${g}", which job "${job.name}" does not have; those answers are not used`, { path: `jobs.${job.name}.groups.${g}` });
  }
  const facts: PlanFacts = { hosts: [], groupHosts: {}, tiers: {}, droppedTasks: [] };

  const variables: Variable[] = [
    { name: "namespace", description: "Kubernetes namespace", type: "string", default: namespace },
    { name: "image_tag", description: "Container image tag", type: "string", default: "latest" },
  ];
  const inputs = new ModuleInputs((n) => STANDARD.has(n) || variables.some((v) => v.name === n) || job.inputs.some((i) => i.name === n));
  const middlewareDefs = readMiddlewares(job.groups.flatMap((g) => [...g.services, ...g.tasks.flatMap((t) => t.services)]).map(withTraefikPrefix), diags);
  const definedMiddlewares = new Set(middlewareDefs.map((d) => d.name));
  const routesByGroup = new Map(
    job.groups.map((g) => {
      const ctx = fieldContext(job, g.name, undefined, appName, inputs, diags);
      // An unnamed service is registered under Nomad's default name, which messages use.
      const named = [...g.services.map((s) => ({ ...s, name: s.name || `${job.name}-${g.name}` })), ...g.tasks.flatMap((t) => t.services.map((s) => ({ ...s, name: s.name || `${job.name}-${g.name}-${t.name}` })))];
      const routes = named.flatMap((s) => readRoutes(s, diags, definedMiddlewares));
      // Hosts are resolved first: `Host(\`${NOMAD_META_domain}\`)` names the host the module serves.
      for (const r of routes) for (const rule of r.rules) if (rule.host?.includes("${")) rule.host = resolvedHost(guardString(rule.host, ctx, r.service.path, "an ingress host"));
      renameGroupHost(routes, override.groups?.[g.name]?.hostname);
      const first = firstRoutedHost(routes);
      if (first !== undefined) facts.groupHosts[g.name] = first;
      return [g.name, routes];
    }),
  );
  const allRoutes = [...routesByGroup.values()].flat();
  const realHost = allRoutes.some((r) => r.rules.some((rule) => rule.host !== undefined && !isConsulHost(rule.host)));
  const consulHosts = publicHostsForConsul(allRoutes, realHost, diags);
  const hosts = [...new Set(allRoutes.flatMap((r) => r.rules.flatMap((rule) => (rule.host === undefined || hasModuleRef(rule.host) ? [] : [rule.host]))))];
  // The first routed host becomes var.hostname wherever it appears; an override only changes its default.
  const firstHost = hosts[0];
  const primaryHost = override.hostname ?? firstHost;
  facts.hosts = primaryHost ? [primaryHost, ...hosts.filter((h) => h !== primaryHost)] : hosts;

  const secrets = new ModuleSecrets(config, appName, namespace);
  const certificates = new ModuleCertificates(config, diags);
  const imageTagClaimed = { value: false };
  const secretsRef = { env: tpl(expr("local.app_name"), "-secrets"), files: tpl(expr("local.app_name"), "-files"), litestream: tpl(expr("local.app_name"), "-litestream") };
  const configMaps: ConfigMapPlan[] = [];
  const secretData: SecretDataPlan[] = [];
  const workloads: Workload[] = [];
  const virtualMachines: VirtualMachinePlan[] = [];
  const services: ServicePlan[] = [];
  const ingresses: IngressPlan[] = [];
  const ingressRoutes: IngressRoutePlan[] = [];

  for (const [gi, group] of job.groups.entries()) {
    const inf = inference.groups[gi];
    const name: HclVal = multi ? tpl(expr("local.app_name"), `-${dnsLabel(group.name)}`) : expr("local.app_name");
    const wtf = multi ? `${tf}_${tfIdent(group.name)}` : tf;
    const labels: HclVal = multi ? expr(`merge(local.labels, { component = "${dnsLabel(group.name)}" })`) : expr("local.labels");
    const selector: HclVal = multi ? { app: expr("local.app_name"), component: dnsLabel(group.name) } : { app: expr("local.app_name") };
    const cm: ConfigMapPlan = { tfName: multi ? `${wtf}_config` : "config", name: tpl(expr("local.app_name"), multi ? `-${dnsLabel(group.name)}-config` : "-config"), data: {}, comments: [] };

    const sensitive: SecretDataPlan = { tfName: multi ? `${wtf}_sensitive` : "sensitive", name: tpl(expr("local.app_name"), multi ? `-${dnsLabel(group.name)}-sensitive` : "-sensitive"), data: {}, comments: [] };
    const envFiles: SecretDataPlan[] = [];

    const routes = routesByGroup.get(group.name) ?? [];
    const answers = override.groups?.[group.name] ?? {};
    const groupConfig = answers.storage ? { ...config, storage: { ...config.storage, root: answers.storage } } : config;
    const w =
      inf.pattern === "vm"
        ? planVirtualMachineGroup({ job, group, config: groupConfig, diags, name, tf: wtf, variables, facts, image: answers.image, routes })
        : planWorkload({ job, group, inf, config: groupConfig, diags, name, tf: wtf, labels, selector, appName, namespace, firstHost, variables, secrets, certificates, secretsRef, cm, sensitive, envFiles, facts, override: { ...override, tier: answers.tier ?? override.tier, image: answers.image, env: answers.env }, multi, imageTagClaimed, inputs, routes });
    workloads.push(...w.workloads);
    virtualMachines.push(...(w.virtualMachines ?? []));
    if (Object.keys(cm.data).length) configMaps.push(cm);
    if (Object.keys(sensitive.data).length) secretData.push(sensitive);
    secretData.push(...envFiles);
    configMaps.push(...w.configMaps);

    const files = [cm.data, ...w.configMaps.map((c) => c.data), ...(sensitive.data && typeof sensitive.data === "object" && !Array.isArray(sensitive.data) ? [sensitive.data as Record<string, HclVal>] : [])];
    listenOnPodAddress(group, w.workloads, files, w.service.ports, job.name, diags);
    hostLoopback(group, w.workloads, w.service.ports, job.name, diags);
    const svcPorts = w.service.ports;
    if (svcPorts.length && inf.pattern !== "E" && inf.pattern !== "job") {
      const host = `${multi ? `${appName}-${dnsLabel(group.name)}` : appName}.${namespace}.svc.cluster.local`;
      const service: ServicePlan = { tfName: wtf, name, selector: w.serviceSelector ?? selector, ports: svcPorts, consul: { names: w.service.consulNames, host, hostPorts: w.service.hostPorts, ports: w.service.consulPorts } };
      services.push(service);
      const backed = routes.flatMap((route) => {
        const port = w.service.routePorts.get(route);
        if (port === undefined) diags.warn("N2K-INGRESS-005", `router ${route.router} has no service port to send to; no Ingress rule for it`, { path: route.service.path });
        return port === undefined ? [] : [{ route, port }];
      });
      const whole = backed.filter((b) => b.route.ingressRoute);
      if (whole.length) ingressRoutes.push(planIngressRoute(whole, `${wtf}_routes`, wtf, withSuffix(name, "-routes"), config));
      // The first middleware set keeps the workload's names; each other set is named after its first router.
      const used = new Set<string>();
      for (const [i, set] of splitByMiddlewares(backed.filter((b) => !b.route.ingressRoute)).entries()) {
        const suffix = i === 0 ? "" : uniqueName(dnsLabel(set[0].route.router) || "route", used);
        if (i === 0) used.add("");
        ingresses.push(planIngress(set, suffix ? `${wtf}_${tfIdent(suffix)}` : wtf, wtf, suffix ? withSuffix(name, `-${suffix}`) : name, firstHost, config, diags));
      }
    } else if (routes.length) {
      diags.warn("N2K-INGRESS-005", `group "${group.name}" has router tags but no service port; no Ingress generated`, { path: group.path });
    }
    for (const wl of w.workloads) if (wl.kind === "stateful_set") wl.serviceName = name;
  }

  const middlewares = middlewareDefs.map((d) => planMiddleware(d, secretData, resourceType(config, "secret")));

  // A route Nomad served on a Consul name has no public host yet: the operator must choose one.
  const required = (host: string) => ({ description: `External hostname of the route Nomad served as ${host} (required: a Consul DNS name is no public host)`, type: "string" });
  if (consulHosts.get("hostname") && !primaryHost) variables.push({ name: "hostname", ...required(consulHosts.get("hostname")!) });
  else variables.push({ name: "hostname", description: "External hostname", type: "string", default: primaryHost ?? expr("null") });
  for (const [name, host] of consulHosts) if (name !== "hostname") variables.push({ name, ...required(host) });
  const externalSecrets = planSecrets(secrets, secretsRef, config, variables);
  const sidecar = job.groups.some((g) => [...g.services, ...g.tasks.flatMap((t) => t.services)].some((s) => s.sidecar));
  reportSealedBinds(externalSecrets.flatMap((e) => (e.template ? [e.template] : [])), sidecar, job.name, diags);
  const plan: ModulePlan = {
    job: job.name,
    dir: appName,
    appName,
    environment: config.environment,
    variables,
    workloads,
    virtualMachines,
    services,
    ingresses,
    middlewares,
    ingressRoutes,
    configMaps,
    secretData,
    externalSecrets,
    certificates: certificates.list,
    vpa: config.vpa.enabled ? { updateMode: config.vpa.updateMode, targets: workloads.filter((w) => w.kind !== "job" && w.kind !== "cron_job").map((w) => ({ tfName: w.tfName, kind: vpaKind(w.kind), name: w.name })) } : undefined,
    outputs: { serviceTfName: services[0]?.tfName, serviceResourceType: resourceType(config, "service") },
    comments: [],
  };
  guardPlan(plan, job, inputs, diags);
  hintServiceLookups(diags.items);
  plan.variables.push(...inputs.variables().filter((v) => !plan.variables.some((x) => x.name === v.name)));
  addJobInputs(plan, job, diags);
  markSensitive(plan, job);
  return { plan, facts };
}

/** A group's hostname answer replaces the first literal host its routers serve. */
function renameGroupHost(routes: Route[], hostname: string | undefined): void {
  if (!hostname) return;
  const first = firstRoutedHost(routes);
  if (first === undefined) return;
  for (const r of routes) for (const rule of r.rules) if (rule.host === first) rule.host = hostname;
}

const firstRoutedHost = (routes: Route[]): string | undefined => routes.flatMap((r) => r.rules.map((rule) => rule.host)).find((h): h is string => typeof h === "string" && !h.includes("${"));

const isConsulHost = (host: string) => /\.consul\.?$/i.test(host);

/**
 * `x.service.consul` (or any `.consul` name) answered only inside the Consul cluster: it is no
 * public host and no certificate covers it. Its rules take a required module variable instead
 * (`hostname` for the first when the job routes no public host, `<name>_hostname` for others).
 * Returns variable name → the Consul host it stands for.
 */
function publicHostsForConsul(routes: Route[], realHost: boolean, diags: Diagnostics): Map<string, string> {
  const vars = new Map<string, string>();
  const byHost = new Map<string, string>();
  for (const r of routes) {
    for (const rule of r.rules) {
      if (!rule.host || !isConsulHost(rule.host)) continue;
      const host = rule.host;
      let name = byHost.get(host);
      if (!name) {
        name = !realHost && !vars.size ? "hostname" : `${tfIdent(host.split(".")[0])}_hostname`;
        while (vars.has(name) || (name !== "hostname" && STANDARD.has(name))) name = `${name}_${vars.size}`;
        vars.set(name, host);
        byHost.set(host, name);
      }
      diags.manual("N2K-INGRESS-007", `router ${r.router}: host ${host} is a Consul DNS name, not a public host; the Ingress rule takes var.${name}, which has no default`, {
        path: r.service.path,
        blocking: true,
        hint: `choose the public host for the route Nomad served as ${host}: -var ${name}=…`,
      });
      rule.host = moduleRef(`var.${name}`);
    }
  }
  return vars;
}

/** Groups of a job often list the same upstream: one manual step per upstream is enough. */
function keepOneStepPerUpstream(diags: Diagnostics): void {
  const seen = new Set<string>();
  for (let i = 0; i < diags.items.length; i++) {
    const d = diags.items[i];
    if (d.code !== "N2K-CONNECT-001") continue;
    if (seen.has(d.message)) diags.items.splice(i--, 1);
    else seen.add(d.message);
  }
}

/** A host resolved at conversion is checked like any other; one that became a module input stays. */
function resolvedHost(host: string): string {
  const checked = ingressHost(host);
  return "host" in checked ? checked.host : host;
}

// Variables every module may declare; a module variable made from a Nomad value never takes these names.
const STANDARD = new Set(["namespace", "image_tag", "hostname", "litestream_image_tag", "minio_endpoint", "litestream_bucket", "secret_keys", "schedule"]);

/** Job variables without a value that the output refers to: required module variables. */
function addJobInputs(plan: ModulePlan, job: NomadJob, diags: Diagnostics): void {
  const used = referencedVariables(plan);
  for (const input of job.inputs) {
    if (!used.has(input.name) || plan.variables.some((v) => v.name === input.name)) continue;
    const why = input.givenButSensitive ? "sensitive: give it at apply time" : "it had no default";
    plan.variables.push({ name: input.name, description: input.description ?? `Nomad job variable "${input.nomad}" (${why})`, type: input.type ?? "string" });
    // A driver's image input was asked for where the task was read (N2K-DRIVER-004).
    if (input.generated === "driver") continue;
    if (input.givenButSensitive) {
      diags.manual("N2K-SEC-010", `set variable "${input.name}": the value given for the sensitive job variable "${input.nomad}" is not written into the module, which takes it as a sensitive input`, {
        path: `variable.${input.nomad}`,
        blocking: true,
        hint: `give it at apply time, with TF_VAR_${input.name} or a tfvars file kept out of version control`,
      });
      continue;
    }
    if (input.generated) {
      diags.manual("N2K-HCL-010", `set variable "${input.name}": ${input.description}`, { path: `job.${job.name}`, blocking: true, hint: `give it with -var ${input.name}=… before terraform apply` });
      continue;
    }
    diags.manual("N2K-HCL-010", `set variable "${input.name}": the job variable "${input.nomad}" had no value, so the module takes it as an input`, {
      path: `variable.${input.nomad}`,
      blocking: true,
      hint: `give it with -var ${input.name}=… before terraform apply, or convert again with --var ${input.nomad}=…`,
    });
  }
}

/**
 * Job inputs that feed the module's own Secrets, or are named like a credential (`db_password`),
 * hold secret material: Terraform keeps them out of its output.
 */
function markSensitive(plan: ModulePlan, job: NomadJob): void {
  const secretVars = new Set(plan.secretData.flatMap((s) => [...secretInputs(s.data)]));
  for (const v of plan.variables) {
    const input = job.inputs.find((i) => i.name === v.name);
    if (input && (secretVars.has(v.name) || input.sensitive || isCredentialName(input.nomad))) v.sensitive = true;
  }
}

function vpaKind(kind: Workload["kind"]): string {
  return kind === "deployment" ? "Deployment" : kind === "stateful_set" ? "StatefulSet" : "DaemonSet";
}

