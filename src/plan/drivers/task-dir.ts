import type { Task } from "../../nomad/model.js";
import { taskPath } from "../templates/template-paths.js";

/**
 * An argument naming a task directory relatively (`local/x`, `-c=./alloc/y`), or a file the
 * job renders at the task directory's root (`Caddyfile`, `--config=app.ini`), made absolute:
 * they hold whatever working directory the program is given (a job's own `work_dir`).
 */
export function taskRelative(arg: string, rootFiles: string[] = []): string {
  const dirs = arg.replace(/(^|[=\s,:])(?:\.\/)?(local|alloc|secrets)\//g, "$1/$2/");
  const m = /^(.*=)?(?:\.\/)?([^=/\s$][^=\s$]*)$/.exec(dirs);
  return m && rootFiles.includes(m[2]) ? `${m[1] ?? ""}/${m[2]}` : dirs;
}

/** Files a task's templates render outside local/, alloc/ and secrets/, relative to its task directory. */
export function rootFiles(task: Task): string[] {
  return task.templates.map((t) => taskPath(t.destination)).filter((p) => !p.startsWith("/") && !p.startsWith("${"));
}

/** A path relative to the task directory as a process-driver container sees it (its root is the task directory). */
export function inTaskDir(path: string): string {
  const p = taskPath(path);
  return p.startsWith("/") || p.startsWith("${") ? p : `/${p}`;
}
