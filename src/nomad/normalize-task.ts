import { NOT_CARRIED } from "./not-carried.js";
import { readMeta } from "./read-meta.js";
import type { Reader } from "./reader.js";
import type { Artifact, DockerMount, HostDevice, Port, ProcessConfig, Task, TaskConfig, Template } from "./model.js";
import { readQemuConfig } from "./qemu-config.js";
import { readVault } from "./read-vault.js";
import { bool, duration, durationSeconds, int, str, strList } from "./fields.js";
import { readConstraints, readServices } from "./normalize-service.js";
import { attributeAt, lineAt } from "./source-position.js";

/** Drivers whose `config` describes one OCI container image. */
export const CONTAINER_DRIVERS = new Set(["docker", "podman", "containerd-driver"]);

/** Drivers that run a process (a binary, a script, a jar) on the client: a container may stand in for them. */
export const PROCESS_DRIVERS = new Set(["exec", "exec2", "raw_exec", "java"]);

/** A task that becomes a container: a container driver, or a process driver given a substitute image. */
export function runsAsContainer(t: Task): boolean {
  return CONTAINER_DRIVERS.has(t.driver) || !!t.substitute;
}

/**
 * One task. Ports of a legacy task-level `resources { network { port … } }` (Nomad before 0.12)
 * are pushed to `legacyPorts`, their container port taken from docker's `port_map`.
 */
/** `restart { attempts }` (the rest is Kubernetes' own back-off, reported as left out). */
export function readRestartAttempts(r: Reader): number | undefined {
  let attempts: number | undefined;
  for (const rs of r.blocks("restart")) {
    attempts = rs.get("attempts", int);
    rs.notCarried(NOT_CARRIED.RESTART);
    rs.finish();
  }
  return attempts;
}

