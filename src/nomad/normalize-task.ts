import { NOT_CARRIED } from "./not-carried.js";
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
      d.notCarried(NOT_CARRIED.DEVICE);
      d.finish();
    }
    rr.notCarried(NOT_CARRIED.RESOURCES);
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
  r.notCarried(NOT_CARRIED.TASK);
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
    volumeDriver: r.get("volume_driver", str),
    runtime: r.get("runtime", str),
  });
  cfg.mounts = [...r.blocks("mount"), ...r.blocks("mounts")].map(readMount);
  r.notCarried(NOT_CARRIED.DOCKER_CONFIG);
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
    line: destination ? lineOf(source, new RegExp(`destination\\s*=\\s*"${escapeRegExp(destination)}"`)) : undefined,
  };
  r.notCarried(NOT_CARRIED.TEMPLATE);
  r.finish();
  return t;
}
