import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, realpathSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { ReadRefused } from "../nomad/hcl/functions/filesystem.js";

/** A file a job reads with file() or filebase64() is at most this large (a ConfigMap holds 1 MiB). */
export const MAX_JOB_READ_BYTES = 8 * 1024 * 1024;
/** A job file or a var file is at most this large: the largest real job files are a few hundred kB. */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;
/** fileset() lists at most this many files. */
const MAX_LISTED = 10_000;

/** Why a file is not read: not a regular file, or too large. */
export class NotReadable extends Error {}

/**
 * A regular file's bytes, at most `cap` of them. Opened without blocking and checked on the
 * open descriptor: a FIFO, /dev/stdin or /dev/zero is refused instead of hanging or growing.
 */
export function readRegularFile(path: string, cap: number): Buffer {
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new NotReadable("not a regular file");
    if (st.size > cap) throw new NotReadable(`${st.size} bytes, more than the ${cap / 1024 / 1024} MiB nomad2k8s reads`);
    const buf = Buffer.alloc(st.size);
    let at = 0;
    while (at < buf.length) {
      const n = readSync(fd, buf, at, buf.length - at, at);
      if (n === 0) break;
      at += n;
    }
    return buf.subarray(0, at);
  } finally {
    closeSync(fd);
  }
}

/** What HCL2 file functions of a job may read: the job file's folder (real paths) and the folders of --allow-read. */
export interface JobFileReader {
  /** A file named in the job (relative to its folder): its bytes, or undefined when there is none; throws ReadRefused. */
  read(jobFile: string, path: string): Uint8Array | undefined;
  /** Every regular file below a folder, relative to it; undefined when there is no such folder; throws ReadRefused. */
  list(jobFile: string, dir: string): string[] | undefined;
  home?: string;
}

const RULE = "nomad2k8s reads only files inside the job file's folder (--allow-read DIR allows another folder)";

/** File access from the working folder `cwd`, confined to each job's folder plus `allowRead`. */
export function jobFiles(cwd: string, allowRead: string[] = []): JobFileReader {
  const real = (p: string): string | undefined => {
    try {
      return realpathSync(p);
    } catch {
      return undefined;
    }
  };
  const allowed = allowRead.map((d) => resolve(cwd, d));
  const inside = (p: string, dir: string) => p === dir || p.startsWith(dir.endsWith(sep) ? dir : dir + sep);
  const shown = (p: string) => (inside(p, cwd) ? relative(cwd, p) || "." : p).split(sep).join("/");
  /** The path, checked lexically and then on its real path; undefined when it does not exist. */
  const confine = (jobFile: string, path: string, what: string): string | undefined => {
    const jobDir = resolve(cwd, dirname(jobFile));
    const abs = resolve(jobDir, path);
    const roots = [jobDir, ...allowed];
    if (!roots.some((r) => inside(abs, r))) throw new ReadRefused(`${what} ${JSON.stringify(path)} (${shown(abs)}) is outside the job file's folder: ${RULE}`);
    const target = real(abs);
    if (target === undefined) return undefined;
    const realRoots = roots.map((r) => real(r) ?? r);
    if (!realRoots.some((r) => inside(target, r))) throw new ReadRefused(`${what} ${JSON.stringify(path)} is a symbolic link to ${shown(target)}, outside the job file's folder: ${RULE}`);
    return target;
  };
  return {
    read(jobFile, path) {
      const target = confine(jobFile, path, "file");
      if (target === undefined) return undefined;
      try {
        return readRegularFile(target, MAX_JOB_READ_BYTES);
      } catch (err) {
        if (err instanceof NotReadable) throw new ReadRefused(`file ${JSON.stringify(path)} is not read: ${err.message}`);
        if ((err as NodeJS.ErrnoException).code === "EISDIR") throw new ReadRefused(`file ${JSON.stringify(path)} is a folder`);
        return undefined;
      }
    },
    list(jobFile, dir) {
      const target = confine(jobFile, dir, "folder");
      if (target === undefined) return undefined;
      try {
        const found = readdirSync(target, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
        if (found.length > MAX_LISTED) throw new ReadRefused(`fileset(): ${JSON.stringify(dir)} holds more than ${MAX_LISTED} files`);
        return found.map((e) => relative(target, join(e.parentPath, e.name)).split(sep).join("/"));
      } catch (err) {
        if (err instanceof ReadRefused) throw err;
        return undefined;
      }
    },
    home: homedir(),
  };
}

/** The library's text reader (paths relative to the job's folder) as a JobFileReader confined the same way, lexically. */
export function textFiles(readFile: (path: string) => string | undefined): JobFileReader {
  const near = (jobFile: string, path: string): string => {
    const joined = join(dirname(jobFile), path).split(sep).join("/");
    if (isAbsolute(path) || joined === ".." || joined.startsWith("../") || relative(dirname(jobFile), joined).startsWith("..")) throw new ReadRefused(`file ${JSON.stringify(path)} is outside the job file's folder: ${RULE}`);
    return joined;
  };
  return {
    read(jobFile, path) {
      const t = readFile(near(jobFile, path));
      return t === undefined ? undefined : Buffer.from(t, "utf8");
    },
    list: () => undefined,
  };
}
