import type { Diagnostics } from "../../diagnostics.js";
import type { Task } from "../../nomad/model.js";
import { expr } from "../hcl-value.js";
import type { InterpContext } from "../interpolate.js";
import type { ConfigMapPlan, Container, VolumeMountPlan } from "../model.js";
import { dnsLabel } from "../names.js";
import type { SqliteFacts } from "../../infer/evidence.js";
import { databasePath, planLitestream, type LitestreamContext } from "../storage/litestream.js";
import { mount, type PodVolumes } from "../storage/pod-volumes.js";
import { taskDirVolume } from "../storage/task-volumes.js";
import { buildContainer, type ContainerContext } from "./containers.js";
import { roleOf } from "./task-roles.js";

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
  const build = (t: Task): Container => {
    const usedDirs = new Set<string>();
    const interp: InterpContext = { ...input.interpBase, task: t.name, usedDirs };
    const main = t === mainTask;
    const c = buildContainer(t, main && !input.multi ? expr("local.app_name") : dnsLabel(t.name), main, { ...input.ctx, interp, soleTask: runners.length === 1 && runners[0] === t });
    for (const dir of usedDirs) {
      if (!c.volumeMounts.some((m) => m.mountPath === dir)) c.volumeMounts.push(mount(taskDirVolume(dir, pod), dir));
    }
    return c;
  };
  const initContainers = tasks.filter((t) => roleOf(t) === "init" && t !== mainTask).map(build);
  const containers = [mainTask, ...tasks.filter((t) => t !== mainTask && roleOf(t) !== "init")].filter((t): t is Task => !!t).map(build);
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
  }
  return { initContainers, containers, configMaps: [], sharedAlloc };
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

/** Pattern B: the app's data directory moves to the litestream-backed volume, restored before start. */
export function addLitestream(pod: PodContainers, facts: SqliteFacts, ctx: LitestreamContext): void {
  const app = pod.containers[0];
  if (!app) return;
  const ls = planLitestream(facts, databasePath(facts, app.volumeMounts.map((m) => m.mountPath), ctx), ctx);
  const replaced = app.volumeMounts.filter((m) => m.mountPath === ls.dataDir || ls.dataDir.startsWith(m.mountPath + "/"));
  if (replaced.length) {
    // Everything these mounts held, except the database Litestream replicates, is no longer kept.
    const lost = replaced.map((r) => {
      const v = ctx.pod.get(r.name);
      const from = v?.hostPath ? `host path ${v.hostPath.path}${r.subPath ? `/${r.subPath}` : ""}` : `volume ${r.name}`;
      return `${r.mountPath} (${from})`;
    });
    const persistent = replaced.some((r) => ctx.pod.get(r.name)?.hostPath);
    ctx.diags.warn(
      "N2K-LITE-003",
      `the litestream-backed empty_dir at ${ls.dataDir} replaces ${lost.join(", ")}: only the SQLite database ${ls.dbPath} is restored from the replica; ${persistent ? "every other file under these paths stops being persistent" : "other files under these paths start empty"}`,
      { path: ctx.path, hint: "keep other data on a host volume mounted elsewhere, or confirm it can be lost" },
    );
  }
  app.volumeMounts = [...app.volumeMounts.filter((m) => !replaced.includes(m)), mount(ls.dataVolume, ls.dataDir)];
  // A replaced host path may have held the name `data`, which the contract gives Litestream's volume.
  const everyMount = [...pod.initContainers, ...pod.containers, ls.initContainer, ls.sidecar].flatMap((c) => c.volumeMounts);
  if (ls.dataVolume !== "data" && !everyMount.some((m) => m.name === "data")) {
    ctx.pod.takeName(ls.dataVolume, "data");
    for (const m of everyMount) if (m.name === ls.dataVolume) m.name = "data";
  }
  // When Litestream took the only use of /alloc, the shared /alloc mounts have nothing to share.
  const all = [...pod.initContainers, ...pod.containers];
  if (!all.some((c) => c.volumeMounts.some((m) => m.name === "alloc" && !pod.sharedAlloc.includes(m)))) {
    for (const c of all) c.volumeMounts = c.volumeMounts.filter((m) => !pod.sharedAlloc.includes(m));
  }
  pod.initContainers.unshift(ls.initContainer);
  pod.containers.push(ls.sidecar);
  pod.configMaps.push(ls.configMap);
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
      diags.info("N2K-NAME-002", `container "${name}" renamed "${unique}": two containers of the pod had the same name`, { path });
      c.name = unique;
    }
  }
}
