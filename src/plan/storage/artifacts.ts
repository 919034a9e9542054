import type { SiteConfig } from "../../config/site-config.js";
import type { Artifact, Task } from "../../nomad/model.js";
import type { InterpContext } from "../interpolate.js";
import { guardString } from "../k8s-fields.js";
import type { Container, EnvVar, VolumeMountPlan } from "../model.js";
import { dnsLabel } from "../names.js";
import { credentialEnv, isSecretLiteral, type SecretEnvContext } from "../secrets/credential-env.js";
import { taskPath } from "../templates/template-paths.js";
import { helperResources } from "../workload/resources.js";
import { artifactScript, type Fetch } from "./artifact-script.js";
import { parseArtifact, type HttpArtifact } from "./artifact-source.js";
import { mount, type PodVolumes } from "./pod-volumes.js";
import { taskDirVolume } from "./task-volumes.js";

/** Where the fetching container mounts the task's directories (never over its own /bin or /etc). */
const FETCH_ROOT = "/task";

// A process-driver task sees its task directory as "/": a directory of the task named like one
// of the image's own is not mounted over it.
const IMAGE_DIRS = new Set(["bin", "sbin", "lib", "lib64", "usr", "etc", "var", "opt", "proc", "sys", "dev", "run", "tmp", "root", "home", "boot"]);

// Drivers whose process saw its task directory as "/" (exec2 and raw_exec did not).
const CHROOT_DRIVERS = new Set(["exec", "java"]);

// Header names whose value is a credential: kept in the module's Secret, never in the pod spec.
const CREDENTIAL_HEADER = /authorization|token|api[-_]?key|secret|cookie|password/i;

export interface ArtifactContext {
  pod: PodVolumes;
  interp: InterpContext;
  config: SiteConfig;
  secrets: SecretEnvContext;
}

export interface PlannedArtifacts {
  /** The init container that fetches them (none when no artifact can be fetched). */
  init?: Container;
  /** Mounts the task's container needs to see them where Nomad put them. */
  mounts: VolumeMountPlan[];
}

/**
 * A task's `artifact` blocks, fetched as go-getter does by one init container into the task
 * directories they name (shared with the task's container through the pod's empty_dir
 * volumes). A source that cannot be fetched over http(s) is a blocking manual step.
 */
