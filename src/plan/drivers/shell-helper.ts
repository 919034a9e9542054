import type { Task } from "../../nomad/model.js";
import { taskPath } from "../templates/template-paths.js";
import type { FormContext } from "./form.js";
import { rootFiles, taskRelative } from "./task-dir.js";

// What a small shell image (busybox) has: the tools prestart helpers use to prepare directories.
const SHELL_TOOLS = new Set([
  "sh", "bash", "ash", "rm", "mkdir", "rmdir", "chown", "chgrp", "chmod", "cp", "mv", "touch", "ln", "echo", "printf", "cat", "sleep", "test", "[", "[[",
  "true", "false", "install", "date", "tee", "sed", "grep", "awk", "head", "tail", "cut", "tr", "wc", "find", "xargs", "basename", "dirname", "ls",
  "id", "stat", "nc", "env", "exit", "export", "set", "cd", "mktemp", "sync", "du", "df", "wget", "tar", "gzip", "gunzip", "unzip", "sort", "uniq", "seq", "expr", ":",
]);
// Shell words that start a command list without being a program.
const KEYWORDS = new Set(["if", "then", "else", "elif", "fi", "do", "done", "while", "until", "for", "in", "case", "esac", "!", "{", "}", "function"]);
const SHELLS = /^(?:\/usr)?(?:\/bin\/)?(?:ba|a)?sh$/;
// Paths any pod has: the task directories, scratch, the image's own programs and devices.
const POD_PATHS = /^\/(?:local|alloc|secrets|tmp|dev\/(?:null|stdout|stderr|zero|urandom))(?:\/|$)|^\/(?:usr\/)?s?bin\/[^/]+$/;

/**
 * A prestart helper on exec/raw_exec that only prepares what the pod has (`mkdir`, `chown`,
 * `rm` in a volume or the alloc directory, `sh -c …` with such tools): an init container of
 * the site's shell image runs it, with the volumes it touches. Else why not: it runs another
 * program, or touches the node (a path no volume of the group mounts).
 */
export function shellHelperForm(task: Task, ctx: FormContext): { task: Task } | { why: string } {
  if (task.lifecycle?.hook !== "prestart" || task.lifecycle.sidecar) return { why: "only a prestart task that finishes runs as an init container" };
  const command = task.config.command ?? "";
  const args = task.config.args ?? [];
  const shell = SHELLS.test(command);
  const script = shell ? scriptOf(args, task) : [command, ...args].join(" ");
  if (script === undefined) return { why: `it runs a script ${args.find((a) => !a.startsWith("-")) ?? ""} that is not in the job (on the node)` };
  const programs = shell ? commandsOf(script).map((p) => p.split("/").pop()!) : [command.split("/").pop()!];
  const unknown = programs.filter((p) => !SHELL_TOOLS.has(p) && !p.startsWith("$"));
  if (unknown.length) return { why: `it runs ${[...new Set(unknown)].join(", ")}, which a shell image does not have` };
  const own = [...task.volumeMounts.map((v) => v.destination), ...task.config.volumes.map((v) => v.split(":")[1]).filter(Boolean)];
  // raw_exec saw the node: a host directory another task of the group binds is mounted here too, at its own path.
  const others = ctx.group.tasks.filter((t) => t !== task);
  const shared = task.driver === "raw_exec" ? [...others.flatMap((t) => t.config.volumes.map((v) => v.split(":")[0])), ...others.flatMap((t) => t.config.mounts.filter((m) => m.type === "bind").map((m) => m.source ?? ""))].filter((s) => s.startsWith("/")) : [];
  const under = (p: string, dirs: string[]) => dirs.find((d) => p === d || p.startsWith(`${d.replace(/\/+$/, "")}/`));
  const binds = new Set<string>();
  const outside: string[] = [];
  const paths = pathsOf(script);
  for (const p of paths) {
    if (POD_PATHS.test(p) || under(p, own)) continue;
    const host = under(p, shared);
    if (host) binds.add(host);
    else outside.push(p);
  }
  if (outside.length) return { why: `it touches ${[...new Set(outside)].join(", ")} on the node, which no volume of the group mounts` };
  const image = ctx.config.drivers.shellImage;
  // The task directories the script names (rendered scripts have Nomad's variables resolved already).
  const dirs = ["alloc", "secrets"].filter((d) => paths.some((p) => p === `/${d}` || p.startsWith(`/${d}/`)));
  const volumes = [...task.config.volumes, ...[...binds].map((d) => `${d}:${d}`), ...dirs.map((d) => `${d}:/${d}`)];
  const entry = shell ? (command.endsWith("bash") ? "sh" : command.split("/").pop()!) : command.split("/").pop()!;
  const mounted = [...binds, ...own];
  ctx.diags.warn("N2K-DRIVER-003", `prestart task "${task.name}" (${task.driver}) runs in an init container of ${image} (site config drivers.shellImage) instead of on the node${shell && command.endsWith("bash") ? " with its sh for the job's bash" : ""}: it only touches the task directories${mounted.length ? ` and ${mounted.join(", ")}, mounted as the group mounts them` : ""}`, {
    path: `${task.path}.driver`,
  });
  return {
    task: {
      ...task,
      substitute: { driver: task.driver, summary: `${image} running ${entry}` },
      config: { ...task.config, image, entrypoint: [entry], command: undefined, args: args.map((a) => taskRelative(a, rootFiles(task))), volumes },
    },
  };
}

/** The script a shell runs: its `-c` text, or the body of a script file the job renders. */
function scriptOf(args: string[], task: Task): string | undefined {
  const c = args.findIndex((a) => /^-\w*c$/.test(a));
  if (c >= 0) return args[c + 1] ?? "";
  const file = args.find((a) => !a.startsWith("-"));
  if (!file) return "";
  const rendered = task.templates.find((t) => taskPath(t.destination) === taskPath(file));
  return rendered?.data;
}

/** The programs a shell script runs: the first word of each simple command, also inside `$(…)`. */
function commandsOf(script: string): string[] {
  const inner = [...script.matchAll(/\$\(([^()]*)\)|`([^`]*)`/g)].map((m) => m[1] ?? m[2]);
  // Quoted text is arguments, never a command.
  const plain = script.replace(/\$\([^()]*\)|`[^`]*`/g, "_").replace(/"(?:[^"\\]|\\.)*"|'[^']*'/g, "_").replace(/#.*$/gm, "");
  const out = inner.flatMap(commandsOf);
  for (const part of plain.split(/\n|;|&&|\|\||\||\(|\)/)) {
    const first = part.trim().split(/\s+/).find((w) => w && !KEYWORDS.has(w) && !/^\w+=/.test(w));
    if (first) out.push(first);
  }
  return out;
}

/** Absolute paths a script names, with Nomad's task directory variables as the pod has them. */
function pathsOf(script: string): string[] {
  const text = script
    .replace(/\$\{?NOMAD_TASK_DIR\}?/g, "/local")
    .replace(/\$\{?NOMAD_ALLOC_DIR\}?/g, "/alloc")
    .replace(/\$\{?NOMAD_SECRETS_DIR\}?/g, "/secrets")
    .replace(/^#.*$/gm, "");
  return [...text.matchAll(/(?:^|[\s"'=:>])(\/[\w.@+\-/]*)/g)].map((m) => m[1].replace(/(.)\/+$/, "$1")).filter((p) => p !== "/" && !p.startsWith("//"));
}
