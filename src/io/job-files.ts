import { readdirSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, relative, resolve, sep } from "node:path";

/** What HCL2 file functions may read: files (as bytes) and folder listings, from the working folder. */
export function jobFiles(cwd: string) {
  return {
    read(p: string): Uint8Array | undefined {
      try {
        return readFileSync(resolve(cwd, p));
      } catch {
        return undefined;
      }
    },
    list(dir: string): string[] | undefined {
      try {
        return readdirSync(resolve(cwd, dir), { recursive: true, withFileTypes: true })
          .filter((e) => e.isFile())
          .map((e) => relative(resolve(cwd, dir), join(e.parentPath, e.name)).split(sep).join("/"));
      } catch {
        return undefined;
      }
    },
    home: homedir(),
  };
}

