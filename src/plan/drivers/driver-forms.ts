import type { SiteConfig } from "../../config/site-config.js";
import type { Diagnostics } from "../../diagnostics.js";
import type { NomadJob, Task } from "../../nomad/model.js";
import { CONTAINER_DRIVERS } from "../../nomad/normalize-task.js";
import { MODULE_REF } from "../../nomad/template-string.js";
import { tfIdent } from "../names.js";
import { parseArtifact } from "../storage/artifact-source.js";
import { landingPath } from "../storage/artifacts.js";
import { taskPath } from "../templates/template-paths.js";
import type { DriverForm, DriverSkip, FormContext } from "./form.js";
import { reportWrappedCommand } from "./consul-wrappers.js";
import { hostAdministration, hostDataDirs, hostListUrls, windowsTask } from "./host-admin.js";
import { javaForm } from "./java-form.js";
import { shellHelperForm } from "./shell-helper.js";
import { knownBinary, releaseVersion } from "./known-binaries.js";
import { nodeAgentConfig } from "./node-agent.js";
import { rootFiles, taskRelative } from "./task-dir.js";
import { workdirNote } from "./task-workdir.js";

// One entry per driver that has a Kubernetes form; a driver missing here skips the job.
const FORMS: Record<string, (task: Task, ctx: FormContext) => DriverForm> = {
  java: javaForm,
  exec: processForm,
  exec2: processForm,
  raw_exec: processForm,
};

/**
 * Tasks on process drivers (java, exec, raw_exec) as containers: an image is put in their
 * `config` and the task is marked `substitute`, so the later stages treat it as a container.
 * A task that cannot be one is recorded with why (host administration, Windows).
 */
