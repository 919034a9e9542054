import type { SiteConfig } from "../../config/site-config.js";
import type { Diagnostics } from "../../diagnostics.js";
import type { Group, Task } from "../../nomad/model.js";
import type { VolumeMountPlan } from "../model.js";
import { destinationPath } from "../templates/nomad-templates.js";
import { mount, type PodVolumes } from "./pod-volumes.js";

const TASK_DIRS: [RegExp, string][] = [
  [/^(?:\$\{NOMAD_TASK_DIR\}|\.?\/?local)(\/|$)/, "/local"],
  [/^(?:\$\{NOMAD_SECRETS_DIR\}|\.?\/?secrets)(\/|$)/, "/secrets"],
  [/^(?:\$\{NOMAD_ALLOC_DIR\}|(?:\.\.\/)?alloc)(\/|$)/, "/alloc"],
];

/** The empty_dir standing in for a Nomad task directory; /alloc is one volume per pod. */
export function taskDirVolume(dir: string, pod: PodVolumes, sizeLimit?: string): string {
  if (dir === "/secrets") return pod.emptyDir("secrets", { medium: "Memory" });
  if (dir === "/alloc") return pod.emptyDir("alloc", sizeLimit ? { sizeLimit } : {});
  return pod.emptyDir("local");
}

function taskDirOf(source: string): { dir: string; sub: string } | undefined {
  for (const [re, dir] of TASK_DIRS) {
    const m = re.exec(source);
    if (m) return { dir, sub: source.slice(m[0].length).replace(/^\/+/, "") };
  }
  return undefined;
}

/**
 * Maps a task's volume_mount blocks, docker `volumes` strings and `mount` blocks onto pod
 * volumes: CSI/host volumes and absolute paths → host_path; task/alloc/secrets paths →
 * empty_dir; tmpfs → in-memory empty_dir; named docker volumes are reported.
 */
export function mapTaskVolumes(task: Task, group: Group, pod: PodVolumes, config: SiteConfig, diags: Diagnostics, sizeLimit?: string): { mounts: VolumeMountPlan[]; aliases: Map<string, string[]> } {
  const mounts: VolumeMountPlan[] = [];
  // A bind of a file a template renders (`local/app.conf:/etc/app.conf`) mounts that file.
  const rendered = new Set(task.templates.map((t) => destinationPath(t.destination)));
  const aliases = new Map<string, string[]>();
  for (const vm of task.volumeMounts) {
    const gv = group.volumes.find((v) => v.name === vm.volume);
    if (!gv) {
      diags.error("N2K-VOL-001", `volume_mount refers to unknown volume "${vm.volume}"`, { path: `${task.path}.volume_mount` });
      continue;
    }
    let path: string;
    if (gv.type === "csi") path = `${config.storage.root}/${gv.source}`;
    else {
      path = config.storage.hostVolumes[gv.source] ?? `${config.storage.root}/${gv.source}`;
      if (!config.storage.hostVolumes[gv.source]) {
        diags.manual("N2K-VOL-002", `host volume "${gv.source}" mapped to ${path}; confirm the path on every node or set storage.hostVolumes in the site config`, { path: `${group.path}.volume.${gv.name}` });
      }
    }
    const name = pod.hostPath(gv.name, path, "Directory");
    mounts.push(mount(name, vm.destination, { readOnly: vm.readOnly || gv.readOnly }));
  }
  task.config.volumes.forEach((spec, i) => {
    const path = `${task.path}.config.volumes[${i}]`;
    const [source, target, mode] = spec.split(":");
    if (!target) {
      diags.error("N2K-VOL-003", `docker volume "${spec}" has no container path`, { path });
      return;
    }
    const dir = taskDirOf(source);
    const file = dir && `${dir.dir}/${dir.sub}`;
    if (file && rendered.has(file)) aliases.set(file, [...(aliases.get(file) ?? []), target]);
    else mounts.push(...bindMount(source, target, mode === "ro", pod, diags, path, sizeLimit));
  });
  task.config.mounts.forEach((m) => {
    const path = `${task.path}.config.mount`;
    if (m.type === "tmpfs") mounts.push(mount(pod.emptyDir("tmpfs", { medium: "Memory" }), m.target, { readOnly: m.readOnly }));
    else if (m.type === "bind" && m.source) mounts.push(...bindMount(m.source, m.target, m.readOnly, pod, diags, path, sizeLimit));
    else diags.warn("N2K-VOL-004", `named docker volume "${m.source ?? ""}" at ${m.target} is not carried over`, { path, hint: "use a host_path or a PersistentVolumeClaim" });
  });
  return { mounts, aliases };
}

function bindMount(source: string, target: string, readOnly: boolean, pod: PodVolumes, diags: Diagnostics, path: string, sizeLimit?: string): VolumeMountPlan[] {
  const dir = taskDirOf(source);
  if (dir) {
    const name = taskDirVolume(dir.dir, pod, sizeLimit);
    return [mount(name, target, { subPath: dir.sub || undefined, readOnly })];
  }
  if (source.startsWith("/")) {
    const base = target.split("/").filter(Boolean).pop() ?? "host";
    return [mount(pod.hostPath(base, source), target, { readOnly })];
  }
  diags.warn("N2K-VOL-004", `named docker volume "${source}" at ${target} is not carried over`, { path, hint: "use a host_path or a PersistentVolumeClaim" });
  return [];
}
