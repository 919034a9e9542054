import { parseHcl as parse } from "../nomad/hcl-parser.js";
import { schemaProblems, type ResourceProblem } from "./check-schema.js";

// Modules already on disk (generated, edited or written by hand) through the same checks
// `--verify` runs on fresh output: `nomad2k8s check` and the tests use this.

export interface ModulesCheck {
  files: number;
  resources: number;
  problems: (ResourceProblem | { code: "N2K-SCHEMA-003"; file: string; resource: ""; path: ""; message: string })[];
}

/** `files`: path → text of .tf files; files in one folder are one module, parsed together. */
export async function checkModules(files: Record<string, string>): Promise<ModulesCheck> {
  const byDir = new Map<string, Record<string, string>>();
  for (const path of Object.keys(files).sort()) {
    const dir = path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : ".";
    byDir.set(dir, { ...byDir.get(dir), [path]: files[path] });
  }
  const out: ModulesCheck = { files: Object.keys(files).length, resources: 0, problems: [] };
  for (const module of byDir.values()) {
    const parsed = await parseAll(module, out);
    if (parsed === undefined) continue;
    out.resources += Object.values(parsed.resource ?? {}).reduce((n, byName) => n + Object.values(byName).reduce((m, bodies) => m + bodies.length, 0), 0);
    out.problems.push(...(await schemaProblems(module, parsed)));
  }
  return out;
}

type Parsed = { resource?: Record<string, Record<string, unknown[]>> };

async function parseAll(module: Record<string, string>, out: ModulesCheck): Promise<Parsed | undefined> {
  try {
    return (await parse("module.tf", Object.values(module).join("\n"))) as Parsed;
  } catch {
    for (const [file, text] of Object.entries(module)) {
      try {
        await parse(file, text);
      } catch (err) {
        out.problems.push({ code: "N2K-SCHEMA-003", file, resource: "", path: "", message: `does not parse as HCL: ${String(err).split("\n")[0].slice(0, 200)}` });
      }
    }
    return undefined;
  }
}