export function containerForms(job: NomadJob, config: SiteConfig, diags: Diagnostics): { job: NomadJob; skips: Map<Task, DriverSkip> } {
  const skips = new Map<Task, DriverSkip>();
  const inputs = [...job.inputs];
  const taken = (n: string) => inputs.some((i) => i.name === n) || n === "image_tag";
  const requireInput = (task: Task, description: string) => {
    let name = taken("image") ? `${tfIdent(task.name)}_image` : "image";
    for (let i = 2; taken(name); i++) name = `${tfIdent(task.name)}_image_${i}`;
    inputs.push({ name, nomad: name, description, type: "string", generated: "driver" });
    return name;
  };
  const groups = job.groups.map((group) => {
    if (group.tasks.every((t) => CONTAINER_DRIVERS.has(t.driver) || !t.driver)) return group;
    const tasks = group.tasks.map((task) => {
      if (CONTAINER_DRIVERS.has(task.driver) || !task.driver) return task;
      const windows = windowsTask(task);
      if (windows) {
        skips.set(task, { code: "N2K-DRIVER-006", reason: `task "${task.name}" is a Windows task: ${windows}, and the cluster's Linux nodes cannot run it`, hint: "run it on Windows nodes of the cluster (a Windows container image with a nodeSelector on kubernetes.io/os = windows), or keep it outside Kubernetes" });
        return task;
      }
      const form = FORMS[task.driver]?.(task, { job, group, config, diags, requireInput, helper: !!task.lifecycle });
      if (form && "skip" in form) {
        skips.set(task, form.skip);
        if (task.lifecycle) return { ...task, notConverted: form.skip.reason.replace(/^task "[^"]*" \([^)]*\) /, "it ") };
      }
      return form && "task" in form ? form.task : task;
    });
    return { ...group, tasks };
  });
  return { job: { ...job, groups, inputs }, skips };
}

/**
 * exec, exec2 and raw_exec: the command runs in the upstream image of a known program, or in
 * an image the user names (a required input) — never a guessed base image that lacks it.
 */
function processForm(task: Task, ctx: FormContext): DriverForm {
  const admin = hostAdministration(task);
  if (admin) {
    return {
      skip: {
        code: "N2K-DRIVER-005",
        reason: `task "${task.name}" (raw_exec) ${admin.what}: that is node administration, not an app a pod can run`,
        hint: `on Kubernetes: ${admin.instead}`,
      },
    };
  }
  const command = task.config.command;
  if (!command) return undefined;
  // A helper that only prepares the pod's directories runs in a shell image; the node's own paths stay off limits.
  if (ctx.helper && !knownBinary(command)) {
    const helper = shellHelperForm(task, ctx);
    return "why" in helper ? { task: { ...task, notConverted: helper.why } } : helper;
  }
  // raw_exec saw the whole node: the host directories it names are mounted as host paths.
  const hostDirs = hostDataDirs(task);
  if (hostDirs.length) {
    ctx.diags.warn("N2K-DRIVER-008", `task "${task.name}" (raw_exec) works in host directories ${hostDirs.join(", ")}: each is mounted from the node at the same path (host_path), as raw_exec saw them`, {
      path: `${task.path}.config`,
      hint: "the pod must run on a node that has them (a node selector), or give it the same storage another way (NFS, a PersistentVolume)",
    });
    task = { ...task, config: { ...task.config, volumes: [...task.config.volumes, ...hostDirs.map((d) => `${d}:${d}`)] } };
  }
  reportWrappedCommand(task, hostDirs, ctx.diags);
  const urls = hostListUrls(task);
  if (urls.length) {
    ctx.diags.manual("N2K-DRIVER-011", `task "${task.name}" (raw_exec) names ${urls.join(" ")}: data directories on several nodes, which no host path of one pod stands for; the module mounts none of them`, {
      path: `${task.path}.config.args`,
      blocking: true,
      hint: "run it as a StatefulSet with a PersistentVolumeClaim per replica and the peers' stable DNS names (for MinIO: its operator or chart), and move the data across",
    });
  }
  const known = knownBinary(command);
  const args = (task.config.args ?? []).map((a) => taskRelative(a, rootFiles(task)));
  if (known) {
    // Versions are often meta values (`fabio-${NOMAD_META_fabio_version}-…`).
    const meta: Record<string, string> = { ...ctx.job.meta, ...ctx.group.meta, ...task.meta };
    const withMeta = (s: string) => s.replace(/\$\{NOMAD_META_([\w-]+)\}/g, (all, k: string) => meta[k] ?? all);
    const sources = task.artifacts.map((a) => withMeta(a.source));
    const version = releaseVersion(known, [withMeta(command), ...sources.filter((s) => s.includes(known.name))]);
    const image = version ? `${known.image}:${known.tagPrefix ?? ""}${version}` : known.image;
    // The artifacts that download the program itself are not needed: the image has it.
    const artifacts = task.artifacts.filter((a) => !a.source.includes(known.name) && !a.source.includes(command.split("/").pop()!));
    const dropped = task.artifacts.length - artifacts.length;
    const runs = known.entrypoint ? `runs ${known.entrypoint.join(" ")}` : `runs ${known.binary} (its entrypoint)`;
    const cmdNote = command === known.binary ? "" : `; the image's ${known.binary} stands in for the job's ${command}`;
    const agent = nodeAgentConfig(task, known, args, ctx);
    ctx.diags.warn("N2K-DRIVER-003", `task "${task.name}" (${task.driver}) runs ${known.name} in its upstream image ${image}, which ${runs} with the job's args${cmdNote}${version ? "" : `; no release version in the job, so the tag is the module's image_tag default (latest): pin it`}${dropped ? `; the artifact downloading ${known.name} is not fetched` : ""}${agent ? `; ${agent.what}` : ""}`, {
      path: `${task.path}.driver`,
      hint: `check the image runs the program as the job did (same version, flags, config paths)${known.note && !agent ? `; ${known.note}` : ""}`,
    });
    return { task: { ...task, artifacts, substitute: { driver: task.driver, summary: `${image} (${known.name})` }, config: { ...task.config, image, entrypoint: known.entrypoint, command: undefined, args, ...agent?.config } } };
  }
  const program = resolveCommand(command, task);
  // A program the node's storage or an artifact supplies needs only what it runs with.
  const supplied = hostDirs.some((d) => program.startsWith(`${d}/`)) ? "mounted from the node" : (program.startsWith("/local/") && task.artifacts.length) || artifactPaths(task).includes(program) ? "fetched by the job's artifact" : undefined;
  const provides = supplied ? `the interpreter, tools and libraries of ${program} (${supplied})` : program;
  const name = ctx.requireInput(task, `an image that provides ${provides}`);
  ctx.diags.manual("N2K-DRIVER-004", `set variable "${name}" to an image that provides ${provides}: task "${task.name}" (${task.driver}) runs it, and no known image does${supplied ? "" : " (the image needs what it needs too: shell, interpreter, libraries)"}`, {
    path: `${task.path}.config.command`,
    blocking: true,
    hint: `build or pick such an image${task.artifacts.length ? " (the job's artifacts are still fetched into the task directories)" : ""}, then give it with -var ${name}=…`,
  });
  const changed = program === command ? "" : ` (the job's ${command}, where Nomad found it in the task directory)`;
  ctx.diags.warn("N2K-DRIVER-003", `task "${task.name}" (${task.driver}) runs ${program}${changed} in the image given by var.${name}, ${workdirNote(task)}`, { path: `${task.path}.driver` });
  return {
    task: {
      ...task,
      substitute: { driver: task.driver, summary: `var.${name} running ${program}` },
      config: { ...task.config, image: `\${${MODULE_REF}var.${name}}`, entrypoint: [program], command: undefined, args },
    },
  };
}

/**
 * A command as Nomad's exec drivers find it: a path relative to the task directory (its
 * `local/` first), then the PATH. The container's root stands for the task directory.
 */
function resolveCommand(command: string, task: Task): string {
  if (command.startsWith("/") || command.startsWith("${")) return command;
  const p = taskPath(command);
  if (p.startsWith("/")) return p;
  // exec's PATH in its chroot reached an artifact put in /usr/local/bin or /bin.
  const onPath = task.driver === "exec" && !p.includes("/") ? artifactPaths(task).find((a) => /^\/(?:usr\/local\/|usr\/)?s?bin\/[^/]+$/.test(a) && a.endsWith(`/${p}`)) : undefined;
  if (onPath) return onPath;
  const fetched = task.artifacts.some((a) => {
    const parsed = parseArtifact(a.source, a.options, a.mode);
    if ("unsupported" in parsed || !taskPath(a.destination?.trim() || "local/").startsWith("/local")) return false;
    return !!parsed.archive || parsed.fileName === command.split("/")[0] || p.includes("/");
  });
  if (fetched) return `/local/${p}`;
  return p.includes("/") ? `/${p}` : p;
}

/** Where a task's http(s) artifacts land, as task paths. */
function artifactPaths(task: Task): string[] {
  return task.artifacts.flatMap((a) => {
    const parsed = parseArtifact(a.source, a.options, a.mode);
    return "unsupported" in parsed ? [] : [landingPath(taskPath(a.destination?.trim() || "local/"), parsed)];
  });
}
