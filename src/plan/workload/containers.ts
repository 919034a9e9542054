import type { SiteConfig } from "../../config/site-config.js";
import type { Diagnostics } from "../../diagnostics.js";
import type { Check, Group, Service, Task } from "../../nomad/model.js";
import { expr, tpl, type HclVal } from "../hcl-value.js";
import { splitImage } from "./image.js";
import { nodeAddresses } from "./node-address.js";
import { hostValue, resolveString, resolveValue, type InterpContext } from "../interpolate.js";
import type { Container, EnvVar, Variable } from "../model.js";
import { portName, tfIdent, uniqueName } from "../names.js";
import { mapTemplates } from "../templates/nomad-templates.js";
import type { TemplateContext } from "../templates/template-context.js";
import { lastWins } from "../templates/env-templates.js";
import { credentialEnv, isSecretLiteral, readsSecretInput, secretEnv } from "../secrets/credential-env.js";
import { hasUrlPassword } from "../secrets/literal-credentials.js";
import { isCredentialName } from "../../nomad/credential-names.js";
import { destinationPath } from "../templates/template-paths.js";
import { mount, type PodVolumes } from "../storage/pod-volumes.js";
import { guardString } from "../k8s-fields.js";
import type { MetaEnv } from "./dispatch-meta.js";
import { chooseProbes, type ContainerProbes } from "./probe-roles.js";
import { chooseTier, resourceEnv, type TierChoice } from "./resources.js";
import { boundPaths, mapTaskVolumes } from "../storage/task-volumes.js";
import { protocolsOf, type Protocols } from "../network/protocols.js";
import { uniqueMounts } from "../storage/mount-paths.js";
import { shmMounts } from "../storage/shm.js";

export interface ContainerContext {
  group: Group;
  pod: PodVolumes;
  interp: InterpContext;
  templates: Omit<TemplateContext, "interp">;
  config: SiteConfig;
  diags: Diagnostics;
  variables: Variable[];
  hostNetwork: boolean;
  /** The task is the group's only container: it serves every group port. */
  soleTask?: boolean;
  gpuCount: number;
  tierOverride?: string;
  /** The site config's image and env for the group's main container. */
  mainOverride?: { image?: string; env?: Record<string, string> };
  tiers: Record<string, TierChoice>;
  /** Shared by all workloads of the module: whether `image_tag` is taken. */
  imageTagClaimed: { value: boolean };
  multiGroup: boolean;
  /** A parameterized job's NOMAD_META_* env vars, set in every container as Nomad does. */
  dispatchMeta?: MetaEnv[];
  /** Group ports served on UDP (absent: TCP). */
  protocols?: Map<string, Protocols>;
  /** Port label → the required module input giving its number (dynamic ports the job never tells the app). */
  portInputs?: Map<string, string>;
}