export function planArtifacts(task: Task, ctx: ArtifactContext): PlannedArtifacts {
  const { diags } = ctx.interp;
  const fetches: Fetch[] = [];
  const env: EnvVar[] = [];
  const mounts = new Map<string, VolumeMountPlan>();
  const seen = new Map<string, VolumeMountPlan>();
  task.artifacts.forEach((a, i) => {
    const path = task.artifacts.length > 1 ? `${task.path}.artifact[${i}]` : `${task.path}.artifact`;
    const source = guardString(a.source, ctx.interp, `${path}.source`, "an artifact source");
    const parsed = parseArtifact(source, a.options, a.mode);
    if ("unsupported" in parsed) {
      diags.manual("N2K-ARTIFACT-002", `artifact ${a.source} of task "${task.name}" is not fetched: it is ${parsed.unsupported}`, {
        path,
        blocking: true,
        hint: `put its files in the image, or fetch them in an init container of your own into ${destinationOf(a)}`,
      });
      return;
    }
    const dest = destinationOf(a);
    const root = dest.startsWith("/") ? `/${dest.split("/")[1]}` : dest.split("/")[0];
    const volume = taskDirVolume(root, ctx.pod);
    const fetchRoot = `${FETCH_ROOT}/${root.replace(/^\//, "")}`;
    if (!seen.has(root)) seen.set(root, mount(volume, fetchRoot));
    const seenAt = taskMountPath(root.replace(/^\//, ""), task);
    const landed = chrootPath(dest, parsed, task);
    if (seenAt) mounts.set(seenAt, mount(volume, seenAt));
    else if (landed) mounts.set(landed, mount(volume, landed, { subPath: landed.slice(root.length + 1) }));
    else if (!boundByVolume(root, task)) diags.warn("N2K-ARTIFACT-003", `artifact ${a.source} lands in ${dest}, a directory of the task that its container does not see (as on Nomad, unless a docker volume maps it)`, { path: `${path}.destination` });
    const headers = Object.entries(a.headers).map(([name, value], h) => {
      const envName = `ARTIFACT_${i + 1}_${name.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}`;
      const where = { what: `header ${name} of artifact ${a.source}`, path: `${path}.headers.${name}` };
      const secret = CREDENTIAL_HEADER.test(name) && isSecretLiteral(value);
      env.push(secret ? credentialEnv(envName, value, ctx.secrets, where) : { name: envName, value: guardString(value, ctx.interp, where.path, "an artifact header") });
      return { name, env: envName };
    });
    const target = `${FETCH_ROOT}/${dest.replace(/^\//, "")}`.replace(/\/+$/, "");
    fetches.push({ artifact: parsed, target, headers });
    const what = parsed.archive && parsed.mode !== "file" ? `unpacked (${parsed.archive}) into ${dest}` : parsed.mode === "file" ? `saved as ${dest}` : `saved as ${dest}/${parsed.fileName}`;
    const check = parsed.checksum ? `, its ${parsed.checksum.type} checksum verified first` : ", with no checksum to verify (none on Nomad either)";
    diags.changed("N2K-ARTIFACT-001", `artifact ${a.source} is fetched by the init container ${dnsLabel(`${task.name}-artifacts`)} and ${what}${check}`, { path });
    for (const k of Object.keys(a.options).filter((k) => !["checksum", "archive", "filename"].includes(k))) {
      diags.warn("N2K-ARTIFACT-003", `artifact option ${k} is for another go-getter getter; not carried over`, { path: `${path}.options.${k}` });
    }
  });
  if (!fetches.length) return { mounts: [...mounts.values()] };
  const init: Container = {
    name: dnsLabel(`${task.name}-artifacts`),
    image: ctx.config.drivers.artifactImage,
    command: ["/bin/sh", "-c"],
    args: [artifactScript(fetches)],
    ports: [],
    env,
    envFrom: [],
    volumeMounts: [...seen.values()],
    resources: helperResources(ctx.config.tiers),
    comments: [],
  };
  return { init, mounts: [...mounts.values()] };
}

/** The destination as a task path: `/local/x`, or relative (`custom/x`) for other task directories. */
function destinationOf(a: Artifact): string {
  return taskPath(a.destination?.trim() || "local/");
}

/**
 * Where the task's container sees a task directory: /local, /alloc and /secrets at their own
 * paths; another directory only in a process-driver task (whose root is its task directory).
 */
function taskMountPath(name: string, task: Task): string | undefined {
  return ["local", "alloc", "secrets"].includes(name) || (task.substitute && !IMAGE_DIRS.has(name)) ? `/${name}` : undefined;
}

/**
 * exec and java tasks ran chrooted in their task directory: an artifact put under a directory
 * the image has of its own (`/usr/local/bin/app`) was at that path for the process. That file
 * or directory alone is mounted there, so the image's own directory stays.
 */
function chrootPath(dest: string, parsed: HttpArtifact, task: Task): string | undefined {
  if (!task.substitute || !CHROOT_DRIVERS.has(task.driver) || !dest.startsWith("/")) return undefined;
  const segs = dest.split("/").filter(Boolean);
  if (!IMAGE_DIRS.has(segs[0])) return undefined;
  const path = landingPath(dest, parsed);
  return path.split("/").filter(Boolean).length > 1 ? path : undefined;
}

/** Where go-getter puts an artifact: the destination itself (a file, or an unpacked directory), else the file inside it. */
export function landingPath(dest: string, parsed: { archive?: string; mode: string; fileName: string }): string {
  const d = dest.replace(/\/+$/, "");
  return parsed.mode === "file" || parsed.mode === "dir" || parsed.archive ? d : `${d}/${parsed.fileName}`;
}

/** A docker volume of the task maps that task directory (mapTaskVolumes mounts the same volume). */
function boundByVolume(root: string, task: Task): boolean {
  return task.config.volumes.some((v) => taskPath(v.split(":")[0]).replace(/^\//, "").split("/")[0] === root.replace(/^\//, ""));
}