export function readTask(name: string, r: Reader, source: string, legacyPorts: Port[] = []): Task {
  const driver = r.get("driver", str) ?? "";
  const container = CONTAINER_DRIVERS.has(driver);
  const portMap: Record<string, number> = {};
  const ownPorts: Port[] = [];
  const lifecycle = r.blocks("lifecycle").map((l) => {
    const v = { hook: (l.get("hook", str) ?? "prestart") as "prestart", sidecar: l.get("sidecar", bool) ?? false };
    l.finish();
    return v;
  })[0];
  const csiPlugin = r.blocks("csi_plugin").map((c) => {
    const v = { id: c.get("id", str) ?? "", type: c.get("type", str) ?? "monolith" };
    c.ignore("mount_dir", "the CSI driver's chart mounts the kubelet's plugin directory");
    c.ignore("stage_publish_base_dir", "the CSI driver's chart mounts the kubelet's plugin directory");
    c.ignore("health_timeout", "the CSI driver's chart sets its own probes");
    c.finish();
    return v;
  })[0];
  const env: Record<string, string> = {};
  for (const e of r.blocks("env")) {
    for (const k of e.keys()) Object.assign(env, { [k]: e.get(k, str) });
    e.finish();
  }
  const resources = { cpu: undefined as number | undefined, memory: undefined as number | undefined, memoryMax: undefined as number | undefined, cores: undefined as number | undefined };
  const devices: Task["devices"] = [];
  for (const rr of r.blocks("resources")) {
    resources.cpu = rr.get("cpu", int);
    resources.memory = rr.get("memory", int);
    resources.memoryMax = rr.get("memory_max", int);
    resources.cores = rr.get("cores", int);
    for (const n of rr.blocks("network")) ownPorts.push(...readLegacyNetwork(n));
    for (const [dname, d] of rr.labelled("device")) {
      devices.push({ name: dname, count: d.get("count", int) ?? 1 });
      d.notCarried(NOT_CARRIED.DEVICE);
      d.finish();
    }
    rr.notCarried(NOT_CARRIED.RESOURCES);
    rr.finish();
  }
  let process: ProcessConfig | undefined;
  const task: Task = {
    name,
    driver,
    lifecycle,
    ...(csiPlugin ? { csiPlugin } : {}),
    config: container ? readConfig(r, portMap) : PROCESS_DRIVERS.has(driver) ? readProcessConfig(r, driver, (p) => (process = p)) : { ports: [], capAdd: [], capDrop: [], volumes: [], mounts: [] },
    ...(process ? { process } : {}),
    ...(driver === "qemu" ? { vm: readQemuConfig(r, portMap) } : {}),
    // A VM's artifact is its disk image (plan/vm); every other task's are fetched by an init container.
    artifacts: r.blocks("artifact").map(readArtifact),
    user: r.get("user", str),
    env,
    templates: r.blocks("template").map((t) => readTemplate(t, source)),
    resources,
    volumeMounts: r.blocks("volume_mount").map((v) => {
      const m = { volume: v.get("volume", str) ?? "", destination: v.get("destination", str) ?? "", readOnly: v.get("read_only", bool) ?? false };
      v.ignore("propagation_mode", "mount propagation defaults are kept");
      v.ignore("selinux_label", "SELinux labels come from the pod security context");
      v.finish();
      return m;
    }),
    services: readServices(r),
    devices,
    killTimeoutSeconds: durationSeconds(r.get("kill_timeout", duration)),
    shutdownDelaySeconds: durationSeconds(r.get("shutdown_delay", duration)),
    restartAttempts: readRestartAttempts(r),
    constraints: readConstraints(r),
    meta: readMeta(r),
    identities: r.blocks("identity").map((i) => {
      const id = { name: i.get("name", str) ?? "default", file: i.get("file", bool) ?? false, env: i.get("env", bool) ?? false, aud: i.get("aud", strList) ?? [], ttlSeconds: durationSeconds(i.get("ttl", duration)), filepath: i.get("filepath", str), path: i.path };
      i.ignore("change_mode", "Kubernetes rotates projected tokens in place");
      i.ignore("change_signal", "Kubernetes rotates projected tokens in place");
      i.finish();
      return id;
    }),
    vault: readVault(r),
    path: r.path,
  };
  for (const p of ownPorts) {
    if (portMap[p.label] !== undefined) p.to = portMap[p.label];
    // A process (exec, java) listened on the legacy port itself, as a container lists it.
    if ((container || PROCESS_DRIVERS.has(driver)) && !task.config.ports.includes(p.label)) task.config.ports.push(p.label);
  }
  legacyPorts.push(...ownPorts);
  if (ownPorts.length) task.ownNetwork = true;
  if (!container && !PROCESS_DRIVERS.has(driver) && driver !== "qemu") r.claim("config", "reported", `driver ${driver} is not convertible`);
  else if (container && !task.config.image) r.error("N2K-TASK-007", `task "${name}" has no image`, "config.image");
  r.notCarried(NOT_CARRIED.TASK);
  r.finish();
  return task;
}

/** go-getter's `artifact`: fetched by an init container (see plan/storage/artifacts.ts). */
function readArtifact(r: Reader): Artifact {
  const map = (key: string) => {
    const out: Record<string, string> = {};
    for (const b of r.blocks(key)) {
      for (const k of b.keys()) out[k] = b.get(k, str) ?? "";
      b.finish();
    }
    return out;
  };
  const a: Artifact = { source: r.get("source", str) ?? "", destination: r.get("destination", str), mode: r.get("mode", str), options: map("options"), headers: map("headers"), path: r.path };
  r.ignore("chown", "the init container writes the files; the pod's fs_group decides their group");
  r.ignore("insecure", "TLS is verified; an artifact server with a bad certificate fails the fetch");
  r.finish();
  return a;
}

/**
 * java, exec, exec2 and raw_exec `config`: the process and its arguments. Isolation settings
 * are the exec drivers' own (a container is isolated by the runtime).
 */
