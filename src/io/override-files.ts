import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { unknownOverrideArguments } from "../check/override-arguments.js";
import { parseHcl } from "../nomad/hcl-parser.js";
import { isOverrideFile } from "../render/header.js";

// Hand fixes live in Terraform override files beside the generated ones: nomad2k8s never
// writes, prunes or blocks them, and says when one no longer matches the module it overrides
// (Terraform refuses an override whose block the module no longer has).

export interface OverrideFile {
  /** Relative to the output folder. */
  path: string;
  text: string;
}

/** The override files in the module folders `dirs` (relative to `out`), sorted. */
export async function overrideFilesIn(out: string, dirs: Iterable<string>): Promise<OverrideFile[]> {
  const found: OverrideFile[] = [];
  for (const dir of [...new Set(dirs)].sort()) {
    let names: string[];
    try {
      names = (await readdir(join(out, dir), { withFileTypes: true })).filter((e) => e.isFile() && isOverrideFile(e.name)).map((e) => e.name);
    } catch {
      continue;
    }
    for (const name of names.sort()) found.push({ path: dir ? `${dir}/${name}` : name, text: await readFile(join(out, dir, name), "utf8") });
  }
  return found;
}

const parseTf = async (file: string, text: string): Promise<Record<string, unknown>> => (file.endsWith(".json") ? (JSON.parse(text) as Record<string, unknown>) : await parseHcl(file, text));

/** Block addresses a Terraform file declares: `resource.kubernetes_deployment.web`, `variable.hostname`, `locals`, … */
export async function blockAddresses(file: string, text: string): Promise<string[]> {
  return addressesIn(await parseTf(file, text));
}

function addressesIn(parsed: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const [kind, body] of Object.entries(parsed)) {
    if (kind === "locals" || kind === "terraform") out.push(kind);
    else if (kind === "resource" || kind === "data") for (const [type, byName] of Object.entries(body as Record<string, object>)) for (const name of Object.keys(byName)) out.push(`${kind}.${type}.${name}`);
    else if (kind === "provider") for (const name of Object.keys(body as object)) out.push(`provider.${name}`);
    else for (const name of Object.keys(body as object)) out.push(`${kind}.${name}`);
  }
  return out;
}

/**
 * What is wrong with an override file against the module's generated files: blocks it
 * overrides that the module does not have, arguments their resource type does not have, or
 * that it cannot be read. Empty: fine.
 */
export async function overrideProblems(override: OverrideFile, generated: Record<string, string>): Promise<string[]> {
  let parsed: Record<string, unknown>;
  try {
    parsed = await parseTf(override.path, override.text);
  } catch (err) {
    return [`does not parse: ${String(err).replace(/^Error: /, "").split("\n")[0].slice(0, 200)}`];
  }
  const wanted = addressesIn(parsed);
  const have = new Set<string>(["locals", "terraform"]);
  for (const [path, text] of Object.entries(generated)) {
    if (!path.endsWith(".tf")) continue;
    try {
      for (const a of await blockAddresses(path, text)) have.add(a);
    } catch {
      // a generated file that does not parse is reported by the checks, not here
    }
  }
  const missing = wanted.filter((a) => !have.has(a));
  return [
    ...(missing.length ? [`overrides ${missing.map((a) => a.replace(/^resource\./, "")).join(", ")}, which the module no longer has: terraform will refuse it; update or remove the override`] : []),
    ...unknownOverrideArguments(parsed),
  ];
}

/** The generated (non-override) `.tf` files of a module folder as they are on disk, keyed relative to `out`. */
export async function moduleFilesOnDisk(out: string, dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const names = await readdir(join(out, dir), { withFileTypes: true }).catch(() => []);
  for (const e of names) if (e.isFile() && e.name.endsWith(".tf") && !isOverrideFile(e.name)) files[`${dir}/${e.name}`] = await readFile(join(out, dir, e.name), "utf8");
  return files;
}

/** Every override file in the folders `dirs`, with its problems against the module's files (`generated(dir)`, default: on disk). */
export async function reviewOverrides(out: string, dirs: Iterable<string>, generated: (dir: string) => Promise<Record<string, string>> = (d) => moduleFilesOnDisk(out, d)): Promise<{ file: OverrideFile; problems: string[] }[]> {
  const result: { file: OverrideFile; problems: string[] }[] = [];
  for (const file of await overrideFilesIn(out, [...dirs].filter((d) => d !== ""))) {
    const dir = file.path.slice(0, file.path.lastIndexOf("/"));
    result.push({ file, problems: await overrideProblems(file, await generated(dir)) });
  }
  return result;
}
