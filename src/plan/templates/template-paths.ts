import { dataKey } from "../names.js";

/**
 * A path as the task sees it: the task directories as `/local`, `/secrets` and `/alloc`,
 * absolute paths as they are; any other relative path stays relative: it is inside the task
 * directory, which a container sees only through a docker volume.
 */
export function taskPath(p: string): string {
  const d = p
    .replace(/^\$\{NOMAD_TASK_DIR\}/, "/local")
    .replace(/^\$\{NOMAD_SECRETS_DIR\}/, "/secrets")
    .replace(/^\$\{NOMAD_ALLOC_DIR\}/, "/alloc")
    .replace(/^(\.\/)+/, "")
    .replace(/(.)\/+$/, "$1");
  if (d.startsWith("/")) return d;
  const dir = /^(?:\.\.\/)?(alloc)(\/.*)?$|^(local|secrets)(\/.*)?$/.exec(d);
  if (dir) return `/${dir[1] ?? dir[3]}${dir[2] ?? dir[4] ?? ""}`;
  return d.replace(/^(\.\.\/)+/, "");
}

/** Where a template destination lands inside the container when no docker volume maps it. */
export function destinationPath(dest: string): string {
  const p = taskPath(dest);
  return p.startsWith("/") ? p : `/${p}`;
}

/** The ConfigMap or Secret key a template's file gets: its file name. */
export const fileName = (dest: string): string => dataKey(destinationPath(dest).split("/").filter(Boolean).pop() ?? "file");

/** Nomad `perms` as a volume `default_mode`. */
export function perms(p: string): string {
  return p.startsWith("0") ? p : `0${p}`;
}
