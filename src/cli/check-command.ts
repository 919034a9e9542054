import { inert, inertLine } from "../redact.js";
import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { checkModules } from "../check/check-modules.js";
import { formatProblem } from "../check/check-schema.js";
import { overrideProblems } from "../io/override-files.js";
import { expectManyParses } from "../nomad/hcl-parser.js";
import { isOverrideFile } from "../render/header.js";
import { terraformCheck } from "../check/terraform/terraform-check.js";
import { paint, type CliIO } from "./io.js";

/**
 * Checks Terraform modules on disk against the provider schema and the CRD shapes of their
 * kubectl_manifests, and the Kubernetes API rules — what `--verify` does to fresh output, for
 * modules as they are now.
 * One line per problem on stdout, then `schema: N files, N resources, N problems`.
 * Override files are the user's partial blocks, merged by Terraform: they are checked against
 * the module they override, not against the schema on their own.
 * Then Terraform itself (init, validate, plan) over each module folder, when it is on PATH
 * (`terraform: skipped` otherwise, or with --no-terraform).
 * Exit 0: no problems; 1: problems; 2: a path does not exist or holds no module.
 */
export async function checkCommand(paths: string[], io: CliIO, opts: { terraform?: boolean } = {}): Promise<number> {
  const files: Record<string, string> = {};
  for (const p of paths) {
    const full = resolve(io.cwd, p);
    const found = await tfFiles(full);
    if (!found) {
      io.stderr(`nomad2k8s: ${inertLine(p)}: no such file or folder\n`);
      return 2;
    }
    for (const f of found) files[relative(io.cwd, f).split("\\").join("/")] = await readFile(f, "utf8");
  }
  const overrides = Object.keys(files).filter(isOverrideFile);
  const modules = Object.fromEntries(Object.entries(files).filter(([f]) => !isOverrideFile(f)));
  if (!Object.keys(modules).length) {
    io.stderr(`nomad2k8s: ${inertLine(paths.join(", "))}: no Terraform module (.tf files) to check; give the output folder of convert (default modules-k8s)\n`);
    return 2;
  }
  if (Object.keys(files).length > 50) expectManyParses();
  const result = await checkModules(modules);
  const warning = (p: (typeof result.problems)[number]) => p.code === "N2K-API-002";
  for (const p of result.problems) io.stdout(`${warning(p) ? paint(io, 33, "warning") : paint(io, 31, "error")} ${p.code} ${inertLine(p.code === "N2K-SCHEMA-003" ? `${p.file}: ${p.message}` : formatProblem(p))}\n`);
  let broken = 0;
  for (const path of overrides) {
    const dir = path.slice(0, path.lastIndexOf("/") + 1);
    const module = Object.fromEntries(Object.entries(modules).filter(([f]) => f.startsWith(dir) && !f.slice(dir.length).includes("/")));
    for (const problem of await overrideProblems({ path, text: files[path] }, module)) {
      io.stdout(`${paint(io, 31, "error")} ${inertLine(`${path}: ${problem}`)}\n`);
      broken++;
    }
  }
  const errors = result.problems.filter((p) => !warning(p)).length + broken;
  const warnings = result.problems.filter(warning).length;
  io.stdout(`schema: ${result.files} files, ${result.resources} resources, ${errors} problems${warnings ? `, ${warnings} warnings` : ""}${overrides.length ? ` (${overrides.length} override file(s) checked against their modules)` : ""}\n`);
  const tf = opts.terraform === false ? { skipped: "--no-terraform", modules: 0, problems: [] } : await terraformCheck(byFolder(files), { plan: true });
  for (const p of tf.problems) io.stdout(`${paint(io, 31, "error")} ${TF_REFUSED} ${inert(`${p.module}: terraform ${p.step}: ${p.message}`)}\n`);
  io.stdout(tf.skipped ? `terraform: skipped (${tf.skipped}); the checks above ran\n` : `terraform: ${tf.modules} modules, ${tf.problems.length} problems (init, validate, plan against the provider stand-in)\n`);
  return errors + tf.problems.length ? 1 : 0;
}

// Terraform refused a module (init, validate or plan).
const TF_REFUSED = "N2K-TF-001";

/** Module folder → its .tf files by name (override files too: Terraform merges them). */
function byFolder(files: Record<string, string>): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const [path, text] of Object.entries(files)) {
    const cut = path.lastIndexOf("/");
    (out[cut >= 0 ? path.slice(0, cut) : "."] ??= {})[path.slice(cut + 1)] = text;
  }
  return out;
}

async function tfFiles(p: string): Promise<string[] | undefined> {
  let st;
  try {
    st = await stat(p);
  } catch {
    return undefined;
  }
  if (st.isFile()) return p.endsWith(".tf") ? [p] : [];
  const out: string[] = [];
  for (const e of (await readdir(p, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (e.name.startsWith(".") || e.name === "node_modules") continue;
    out.push(...((await tfFiles(join(p, e.name))) ?? []));
  }
  return out;
}
