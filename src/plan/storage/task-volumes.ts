import type { SiteConfig } from "../../config/site-config.js";
import type { DockerMount, Group, Task } from "../../nomad/model.js";
import type { Diagnostics } from "../../diagnostics.js";
import { readableRefs, REF_OPEN } from "../hcl-value.js";
import type { InterpContext } from "../interpolate.js";
import { guardString } from "../k8s-fields.js";
import type { Volume, VolumeMountPlan } from "../model.js";
import { taskPath } from "../templates/template-paths.js";
import { nomadDataPath } from "../../nomad/nomad-data-path.js";
import { hostPathKind } from "./node-data.js";
import { mount, type PodVolumes } from "./pod-volumes.js";

// The node's root, kernel views, devices, logs and runtime state: what a node agent reads, no app data.
const NODE_OWN = /^\/(?:proc|sys|dev|run|var\/run|var\/log)?(?:\/.*)?$/;

/** A docker volume whose source is inside the task directory: what Nomad puts there shows at `target`. */
export interface TaskBind {
  /** Task path (see taskPath): `/local/x`, `/alloc/x`, or relative `custom/x`. */
  source: string;
  target: string;
}

/**
 * The empty_dir standing in for a Nomad task directory, or for a directory of the task that a
 * relative docker volume names (`custom` in `custom/x:/p`); /alloc is one volume per pod.
 */
export function taskDirVolume(dir: string, pod: PodVolumes): string {
  if (dir === "/secrets") return pod.emptyDir("secrets", { medium: "Memory" });
  if (dir === "/alloc") return pod.emptyDir("alloc");
  if (dir === "/local") return pod.emptyDir("local");
  return pod.emptyDir(`task-${dir.replace(/^\//, "")}`);
}

