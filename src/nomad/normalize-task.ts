import type { Reader } from "./reader.js";
import type { DockerMount, Task, TaskConfig, Template } from "./model.js";
import { bool, duration, durationSeconds, int, scalarString, str, strList } from "./fields.js";
import { readConstraints, readServices } from "./normalize-service.js";
import { lineOf, escapeRegExp } from "./parse-file.js";

export function readTask(name: string, r: Reader, source: string): Task {
  const driver = r.get("driver", str) ?? "";
  const lifecycle = r.blocks("lifecycle").map((l) => {
    const v = { hook: (l.get("hook", str) ?? "prestart") as "prestart", sidecar: l.get("sidecar", bool) ?? false };
    l.finish();
    return v;
  })[0];
  const env: Record<string, string> = {};
  for (const e of r.blocks("env")) {
    for (const k of e.keys()) Object.assign(env, { [k]: e.get(k, scalarString) });
    e.finish();
  }
  const resources = { cpu: undefined as number | undefined, memory: undefined as number | undefined, memoryMax: undefined as number | undefined, cores: undefined as number | undefined };
  const devices: Task["devices"] = [];
  for (const rr of r.blocks("resources")) {
    resources.cpu = rr.get("cpu", int);
    resources.memory = rr.get("memory", int);
    resources.memoryMax = rr.get("memory_max", int);
    resources.cores = rr.get("cores", int);
    for (const [dname, d] of rr.labelled("device")) {
      devices.push({ name: dname, count: d.get("count", int) ?? 1 });
      d.ignore("constraint", "device constraints are replaced by the GPU node selector");
      d.ignore("affinity", "device affinities are replaced by the GPU node selector");
      d.finish();
    }
    rr.report("network", "N2K-RES-001", "task-level network resources (mbits) are not carried over");
    rr.ignore("iops", "deprecated in Nomad; no Kubernetes equivalent");
    rr.finish();
  }
  const task: Task = {
    name,
    driver,
    lifecycle,
    config: driver === "docker" || driver === "podman" ? readConfig(r) : { ports: [], capAdd: [], capDrop: [], volumes: [], mounts: [] },
    user: r.get("user", str),
    env,
    templates: r.blocks("template").map((t) => readTemplate(t, source)),
    resources,
    volumeMounts: r.blocks("volume_mount").map((v) => {
      const m = { volume: v.get("volume", str) ?? "", destination: v.get("destination", str) ?? "", readOnly: v.get("read_only", bool) ?? false };
      v.ignore("propagation_mode", "mount propagation defaults are kept");
      v.finish();
      return m;
    }),
    services: readServices(r),
    devices,
    killTimeoutSeconds: durationSeconds(r.get("kill_timeout", duration)),
    constraints: readConstraints(r),
    path: r.path,
  };
  if (driver !== "docker" && driver !== "podman") r.claim("config", "reported", `driver ${driver} is not convertible`);
  else if (!task.config.image) r.error("N2K-TASK-007", `task "${name}" has no image`, "config.image");
  r.report("vault", "N2K-SEC-005", "Vault policies and tokens are not carried over: the ExternalSecret store reads the secrets instead", "grant the secret store's Vault role read access to the paths the templates use");
  r.report("kill_signal", "N2K-TASK-001", "Kubernetes always sends SIGTERM; the kill signal is not carried over", "make the image's STOPSIGNAL match, or handle SIGTERM");
  r.report("artifact", "N2K-TASK-002", "artifacts are not downloaded by Kubernetes", "bake the artifact into the image or fetch it in an init container");
  r.report("dispatch_payload", "N2K-TASK-003", "dispatch payloads have no Kubernetes equivalent");
  r.report("affinity", "N2K-PLACE-002", "affinities are not carried over", "add preferred node affinity by hand");
  r.report("csi_plugin", "N2K-TASK-004", "CSI plugin tasks are not migrated; install the CSI driver's Helm chart instead");
  r.report("shutdown_delay", "N2K-TASK-005", "shutdown_delay is not carried over", "add a preStop sleep hook by hand");
  r.report("scaling", "N2K-TASK-006", "task scaling policies are not carried over (see the --vpa option)");
  r.ignore("logs", "the kubelet rotates container logs");
  r.ignore("meta", "task metadata has no Kubernetes equivalent");
  r.ignore("leader", "Kubernetes stops all containers of a pod together");
  r.ignore("kind", "Nomad-internal task kind");
  r.ignore("restart", "pods restart containers by the pod's restart policy");
  r.ignore("identity", "workload identity is replaced by the service account");
  r.ignore("consul", "Consul integration is replaced by Kubernetes Services");
  r.ignore("max_kill_timeout", "bounded by termination_grace_period_seconds");
  r.finish();
  return task;
}

