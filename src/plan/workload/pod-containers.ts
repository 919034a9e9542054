import type { Diagnostics } from "../../diagnostics.js";
import type { Task } from "../../nomad/model.js";
import { expr } from "../hcl-value.js";
import type { InterpContext } from "../interpolate.js";
import type { ConfigMapPlan, Container, VolumeMountPlan } from "../model.js";
import { dnsLabel } from "../names.js";
import { mount, type PodVolumes } from "../storage/pod-volumes.js";
import { taskDirVolume } from "../storage/task-volumes.js";
import { planArtifacts } from "../storage/artifacts.js";
import { buildContainer, type ContainerContext } from "./containers.js";
import { roleOf } from "./task-roles.js";
import { taskWorkdir } from "../drivers/task-workdir.js";

export interface PodContainers {
  initContainers: Container[];
  containers: Container[];
  configMaps: ConfigMapPlan[];
  /** The /alloc mounts added only so every container sees the shared directory. */
  sharedAlloc: VolumeMountPlan[];
}

export interface PodContainersInput {
  tasks: Task[];
  mainTask?: Task;
  /** Several groups: containers keep their task names (the app name is the workload's). */
  multi: boolean;
  pod: PodVolumes;
  ctx: Omit<ContainerContext, "interp">;
  interpBase: Omit<InterpContext, "task" | "usedDirs">;
}

/** The containers of one pod: init tasks, the main task first, then sidecars; /alloc shared. */
export function planPodContainers(input: PodContainersInput): PodContainers {
  const { tasks, mainTask, pod } = input;
  const runners = tasks.filter((t) => roleOf(t) !== "init");
  // Artifacts are fetched before any task starts, as Nomad fetches them before the task runs.
  const fetchers: Container[] = [];
  const build = (t: Task): Container => {
    // A process-driver task always had its local/ directory (its working directory's).
    const usedDirs = new Set<string>([...(mentionsAlloc(t) ? ["/alloc"] : []), ...(t.substitute ? ["/local"] : [])]);
    const interp: InterpContext = { ...input.interpBase, task: t.name, usedDirs };
    const main = t === mainTask;
    const c = buildContainer(t, main && !input.multi ? expr("local.app_name") : dnsLabel(t.name), main, { ...input.ctx, interp, soleTask: runners.length === 1 && runners[0] === t });
    const artifacts = planArtifacts(t, { pod, interp, config: input.ctx.config, secrets: { sensitive: input.ctx.templates.sensitive, secretType: input.ctx.templates.secretType, inputs: interp.inputs, diags: input.ctx.diags } });
    if (artifacts.init) fetchers.push(artifacts.init);
    for (const m of artifacts.mounts) if (!c.volumeMounts.some((x) => x.mountPath === m.mountPath)) c.volumeMounts.push(m);
    for (const dir of usedDirs) {
      if (!c.volumeMounts.some((m) => m.mountPath === dir)) c.volumeMounts.push(mount(taskDirVolume(dir, pod), dir));
    }
    return c;
  };
  const initContainers = tasks.filter((t) => roleOf(t) === "init" && t !== mainTask).map(build);
  const containers = [mainTask, ...tasks.filter((t) => t !== mainTask && roleOf(t) !== "init")].filter((t): t is Task => !!t).map(build);
  initContainers.unshift(...fetchers);
  // /alloc is shared: every container of the pod sees it once any of them uses it.
  const sharedAlloc: VolumeMountPlan[] = [];
  if (pod.volumes.some((v) => v.name === "alloc")) {
    for (const c of [...initContainers, ...containers]) {
      if (c.volumeMounts.some((m) => m.mountPath === "/alloc")) continue;
      const m = mount("alloc", "/alloc");
      sharedAlloc.push(m);
      c.volumeMounts.push(m);
    }
    shareAllocTemplates([...initContainers, ...containers], pod, sharedAlloc);
    // Nomad creates alloc/data, alloc/tmp and alloc/logs; the kubelet creates a sub_path's
    // directory when it mounts it, before the pod's first container starts.
    const first = initContainers[0] ?? containers[0];
    for (const sub of ["data", "logs", "tmp"]) {
      if (!first || first.volumeMounts.some((m) => m.mountPath === `/alloc/${sub}`)) continue;
      const m = mount("alloc", `/alloc/${sub}`, { subPath: sub });
      sharedAlloc.push(m);
      first.volumeMounts.push(m);
    }
  }
  taskWorkdir([...initContainers, ...containers], tasks, pod);
  return { initContainers, containers, configMaps: [], sharedAlloc };
}

// `/alloc/...` written out (not through ${NOMAD_ALLOC_DIR}): `/usr/alloc` is not it.
const ALLOC_PATH = /(?:^|[\s"'=:,(\[])\/alloc\/(?:data|tmp|logs)\b/;

/** The task names a path in the shared alloc directory in its env, args or templates. */
function mentionsAlloc(t: Task): boolean {
  const texts = [...Object.values(t.env), ...(t.config.args ?? []), ...(t.config.entrypoint ?? []), t.config.command ?? "", ...t.templates.map((x) => x.data ?? "")];
  return texts.some((x) => typeof x === "string" && x.includes("/alloc/") && ALLOC_PATH.test(x));
}

/**
 * A template rendered into the alloc dir is a file every task sees: each container that mounts
 * /alloc (or a subdirectory of it, at a path of its own) gets the template's file there too.
 */
function shareAllocTemplates(all: Container[], pod: PodVolumes, shared: VolumeMountPlan[]): void {
  const isFile = (m: VolumeMountPlan) => !!m.subPath && m.mountPath.startsWith("/alloc/") && (!!pod.get(m.name)?.configMap || !!pod.get(m.name)?.secret);
  const files = all.flatMap((c) => c.volumeMounts.filter(isFile)).filter((m, i, xs) => xs.findIndex((x) => x.mountPath === m.mountPath) === i);
  for (const c of all) {
    for (const dir of c.volumeMounts.filter((m) => m.name === "alloc")) {
      const base = dir.subPath ? `/alloc/${dir.subPath.replace(/\/+$/, "")}` : "/alloc";
      for (const f of files.filter((x) => x.mountPath.startsWith(`${base}/`))) {
        const target = dir.mountPath.replace(/\/+$/, "") + f.mountPath.slice(base.length);
        if (c.volumeMounts.some((m) => m.mountPath === target)) continue;
        const m = { ...f, mountPath: target };
        shared.push(m);
        c.volumeMounts.push(m);
      }
    }
  }
}

/** Container names must differ within a pod, also after DNS-1123 sanitising. */
export function uniqueContainerNames(containers: Container[], appName: string, diags: Diagnostics, path: string): void {
  const taken = new Set<string>();
  for (const c of containers) {
    const name = typeof c.name === "string" ? c.name : appName;
    let unique = name;
    for (let i = 2; taken.has(unique); i++) unique = `${name}-${i}`;
    taken.add(unique);
    if (unique !== name) {
      diags.changed("N2K-NAME-002", `container "${name}" renamed "${unique}": two containers of the pod had the same name`, { path });
      c.name = unique;
    }
  }
}
