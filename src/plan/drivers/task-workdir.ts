import type { Task } from "../../nomad/model.js";
import { PROCESS_DRIVERS } from "../../nomad/normalize-task.js";
import type { Container, VolumeMountPlan } from "../model.js";
import { mount, type PodVolumes } from "../storage/pod-volumes.js";
import { rootFiles } from "./task-dir.js";

/** Where a process-driver container's task directory is, and its working directory. */
export const TASK_WORKDIR = "/task";

/**
 * exec, java and raw_exec ran their program in the task directory: what it wrote relative to its
 * working directory stayed there across restarts, and `local/x` resolved to the task's local/.
 * The container works in an empty_dir at /task (unless the job gave a work_dir); every mount of
 * a task directory (/local, /alloc, /secrets, the files rendered at its root) shows under it too,
 * so relative and absolute (`/local`, NOMAD_TASK_DIR) paths both reach the same files.
 */
export function taskWorkdir(containers: Container[], tasks: Task[], pod: PodVolumes): void {
  const process = tasks.filter((t) => t.substitute && PROCESS_DRIVERS.has(t.substitute.driver));
  for (const task of process) {
    const c = containers.find((x) => x.task === task.name);
    if (!c || c.volumeMounts.some((m) => m.mountPath === TASK_WORKDIR || m.mountPath.startsWith(`${TASK_WORKDIR}/`))) continue;
    const roots = new Set(["local", "alloc", "secrets", ...rootFiles(task).map((p) => p.split("/")[0])]);
    // Another directory of the task (`custom/x` of an artifact) is a task-* empty_dir at /custom.
    for (const m of c.volumeMounts) if (pod.get(m.name)?.emptyDir && m.name.startsWith("task-") && m.mountPath === `/${m.name.slice(5)}`) roots.add(m.name.slice(5));
    const twins: VolumeMountPlan[] = c.volumeMounts.filter((m) => roots.has(m.mountPath.split("/")[1] ?? "")).map((m) => ({ ...m, mountPath: `${TASK_WORKDIR}${m.mountPath}` }));
    const name = pod.emptyDir(process.length > 1 ? `taskdir-${task.name}` : "taskdir");
    c.volumeMounts.push(mount(name, TASK_WORKDIR), ...twins);
    if (!task.config.workDir) c.workingDir = TASK_WORKDIR;
  }
}

/** How the diagnostics tell where the program works. */
export function workdirNote(task: Task): string {
  return task.config.workDir ? `in ${task.config.workDir} (the job's work_dir)` : `working in ${TASK_WORKDIR}, its task directory (an empty_dir where its local/, alloc/ and secrets/ show as on Nomad, those it uses)`;
}
