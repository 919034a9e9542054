import { taskPath } from "../templates/template-paths.js";

/** An argument naming a task directory relatively (`local/x`, `-c=./alloc/y`), made absolute. */
export function taskRelative(arg: string): string {
  return arg.replace(/(^|[=\s,:])(?:\.\/)?(local|alloc|secrets)\//g, "$1/$2/");
}

/** A path relative to the task directory as a process-driver container sees it (its root is the task directory). */
export function inTaskDir(path: string): string {
  const p = taskPath(path);
  return p.startsWith("/") || p.startsWith("${") ? p : `/${p}`;
}