function readConfig(task: Reader): TaskConfig {
  const configs = task.blocks("config");
  const r = configs[0];
  const cfg: TaskConfig = { ports: [], capAdd: [], capDrop: [], volumes: [], mounts: [] };
  if (!r) return cfg;
  Object.assign(cfg, {
    image: r.get("image", str),
    entrypoint: r.get("entrypoint", strList),
    command: r.get("command", str),
    args: r.get("args", strList),
    ports: r.get("ports", strList) ?? [],
    networkMode: r.get("network_mode", str),
    privileged: r.get("privileged", bool),
    capAdd: r.get("cap_add", strList) ?? [],
    capDrop: r.get("cap_drop", strList) ?? [],
    workDir: r.get("work_dir", str),
    volumes: r.get("volumes", strList) ?? [],
    runtime: r.get("runtime", str),
  });
  cfg.mounts = [...r.blocks("mount"), ...r.blocks("mounts")].map(readMount);
  r.ignore("force_pull", "Kubernetes pulls by the image pull policy (latest tags are always pulled)");
  r.ignore("labels", "container labels are replaced by pod labels");
  r.ignore("logging", "the kubelet collects container logs");
  r.ignore("interactive", "not meaningful for Kubernetes workloads");
  r.ignore("tty", "not meaningful for Kubernetes workloads");
  r.ignore("image_pull_timeout", "the kubelet manages pull timeouts");
  r.ignore("memory_hard_limit", "the memory limit comes from the resource tier");
  r.report("hostname", "N2K-CFG-001", "container hostname is not carried over (pods use their own name)");
  r.report("auth", "N2K-CFG-002", "registry credentials are not carried over", "create an image pull secret and reference it in image_pull_secrets");
  r.report("dns_servers", "N2K-CFG-003", "DNS servers are not carried over", "set dns_config on the pod if needed");
  r.report("extra_hosts", "N2K-CFG-004", "extra hosts are not carried over", "add host_aliases to the pod by hand");
  r.report("devices", "N2K-CFG-005", "host devices are not carried over", "mount them as host_path volumes with a privileged security context");
  r.report("ulimit", "N2K-CFG-006", "ulimits are not configurable per pod in Kubernetes");
  r.report("sysctl", "N2K-CFG-007", "sysctls are not carried over", "set security_context.sysctl on the pod by hand");
  r.report("shm_size", "N2K-CFG-008", "shm_size is not carried over", "mount an empty_dir with medium Memory at /dev/shm");
  r.report("ipc_mode", "N2K-CFG-009", "ipc_mode is not carried over", "set host_ipc on the pod if needed");
  r.report("pid_mode", "N2K-CFG-010", "pid_mode is not carried over", "set host_pid on the pod if needed");
  r.report("security_opt", "N2K-CFG-011", "security options are not carried over");
  r.report("load", "N2K-CFG-012", "image tarball loading is not supported", "push the image to a registry");
  r.finish();
  return cfg;
}

function readMount(r: Reader): DockerMount {
  const m: DockerMount = {
    type: (r.get("type", str) ?? "volume") as DockerMount["type"],
    source: r.get("source", str),
    target: r.get("target", str) ?? "",
    readOnly: r.get("readonly", bool) ?? false,
  };
  r.ignore("bind_options", "bind propagation defaults are kept");
  r.ignore("volume_options", "named docker volume options do not apply");
  r.ignore("tmpfs_options", "tmpfs size is mapped to the empty_dir default");
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
    path: r.path,
    line: destination ? lineOf(source, new RegExp(`destination\\s*=\\s*"${escapeRegExp(destination)}"`)) : undefined,
  };
  r.ignore("change_mode", "Kubernetes updates mounted ConfigMaps/Secrets in place; restarts need a reloader");
  r.ignore("change_signal", "Kubernetes does not signal containers on config change");
  r.ignore("change_script", "Kubernetes does not run scripts on config change");
  r.ignore("splay", "no re-render splay in Kubernetes");
  r.ignore("wait", "no re-render wait in Kubernetes");
  r.ignore("uid", "file ownership follows the pod security context");
  r.ignore("gid", "file ownership follows the pod security context");
  r.ignore("error_on_missing_key", "ExternalSecret fails on missing keys by default");
  r.ignore("vault_grace", "deprecated Nomad setting");
  r.report("left_delimiter", "N2K-TPL-005", "custom template delimiters are not supported");
  r.report("right_delimiter", "N2K-TPL-005", "custom template delimiters are not supported");
  r.finish();
  return t;
}
