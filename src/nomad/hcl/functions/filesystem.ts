import { posix } from "node:path";
import { asString, EvalError, type Value } from "../value.js";

/**
 * A read the job may not make (outside its folder, not a regular file, too large): it fails the
 * job, naming the file and the rule; try() and can() do not turn it into a fallback.
 */
export class ReadRefused extends EvalError {
  constructor(message: string) {
    super(message, "N2K-FILE-001");
  }
}

/** File access the caller grants; the library itself does no I/O. */
export interface FileAccess {
  /** A file's bytes (the path as written in the job, relative to its folder), or undefined; throws ReadRefused. */
  read(path: string): Uint8Array | undefined;
  /** Every file below a folder, as paths relative to it ("a/b.txt"), or undefined. */
  list?(dir: string): string[] | undefined;
  /** Where relative paths start (the job file's folder), for abspath(). */
  baseDir?: string;
  /** The home folder for pathexpand(). */
  home?: string;
}

const str = (v: Value, fn: string) => asString(v, `${fn}() argument`);

function need(files: FileAccess | undefined, fn: string): FileAccess {
  if (!files) throw new EvalError(`${fn}(): no file access in this run (the library was called without a file reader)`);
  return files;
}

function read(files: FileAccess | undefined, path: string, fn: string): Uint8Array {
  const bytes = need(files, fn).read(path);
  if (!bytes) throw new EvalError(`${fn}(): no file ${JSON.stringify(path)} in the job file's folder`);
  return bytes;
}

/** Go's filepath.Match plus `**` for any depth, as fileset() matches. */
export function globToRegExp(glob: string): RegExp {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*" && glob[i + 1] === "*") {
      re += glob[i + 2] === "/" ? "(?:.*/)?" : ".*";
      i += glob[i + 2] === "/" ? 2 : 1;
    } else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else if (c === "[") {
      const end = glob.indexOf("]", i + 1);
      if (end < 0) throw new EvalError(`fileset(): bad pattern ${JSON.stringify(glob)}`);
      re += `[${glob.slice(i + 1, end).replace(/^\^/, "^").replace(/\\/g, "\\\\")}]`;
      i = end;
    } else if (c === "{") {
      const end = glob.indexOf("}", i);
      if (end < 0) throw new EvalError(`fileset(): bad pattern ${JSON.stringify(glob)}`);
      re += `(?:${glob
        .slice(i + 1, end)
        .split(",")
        .map((a) => a.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"))
        .join("|")})`;
      i = end;
    } else if (c === "\\" && i + 1 < glob.length) re += `\\${glob[++i]}`;
    else re += c.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

export function fileFunctions(files: FileAccess | undefined): Record<string, (args: Value[]) => Value> {
  return {
    abspath: ([p]) => posix.resolve(files?.baseDir ?? "/", str(p, "abspath")),
    basename: ([p]) => {
      const s = str(p, "basename");
      return s === "" ? "." : posix.basename(s) || "/";
    },
    dirname: ([p]) => {
      const s = str(p, "dirname");
      return s === "" ? "." : posix.dirname(s);
    },
    pathexpand: ([p]) => {
      const s = str(p, "pathexpand");
      if (!/^~(\/|$)/.test(s)) return s;
      if (!files?.home) throw new EvalError("pathexpand(): the home folder is not known in this run");
      return files.home + s.slice(1);
    },
    file: ([p]) => {
      const bytes = read(files, str(p, "file"), "file");
      const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
      if (!Buffer.from(text, "utf8").equals(Buffer.from(bytes))) throw new EvalError(`file(): ${JSON.stringify(str(p, "file"))} is not UTF-8 text; use filebase64()`);
      return text;
    },
    filebase64: ([p]) => Buffer.from(read(files, str(p, "filebase64"), "filebase64")).toString("base64"),
    fileexists: ([p]) => need(files, "fileexists").read(str(p, "fileexists")) !== undefined,
    fileset: ([dir, pattern]) => {
      const d = str(dir, "fileset");
      const list = need(files, "fileset").list?.(d);
      if (!list) throw new EvalError(`fileset(): cannot list ${JSON.stringify(d)}`);
      const re = globToRegExp(str(pattern, "fileset"));
      return list.filter((f) => re.test(f)).sort();
    },
  };
}