/** One Nomad docker/podman task as one Kubernetes container. */
export function buildContainer(given: Task, name: HclVal, main: boolean, ctx: ContainerContext): Container {
  const task = nodeAddresses(main ? withAnswers(given, ctx.mainOverride) : given, ctx.diags);
  const tier = chooseTier(task, ctx.config.tiers, { gpu: main && ctx.gpuCount > 0, override: main ? ctx.tierOverride : undefined }, ctx.diags);
  ctx.tiers[task.name] = tier;
  const interp: InterpContext = { ...ctx.interp, task: task.name, metaValues: { ...ctx.interp.metaValues, ...task.meta }, env: task.env, resources: resourceEnv(tier) };
  // Env values, command and args are expanded by Kubernetes, so they may use the downward API.
  const downward = new Map<string, string>();
  const expanded: InterpContext = { ...interp, downward };
  const path = task.path;
  const image = imageValue(task, main, ctx, interp);
  const args = [...(task.config.command ? [task.config.command] : []), ...(task.config.args ?? [])];
  const limits = { ...tier.limits, ...(main && ctx.gpuCount > 0 ? { "nvidia.com/gpu": String(ctx.gpuCount) } : {}) };
  const tplOut = mapTemplates(task, { ...ctx.templates, interp, downward });
  // Nomad fills `${X}` in args from the env file too; Kubernetes expands `$(X)` from env_from alike.
  if (tplOut.envFrom.length) expanded.envFile = true;
  const volumes = mapTaskVolumes(task, ctx.group, ctx.pod, ctx.config, interp, tplOut.files.map((f) => f.dest));
  // A file shows where Nomad wrote it (task directories) and wherever a docker volume maps that path.
  const templateMounts = tplOut.files.flatMap((f) => {
    const bound = boundPaths(f.dest, volumes.binds).map((p) => ({ ...f.mount, mountPath: p }));
    return [...(f.dest.startsWith("/") || !bound.length ? [f.mount] : []), ...bound];
  });
  // The runtime creates a file mount's mount point inside its parent mount, which cannot be read-only.
  for (const m of volumes.mounts) if (m.readOnly && templateMounts.some((t) => t.mountPath.startsWith(`${m.mountPath.replace(/\/+$/, "")}/`))) delete m.readOnly;
  // Nomad's template env vars override the task's env block; the site config's answers override both.
  const answers = main ? (ctx.mainOverride?.env ?? {}) : {};
  const fromTemplates = new Set(tplOut.env.map((e) => e.name));
  const secretCtx = { sensitive: ctx.templates.sensitive, secretType: ctx.templates.secretType, inputs: interp.inputs, diags: ctx.diags };
  const envVar = ([k, v]: [string, string]): EnvVar => {
    // A credential by its name, or a URL with a password whatever its name (DATABASE_URL).
    if ((isCredentialName(k) && isSecretLiteral(v)) || hasUrlPassword(v)) return credentialEnv(k, v, secretCtx, { what: `the env block of task "${task.name}"`, path: `${path}.env.${k}` });
    const value = resolveValue(v, expanded, `${path}.env.${k}`);
    return readsSecretInput(v, interp.inputs) ? secretEnv(k, value, secretCtx) : { name: k, value };
  };
  const env = lastWins([
    // First, so that task env values can expand $(NOMAD_META_x); the task's own value wins.
    ...(ctx.dispatchMeta ?? []).filter((m) => !(m.name in task.env)).map((m) => ({ name: m.name, value: resolveValue(m.value, expanded, m.path) })),
    ...Object.entries(task.env)
      .filter(([k]) => !fromTemplates.has(k))
      .map(envVar),
    // Template text was resolved when the template was read; only the host remains to map.
    ...tplOut.env.map((e) => (typeof e.value === "string" ? { ...e, value: hostValue(e.value, interp) } : e)),
    ...Object.entries(answers)
      .filter(([k]) => fromTemplates.has(k))
      .map(envVar),
  ]);
  const probes = probesFor(task, main, ctx, interp);
  const c: Container = {
    name,
    task: task.name,
    image,
    // A process driver's command is the container's entrypoint.
    command: task.config.entrypoint?.map((a, i) => resolveValue(a, expanded, task.substitute && i === 0 ? `${path}.config.command` : `${path}.config.entrypoint[${i}]`)),
    args: args.length ? args.map((a, i, all) => resolveValue(a, expanded, argPaths(task, path, all.length)[i])) : undefined,
    workingDir: task.config.workDir ? resolveString(task.config.workDir, interp, `${path}.config.work_dir`) : undefined,
    stdin: task.config.interactive || undefined,
    tty: task.config.tty || undefined,
    ports: containerPorts(task, main, ctx),
    env,
    envFrom: tplOut.envFrom,
    volumeMounts: uniqueMounts([...volumes.mounts, ...templateMounts, ...shmMounts(task, ctx.pod)], typeof name === "string" ? name : task.name, ctx.diags, path),
    resources: { requests: tier.requests, limits },
    livenessProbe: probes.liveness,
    readinessProbe: probes.readiness,
    startupProbe: probes.startup,
    securityContext: securityContext(task, ctx.diags, volumes.devices.length > 0),
    comments: [],
  };
  addDownwardEnv(c, downward);
  mapIdentities(task, c, ctx);
  return c;
}

/**
 * The Nomad attribute each entry of the container's args came from, for diagnostics: `command`
 * goes first; a java task's are its jvm_options, then jar_path (or class_path and class).
 */