function readProcessConfig(task: Reader, driver: string, setProcess: (p: ProcessConfig) => void): TaskConfig {
  const cfg: TaskConfig = { ports: [], capAdd: [], capDrop: [], volumes: [], mounts: [] };
  const r = task.blocks("config")[0];
  if (!r) return cfg;
  cfg.command = r.get("command", str);
  cfg.args = r.get("args", strList);
  cfg.capAdd = r.get("cap_add", strList) ?? [];
  cfg.capDrop = r.get("cap_drop", strList) ?? [];
  cfg.workDir = r.get("work_dir", str);
  if (driver === "java") setProcess({ jarPath: r.get("jar_path", str), class: r.get("class", str), classPath: r.get("class_path", str), jvmOptions: r.get("jvm_options", strList), jdkPath: r.get("jdk_path", str) });
  for (const k of ["pid_mode", "ipc_mode"]) r.ignore(k, "the container gets its own PID and IPC namespaces");
  for (const k of ["cgroup_v1_override", "cgroup_v2_override", "oom_score_adj", "denied_envvars"]) r.ignore(k, "the container runtime sets the cgroup and OOM score");
  for (const k of ["unveil_paths", "unveil_defaults", "unveil_by_task"]) r.ignore(k, "exec2's landlock paths: the container sees only its image and mounts");
  r.finish();
  return cfg;
}

/** Legacy task network: `port "p" {}` / `port "p" { static = 80 }`; bandwidth is Nomad-only. */
function readLegacyNetwork(n: Reader): Port[] {
  const ports: Port[] = [];
  for (const [label, p] of [...n.labelled("port"), ...n.labelled("reserved_ports"), ...n.labelled("dynamic_ports")]) {
    ports.push({ label, static: p.get("static", int), to: p.get("to", int) });
    p.notCarried(NOT_CARRIED.PORT);
    p.finish();
  }
  n.notCarried(NOT_CARRIED.NETWORK);
  n.notCarried(NOT_CARRIED.TASK_NETWORK);
  n.finish();
  return ports;
}

function readConfig(task: Reader, portMap: Record<string, number>): TaskConfig {
  const configs = task.blocks("config");
  const r = configs[0];
  const cfg: TaskConfig = { ports: [], capAdd: [], capDrop: [], volumes: [], mounts: [] };
  if (!r) return cfg;
  // docker's legacy `port_map { label = N }`: a block, a map, or a list of one map.
  for (const m of r.blocks("port_map")) {
    for (const k of m.keys()) {
      const n = m.get(k, int);
      if (n !== undefined) portMap[k] = n;
    }
    m.finish();
  }
  const hostNetwork = r.get("host_network", bool);
  Object.assign(cfg, {
    image: stripTransport(r.get("image", str)),
    entrypoint: r.get("entrypoint", strList),
    command: r.get("command", str),
    args: r.get("args", strList),
    ports: r.get("ports", strList) ?? [],
    networkMode: r.get("network_mode", str) ?? (hostNetwork ? "host" : undefined),
    privileged: r.get("privileged", bool),
    interactive: r.get("interactive", bool),
    tty: r.get("tty", bool),
    capAdd: r.get("cap_add", strList) ?? [],
    capDrop: r.get("cap_drop", strList) ?? [],
    // docker says work_dir, podman working_dir, containerd-driver cwd.
    workDir: r.get("work_dir", str) ?? r.get("working_dir", str) ?? r.get("cwd", str),
    volumes: r.get("volumes", strList) ?? [],
    volumeDriver: r.get("volume_driver", str),
    runtime: r.get("runtime", str),
    shmSize: r.get("shm_size", int),
  });
  cfg.mounts = [...r.blocks("mount"), ...r.blocks("mounts")].map(readMount);
  cfg.devices = readDevices(r);
  const pids = r.get("pids_limit", int);
  // A cap the task had: without it the container may start as many processes as the node allows.
  if (pids !== undefined) {
    r.warn("N2K-RES-009", `pids_limit = ${pids} is not carried over: Kubernetes caps a pod's processes only with the kubelet's podPidsLimit, a node setting (no limit unless set), so the task may start more than ${pids} processes`, "pids_limit", "set podPidsLimit in the kubelet configuration of the nodes, if the cap matters");
  }
  readLogging(r);
  r.notCarried(NOT_CARRIED.DOCKER_CONFIG);
  r.finish();
  return cfg;
}

// Drivers that leave the logs on the node, where the kubelet's own files take over.
const NODE_LOG_DRIVERS = new Set(["json-file", "local", "journald", "none"]);