/** Container paths where a file Nomad writes at task path `dest` is visible through the binds. */
export function boundPaths(dest: string, binds: TaskBind[]): string[] {
  return binds.filter((b) => dest === b.source || dest.startsWith(`${b.source}/`)).map((b) => (b.target.replace(/(.)\/+$/, "$1") + dest.slice(b.source.length)).replace(/^\/\//, "/"));
}

/**
 * Maps a task's volume_mount blocks, docker `volumes` strings and `mount` blocks onto pod
 * volumes: CSI/host volumes and absolute paths → host_path; relative paths are resolved as
 * Nomad does, inside the task directory (local/, secrets/, ../alloc/, or any other
 * directory of the task) → empty_dir; tmpfs → in-memory empty_dir; driver volumes are reported.
 * `files` are the task paths templates write: a bind of exactly such a file mounts the file.
 */
export function mapTaskVolumes(task: Task, group: Group, pod: PodVolumes, config: SiteConfig, interp: InterpContext, files: string[]): { mounts: VolumeMountPlan[]; binds: TaskBind[]; devices: string[] } {
  const diags = interp.diags;
  const mounts: VolumeMountPlan[] = [];
  const binds: TaskBind[] = [];
  for (const vm of task.volumeMounts) {
    const gv = group.volumes.find((v) => v.name === vm.volume);
    if (!gv) {
      diags.error("N2K-VOL-001", `volume_mount refers to unknown volume "${vm.volume}"`, { path: `${task.path}.volume_mount` });
      continue;
    }
    const mapped = gv.type !== "csi" && Object.hasOwn(config.storage.hostVolumes, gv.source) ? config.storage.hostVolumes[gv.source] : undefined;
    // A volume's name becomes a folder under the storage root: it must stay one.
    if (mapped === undefined && !/^[^/\\]+$/.test(gv.source.replace(/^\.{1,2}$/, "/"))) {
      diags.error("N2K-VOL-013", `volume "${gv.name}": source ${JSON.stringify(gv.source)} is empty, absolute or has "/" or ".." in it: under the storage root it would name another folder (${config.storage.root}/${gv.source})`, {
        path: `${group.path}.volume.${gv.name}`,
        hint: "use the volume's name as Nomad's client config declares it, or map it to a path with storage.hostVolumes in the site config",
      });
      continue;
    }
    let path: string;
    let origin: Volume["origin"];
    if (gv.type === "csi") {
      path = `${config.storage.root}/${gv.source}`;
      origin = { nomad: `CSI volume "${gv.source}"`, copy: `make the CSI volume's files available at ${path} on the node (mount the same storage there, or copy them) before the first start` };
    } else {
      path = mapped ?? `${config.storage.root}/${gv.source}`;
      origin = { nomad: `host volume "${gv.source}"`, copy: `copy the Nomad client's host_volume "${gv.source}" folder to ${path} on the node, unless it is that folder${mapped !== undefined ? "" : " (path assumed, N2K-VOL-002)"}` };
      if (mapped === undefined) {
        diags.manual("N2K-VOL-002", `host volume "${gv.source}" mapped to ${path}; confirm the path on every node or set storage.hostVolumes in the site config`, { path: `${group.path}.volume.${gv.name}` });
      }
    }
    if (/\.sock$/.test(vm.destination)) warnHostSocket(vm.destination, `${task.path}.volume_mount`, diags, `host volume "${gv.source}"`);
    const name = pod.hostPath(gv.name, path, "Directory", origin);
    mounts.push(mount(name, vm.destination, { readOnly: vm.readOnly || gv.readOnly }));
  }
  const bind = (written: string, target: string, readOnly: boolean, path: string, spec: string) => {
    const source = nomadDataPath(written) ? written : hostSide(written, interp, path);
    if (source.includes(REF_OPEN)) {
      // Only known when Terraform runs (a module input): a host path all the same.
      const kind = hostPathKind(source, readOnly);
      const origin = { nomad: `host path ${readableRefs(source)}`, copy: "none on the node that had it (the path is a module input); else copy it to that node" };
      mounts.push(mount(pod.hostPath(target.split("/").filter(Boolean).pop() ?? "host", source, kind.type, origin, kind.nodeData), target, { readOnly }));
      return;
    }
    const own = nomadDataPath(source);
    if (own) {
      const m = mapNomadDataPath(own, source, target, readOnly, pod, diags, path);
      if (m) mounts.push(m);
      return;
    }
    if (source.startsWith("/")) {
      const kind = hostPathKind(source, readOnly);
      if (kind.type === "Socket") warnHostSocket(source, path, diags);
      const base = target.split("/").filter(Boolean).pop() ?? "host";
      // A socket reaches a daemon, and the node's own file systems are every node's: nothing to copy at cutover.
      // Where the pod runs (pinToDataNode) decides the copy step of node data.
      const origin = kind.type === "Socket" || NODE_OWN.test(source) ? undefined : { nomad: `host path ${source}`, copy: kind.system ? "none: a path of the node itself (same host path)" : "none on the node that had it (same host path); else copy it to that node" };
      mounts.push(mount(pod.hostPath(base, source, kind.type, origin, kind.nodeData), target, { readOnly }));
      return;
    }
    const src = taskPath(source);
    binds.push({ source: src, target });
    // A bind of a file a template renders mounts that file (see boundPaths), not a directory.
    if (files.includes(src)) return;
    const segs = src.split("/").filter(Boolean);
    const root = src.startsWith("/") ? `/${segs[0]}` : segs[0];
    mounts.push(mount(taskDirVolume(root, pod), target, { subPath: segs.slice(1).join("/") || undefined, readOnly }));
    if (!src.startsWith("/") && !files.some((f) => f.startsWith(`${src}/`))) {
      diags.changed("N2K-VOL-007", `docker volume "${spec}": Nomad resolves "${source}" inside the task directory, so it is an empty_dir here too (empty at start, gone with the pod)`, { path, hint: "use a host volume if the data must persist" });
    }
  };
  task.config.volumes.forEach((spec, i) => {
    const path = `${task.path}.config.volumes[${i}]`;
    const [source, target, mode] = spec.split(":");
    if (!target) {
      diags.error("N2K-VOL-003", `docker volume "${spec}" has no container path`, { path });
      return;
    }
    // `name=x,size=1G` is a volume-driver spec (Portworx and the like), never a path.
    if ((task.config.volumeDriver || source.includes("=")) && !source.startsWith("/")) {
      diags.warn("N2K-VOL-004", `volume "${source}"${task.config.volumeDriver ? ` of volume driver ${task.config.volumeDriver}` : " (a volume-driver spec)"} at ${target} is not carried over`, { path, hint: "use a host_path or a PersistentVolumeClaim" });
      return;
    }
    bind(source, target, (mode ?? "").split(",").includes("ro"), path, spec);
  });
  task.config.mounts.forEach((m, i) => {
    const path = `${task.path}.config.mount`;
    // Each tmpfs is a file system of its own.
    if (m.type === "tmpfs") {
      const size = m.tmpfsSize ? { sizeLimit: `${Math.max(1, Math.ceil(m.tmpfsSize / 1048576))}Mi` } : {};
      mounts.push(mount(pod.emptyDir(i ? `tmpfs-${i + 1}` : "tmpfs", { medium: "Memory", ...size }), m.target, { readOnly: m.readOnly }));
    } else if (m.type === "bind" && m.source) bind(m.source, m.target, m.readOnly, path, `${m.source}:${m.target}`);
    else {
      const nfs = nfsVolume(m);
      const origin = nfs && { nomad: `NFS docker volume "${m.source ?? ""}" (${nfs.server}:${nfs.path})`, copy: "none: the same NFS export" };
      if (nfs) mounts.push(mount(pod.nfs(m.source || m.target.split("/").filter(Boolean).pop() || "nfs", nfs, origin), m.target, { readOnly: m.readOnly || nfs.readOnly }));
      else diags.warn("N2K-VOL-004", `named docker volume ${m.source ? `"${m.source}"` : "(no name)"}${m.driver?.name ? ` of driver ${m.driver.name}` : ""} at ${m.target} is not carried over`, { path, hint: "use a host_path or a PersistentVolumeClaim" });
    }
  });
  const devices: string[] = [];
  (task.config.devices ?? []).forEach((d, i) => {
    const target = d.containerPath || d.hostPath;
    mounts.push(mount(pod.hostPath(`dev-${d.hostPath.split("/").filter(Boolean).pop() ?? "device"}`, d.hostPath), target, { readOnly: d.permissions !== undefined && !d.permissions.includes("w") }));
    devices.push(d.hostPath);
    diags.warn("N2K-VOL-012", `host device ${d.hostPath} is mounted at ${target} from a host path; the container runs privileged so it may use the device (Nomad granted it with cgroup permissions ${d.permissions ?? "rwm"})`, {
      path: `${task.path}.config.devices[${i}]`,
      hint: "a device plugin (e.g. the Intel GPU plugin for /dev/dri) gives the device without privileged mode",
    });
  });
  return { mounts, binds, devices };
}

/**
 * The host side of a docker volume: a variable or meta value resolved when known, else a
 * module input; a task directory (`${NOMAD_TASK_DIR}`, `${NOMAD_ALLOC_DIR}`) stays as written.
 */
function hostSide(source: string, interp: InterpContext, path: string): string {
  if (!source.includes("${") || /^\$\{\s*(?:env\.)?NOMAD_(?:TASK|ALLOC|SECRETS)_DIR\s*\}/.test(source)) return source;
  return guardString(source, interp, path, "the host path of a docker volume");
}

/** A docker volume of the `local` driver with NFS options: `device = ":/export"`, `o = "addr=…"`. */
function nfsVolume(m: DockerMount): { server: string; path: string; readOnly?: boolean } | undefined {
  const o = m.driver?.options;
  if (!o || !/^nfs4?$/.test(o.type ?? "") || (m.driver?.name && m.driver.name !== "local")) return undefined;
  const opts = (o.o ?? "").split(",").map((x) => x.trim());
  const device = o.device ?? "";
  const colon = device.indexOf(":");
  const server = opts.find((x) => x.startsWith("addr="))?.slice(5) || (colon > 0 ? device.slice(0, colon) : "");
  const exportPath = colon >= 0 ? device.slice(colon + 1) : device;
  if (!server || !exportPath.startsWith("/")) return undefined;
  return { server, path: exportPath, ...(opts.includes("ro") ? { readOnly: true } : {}) };
}

/**
 * The allocation's shared `alloc/` directory is the pod's alloc volume; any other path in
 * Nomad's data directory has no counterpart on a Kubernetes node, so the mount is dropped.
 */
function mapNomadDataPath(where: { own: boolean; rest: string }, source: string, target: string, readOnly: boolean, pod: PodVolumes, diags: Diagnostics, path: string): VolumeMountPlan | undefined {
  const shared = /^\/alloc(\/.*)?$/.exec(where.rest);
  if (!where.own || !shared) {
    diags.warn("N2K-VOL-010", `host path ${source} lies in Nomad's data directory (${where.own ? "a task directory of the allocation" : "an allocation's files"}), which no Kubernetes node has: the mount at ${target} is dropped`, {
      path,
      hint: "share the files through a volume of the pod instead",
    });
    return undefined;
  }
  const sub = (shared[1] ?? "").replace(/^\/+/, "");
  if (/^logs(\/|$)/.test(sub)) {
    diags.warn("N2K-VOL-010", `host path ${source} is where Nomad wrote the tasks' logs; it becomes the pod's alloc volume (${sub}) at ${target}, but Kubernetes keeps container logs on the node (/var/log/pods), so nothing appears there`, {
      path,
      hint: "collect logs from /var/log/pods with a node-level agent (DaemonSet) instead of a sidecar",
    });
  } else {
    diags.changed("N2K-VOL-011", `host path ${source} is the allocation's shared alloc directory: mounted from the pod's alloc volume${sub ? ` (${sub})` : ""} at ${target}`, { path });
  }
  return mount(taskDirVolume("/alloc", pod), target, { subPath: sub || undefined, readOnly });
}

/**
 * A host socket is a daemon on the Nomad client. Kubernetes nodes run containerd: there is no
 * Docker daemon behind docker.sock, and any other daemon must run on every node the pod lands on.
 */
function warnHostSocket(source: string, path: string, diags: Diagnostics, via?: string): void {
  const docker = /\/docker\.sock$/.test(source);
  const what = via ? `${via} is mounted as the socket ${source}` : `host socket ${source} is mounted`;
  diags.warn("N2K-SOCK-001", docker
    ? `${what}: Kubernetes nodes run containerd, so no Docker daemon answers there; what the app did through Docker (start containers, read their logs or labels) fails`
    : `${what}: the daemon behind it must run on every Kubernetes node the pod may land on`, {
    path,
    hint: docker ? "give the app the Kubernetes API instead (a service account and RBAC), a Docker-in-Docker sidecar, or nodes that still run Docker" : "run that daemon on the nodes (a DaemonSet) or pin the pod to nodes that have it",
  });
}