function argPaths(task: Task, path: string, count: number): string[] {
  const p = task.process;
  const head =
    task.substitute?.driver === "java" && p
      ? [...(p.jvmOptions ?? []).map((_, i) => `config.jvm_options[${i}]`), ...(p.jarPath ? ["config.jar_path", "config.jar_path"] : [...(p.classPath ? ["config.class_path", "config.class_path"] : []), "config.class"])]
      : task.config.command
        ? ["config.command"]
        : [];
  return Array.from({ length: count }, (_, i) => `${path}.${head[i] ?? `config.args[${i - head.length}]`}`);
}

/** The task as the site config's answers for its group have it: another image, more or other env vars. */
function withAnswers(task: Task, answers: ContainerContext["mainOverride"]): Task {
  if (!answers?.image && !answers?.env) return task;
  return { ...task, config: answers.image ? { ...task.config, image: answers.image } : task.config, env: answers.env ? { ...task.env, ...answers.env } : task.env };
}

/**
 * A workload identity written to a file (`file = true`) becomes a projected service account
 * token at the same path: the secrets dir itself when nothing else is mounted there (the kubelet
 * then refreshes the token), else the file alone. Its issuer is the cluster's, not Nomad's.
 */
function mapIdentities(task: Task, c: Container, ctx: ContainerContext): void {
  for (const id of task.identities ?? []) {
    const dest = id.filepath ? destinationPath(id.filepath) : `/secrets/${id.name === "default" ? "nomad_token" : `nomad_${id.name}.jwt`}`;
    const dir = dest.slice(0, dest.lastIndexOf("/")) || "/";
    const file = dest.slice(dir.length + 1);
    if (id.env) {
      ctx.diags.warn("N2K-TASK-013", `identity "${id.name}" (env = true): Kubernetes sets no ${id.name === "default" ? "NOMAD_TOKEN" : `NOMAD_TOKEN_${id.name}`} env var`, { path: id.path, hint: "read the token from a file instead: an identity with file = true becomes a projected service_account_token volume" });
    }
    if (!id.file) {
      if (!id.env) ctx.diags.info("N2K-TASK-013", `identity "${id.name}" is only used by Nomad itself: the pod's service account stands for it`, { path: id.path });
      continue;
    }
    const volume = ctx.pod.serviceAccountToken(`identity-${id.name}`, { audience: id.aud[0], expirationSeconds: id.ttlSeconds === undefined ? undefined : Math.max(600, id.ttlSeconds), path: file });
    // Only the secrets dir is taken whole: elsewhere the token shares its directory with the image's files.
    const alone = dir === "/secrets" && !c.volumeMounts.some((m) => m.mountPath === dir || m.mountPath.startsWith(`${dir}/`));
    c.volumeMounts.push(alone ? mount(volume, dir, { readOnly: true }) : mount(volume, dest, { subPath: file, readOnly: true }));
    const aud = id.aud.length > 1 ? `; only the first audience "${id.aud[0]}" is kept (of ${id.aud.join(", ")})` : "";
    ctx.diags.warn("N2K-TASK-013", `identity "${id.name}" (file = true) becomes a projected service account token at ${dest}${id.aud[0] ? ` for audience "${id.aud[0]}"` : ""}${aud}${alone ? "" : ", mounted as a single file: the kubelet does not refresh it there, so it expires"}`, {
      path: id.path,
      hint: "the cluster issues it, not Nomad: make the services that trusted Nomad's workload identity (a cloud identity pool, Vault) trust the cluster's service account issuer",
    });
  }
}

/**
 * Downward API env vars go first, so later values can expand `$(NAME)`. A task env var that
 * is exactly `$(NAME)` becomes that entry; one that sets NAME to something else wins.
 */
function addDownwardEnv(c: Container, downward: Map<string, string>): void {
  if (!downward.size) return;
  const self = (e: Container["env"][number]) => typeof e.value === "string" && downward.has(e.name) && e.value === `$(${e.name})`;
  const own = new Set(c.env.filter((e) => !self(e)).map((e) => e.name));
  const fields = [...downward].filter(([name]) => !own.has(name)).sort(([a], [b]) => (a < b ? -1 : 1));
  c.env = [...fields.map(([name, fieldRef]) => ({ name, fieldRef })), ...c.env.filter((e) => !self(e))];
}