/** Docker's `logging`: kept on the node it needs nothing; shipped elsewhere (fluentd, gelf, syslog, loki…) nothing ships it on Kubernetes. */
function readLogging(r: Reader): void {
  const logging = r.blocks("logging")[0];
  if (!logging) return;
  const type = logging.get("type", str) ?? logging.get("driver", str);
  if (!type || NODE_LOG_DRIVERS.has(type)) {
    r.ignore("logging", "the kubelet collects container logs");
    return;
  }
  const options = logging.blocks("config")[0]?.raw ?? {};
  const address = Object.entries(options).find(([k, v]) => /(?:address|url|host)$/i.test(k) && typeof v === "string");
  const to = address ? ` to ${String(address[1])}` : "";
  r.claim("logging", "reported", `docker logging driver ${type}`);
  r.warn(
    "N2K-CFG-020",
    `logging: Docker's ${type} logging driver shipped this task's logs${to}; on Kubernetes the container runtime writes them to files on the node and nothing ships them`,
    "logging",
    `run a log collector DaemonSet (Fluent Bit, Promtail, Vector) that reads /var/log/containers and sends the logs where ${type} sent them`,
  );
}

/**
 * Podman and containerd name images with a transport (`docker://nginx`); Kubernetes pulls
 * from registries, so the `docker://` transport goes. Other transports stay (and fail later).
 */
export function stripTransport(image: string | undefined): string | undefined {
  return image?.replace(/^docker:\/\//, "");
}

/** docker `devices = [{ host_path, container_path, cgroup_permissions }]`, podman `devices = ["/dev/x:/dev/y:rwm"]`. */
function readDevices(r: Reader): HostDevice[] {
  const raw = r.raw.devices;
  const written = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((d): d is string => typeof d === "string");
  const out: HostDevice[] = written.map((d) => {
    const [hostPath, containerPath, permissions] = d.split(":");
    return { hostPath, containerPath: containerPath || undefined, permissions: permissions || undefined };
  });
  for (const d of r.blocks("devices")) {
    const hostPath = d.get("host_path", str);
    if (hostPath) out.push({ hostPath, containerPath: d.get("container_path", str), permissions: d.get("cgroup_permissions", str) });
    d.finish();
  }
  r.claim("devices", "mapped");
  return out.filter((d) => d.hostPath.startsWith("/"));
}

function readMount(r: Reader): DockerMount {
  const options = r.get("options", strList) ?? [];
  const m: DockerMount = {
    type: (r.get("type", str) ?? "volume") as DockerMount["type"],
    source: r.get("source", str),
    target: r.get("target", str) ?? "",
    // containerd-driver mounts say read-only with the "ro" option.
    readOnly: r.get("readonly", bool) ?? r.get("read_only", bool) ?? options.includes("ro"),
  };
  for (const t of r.blocks("tmpfs_options")) {
    m.tmpfsSize = t.get("size", int);
    t.ignore("mode", "Kubernetes creates in-memory empty_dir volumes with its own mode");
    t.finish();
  }
  for (const v of r.blocks("volume_options")) {
    for (const d of v.blocks("driver_config")) {
      const options: Record<string, string> = {};
      for (const o of d.blocks("options")) for (const k of o.keys()) options[k] = o.get(k, str) ?? "";
      m.driver = { name: d.get("name", str), options };
      d.finish();
    }
    v.ignore("no_copy", "Kubernetes volumes start as their source is; nothing is copied from the image");
    v.ignore("labels", "docker volume labels do not apply");
    v.finish();
  }
  r.notCarried(NOT_CARRIED.DOCKER_MOUNT);
  r.finish();
  return m;
}

function readTemplate(r: Reader, source: string): Template {
  const destination = r.get("destination", str) ?? "";
  const t: Template = {
    data: r.get("data", str),
    source: r.get("source", str),
    destination,
    env: r.get("env", bool) ?? false,
    perms: r.get("perms", str),
    leftDelimiter: r.get("left_delimiter", str),
    rightDelimiter: r.get("right_delimiter", str),
    path: r.path,
    line: destination ? lineAt(source, attributeAt(source, "destination", destination)) : undefined,
  };
  r.notCarried(NOT_CARRIED.TEMPLATE);
  r.finish();
  return t;
}
