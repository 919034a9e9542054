import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { scratch } from "../cli-helpers.js";

/** A scratch folder holding the given files (path → text). */
export function folder(files: Record<string, string>): string {
  const dir = scratch(false);
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
}

/** A one-task service job; `env` and `extra` are HCL written into the task. */
export function jobWith(name: string, env: Record<string, string>, extra = ""): string {
  const envLines = Object.entries(env).map(([k, v]) => `        ${k} = ${v}`).join("\n");
  return `job "${name}" {
  group "app" {
    network {
      port "http" { to = 8080 }
    }
    service {
      name = "${name}"
      port = "http"
    }
    task "app" {
      driver = "docker"
      config {
        image = "example/${name}:1.0"
        ports = ["http"]
      }
      env {
${envLines}
      }
${extra}
    }
  }
}
`;
}