/**
 * The module's first main container owns the contract's `image_tag`; every other container
 * gets a variable of its own, named after its group (when the job has several) and task.
 */
function imageValue(task: Task, main: boolean, ctx: ContainerContext, interp: InterpContext): HclVal {
  // Nomad interpolates the image at run time (`${NOMAD_META_image}` of a dispatch, …): known values
  // are resolved, others become module variables (Kubernetes validates the image).
  const raw = task.config.image && guardString(task.config.image, interp, `${task.path}.config.image`, "an image");
  if (!raw) {
    ctx.diags.error("N2K-TASK-007", `task "${task.name}" has no image`, { path: `${task.path}.config.image` });
    return "";
  }
  const { repo, tag, digest } = splitImage(raw);
  reportConsulRegistry(repo, ctx.diags, `${task.path}.config.image`);
  // A tag from a module input or a run-time value is no default: the image keeps it as written.
  if (tag && /\$\{|\uE000/.test(tag)) return raw;
  // An image name that ends in a variable (`${var.image}`) may carry its own tag: appending one
  // would make `repo:2:latest`.
  if (!tag && !digest && /\$\{|\uE000/.test(repo.slice(repo.lastIndexOf("/") + 1))) return raw;
  const standard = ctx.variables.find((v) => v.name === "image_tag")!;
  const ownsStandard = main && !ctx.imageTagClaimed.value;
  const varName = ownsStandard ? "image_tag" : `${tfIdent(ctx.multiGroup ? `${ctx.group.name}_${task.name}` : task.name)}_image_tag`;
  if (ownsStandard) {
    ctx.imageTagClaimed.value = true;
    standard.default = tag ?? "latest";
  } else if (!ctx.variables.some((v) => v.name === varName)) {
    ctx.variables.push({ name: varName, description: `Container image tag for ${ctx.multiGroup ? `${ctx.group.name}/` : ""}${task.name}`, type: "string", default: tag ?? "latest" });
  }
  if (digest) return `${repo}${tag ? `:${tag}` : ""}@${digest}`;
  return tpl(`${repo}:`, expr(`var.${varName}`));
}

/** Nodes pull images themselves, and a Kubernetes node does not resolve Consul DNS names. */
function reportConsulRegistry(repo: string, diags: ContainerContext["diags"], path: string): void {
  const registry = repo.includes("/") ? repo.split("/")[0] : "";
  if (!/\.consul(:\d+)?$/i.test(registry)) return;
  diags.manual("N2K-CONSUL-001", `image registry ${registry} is a Consul DNS name: Kubernetes nodes cannot resolve it, so the pull fails (ImagePullBackOff)`, {
    path,
    hint: `replace ${registry} with a registry address the nodes resolve (its DNS name or a Service exposed to the nodes)`,
  });
}

/**
 * The ports a task listens on: those it lists in `config.ports`; else (bridge mode, host
 * network) its services' and checks' ports, and every group port when it is the group's only
 * container (or the main one on the host network).
 */
function containerPorts(task: Task, main: boolean, ctx: ContainerContext): Container["ports"] {
  const known = (label: string) => /^\d+$/.test(label) || ctx.interp.ports.has(label);
  // A group port left out on purpose (unused, or the mesh's) has its own report.
  const defined = (label: string) => ctx.group.ports.some((p) => p.label === label);
  for (const label of task.config.ports.filter((l) => !known(l) && !defined(l))) {
    // Nomad accepts the job but its docker driver refuses to start the task ("Port not found").
    ctx.diags.warn("N2K-PORT-005", `task "${task.name}" lists port "${label}" that no network block defines (Nomad would fail to start the task); the port is left out`, { path: `${task.path}.config.ports`, hint: "define the port or remove it from config.ports" });
  }
  const labels = new Set(task.config.ports.filter(known));
  const listed = labels.size > 0;
  if (!listed) {
    if (ctx.soleTask || (ctx.hostNetwork && main)) for (const p of ctx.group.ports) labels.add(p.label);
    for (const s of servicesOf(task, ctx.group, main)) for (const port of [s.port, ...s.checks.map((c) => c.port)]) if (port) labels.add(port);
  }
  const out: Container["ports"] = [];
  const names = new Set<string>();
  for (const label of labels) {
    const n = /^\d+$/.test(label) ? Number(label) : ctx.interp.ports.get(label);
    // A service or check naming an unknown port is reported where the Service is planned.
    if (n === undefined) continue;
    const p = ctx.group.ports.find((x) => x.label === label);
    // Reported once the pod's port claims are settled (N2K-PORT-003 in claimPodPorts).
    const hostPort = p?.static && !ctx.hostNetwork ? p.static : undefined;
    const proto = protocolsOf(label, ctx.protocols);
    for (const protocol of [...(proto.tcp ? ["TCP"] : []), ...(proto.udp ? ["UDP"] : [])]) {
      // A service port and a group port are often the same number: one port.
      if (!listed && out.some((x) => x.containerPort === n && (x.protocol ?? "TCP") === protocol)) continue;
      const twin = protocol === "UDP" && proto.tcp;
      const input = ctx.portInputs?.get(label);
      out.push({
        containerPort: n,
        ...(input ? { input } : {}),
        name: uniqueName(portName(twin ? `${label}-udp` : label), names),
        ...(hostPort ? { hostPort, label } : {}),
        ...(protocol === "UDP" ? { protocol } : {}),
        ...(listed ? {} : { inferred: true }),
      });
    }
  }
  // One port is written as the contract does: `port { container_port = N }`.
  if (out.length === 1) delete out[0].name;
  return out;
}

/**
 * Services of this task: its own, group services that name it (`task = "x"`), and group services
 * naming no present task whose port this task exposes (the main task otherwise).
 */
export function servicesOf(task: Task, group: Group, main: boolean, present: Task[] = group.tasks): Service[] {
  const own = new Set(task.config.ports);
  const named = (s: Service) => !!s.task && present.some((t) => t.name === s.task);
  return [
    ...task.services,
    ...group.services.filter((s) => (named(s) ? s.task === task.name : (s.port && own.has(s.port)) || (main && !group.tasks.some((t) => s.port && t.config.ports.includes(s.port))))),
  ];
}

/**
 * The checks of the task's services probe its container (see chooseProbes). A script check
 * names the task it runs in (`task = "x"` in a group service): it probes that task's container only.
 */
function probesFor(task: Task, main: boolean, ctx: ContainerContext, interp: InterpContext): ContainerProbes {
  const taskNames = new Set(ctx.group.tasks.map((t) => t.name));
  const runsIn = (c: Check) => (c.task && taskNames.has(c.task) ? c.task : undefined);
  const own = servicesOf(task, ctx.group, main);
  const services = [...own, ...ctx.group.services.filter((s) => !own.includes(s) && s.checks.some((c) => runsIn(c) === task.name))];
  const candidates = services.flatMap((s) =>
    s.checks
      .filter((check) => (runsIn(check) ? runsIn(check) === task.name : own.includes(s)))
      .map((check) => {
        const label = check.port ?? s.port;
        const port = label === undefined ? undefined : /^\d+$/.test(label) ? Number(label) : ctx.interp.ports.get(label);
        const portInput = label === undefined ? undefined : ctx.portInputs?.get(label);
        return { check, service: s.name, port, ...(portInput ? { portInput } : {}), path: `${s.path}.check${s.checks.length > 1 ? `[${s.checks.indexOf(check)}]` : ""}` };
      }),
  );
  return chooseProbes(candidates, ctx.diags, task, (s, path) => resolveString(s, interp, path));
}

/** `devices`: a host device reached through a host path needs a privileged container. */
function securityContext(task: Task, diags: Diagnostics, devices: boolean): Container["securityContext"] {
  const c = { ...task.config, privileged: task.config.privileged || devices };
  let runAsUser: string | undefined;
  if (task.user) {
    const uid = task.user.split(":")[0];
    if (/^\d+$/.test(uid)) runAsUser = uid;
    else diags.warn("N2K-TASK-008", `user "${task.user}" is a name; Kubernetes needs a numeric uid`, { path: `${task.path}.user`, hint: "set run_as_user by hand" });
  }
  if (!c.privileged && !runAsUser && !c.capAdd.length && !c.capDrop.length) return undefined;
  return { privileged: c.privileged || undefined, runAsUser, capAdd: c.capAdd, capDrop: c.capDrop };
}
