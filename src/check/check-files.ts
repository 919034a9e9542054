import { parseHcl as parse } from "../nomad/hcl-parser.js";
import type { Diagnostics } from "../diagnostics.js";
import { modulePlanSchema, type ModulePlan } from "../plan/model.js";
import { layoutHcl } from "../render/layout.js";
import { formatProblem, schemaProblems } from "./check-schema.js";

// Values that only reach output through a template bug.
const LEAKS = /\[object Object\]|(?:=|\[|, )\s*(?:undefined|NaN)\b/;

/**
 * Checks one module's files. Always: no leaked JavaScript values, a final newline (bracket
 * balance and heredoc closure are checked while laying the text out). With `verify`: the
 * plan against its zod schema, canonical layout again, a full re-parse with the HCL parser —
 * files of one module in one call, since the parser's cost is mostly per call; a failing
 * batch is re-parsed file by file to name the culprit — and every resource against the
 * provider schema and every kubectl_manifest against its CRD shape. `dir` (the module folder)
 * prefixes the file names in schema problems.
 */
export async function checkFiles(files: Record<string, string>, plan: ModulePlan, diags: Diagnostics, verify: boolean, dir = ""): Promise<void> {
  const tf = Object.entries(files).filter(([name]) => name.endsWith(".tf"));
  for (const [name, text] of tf) {
    // Every match holds one of these words: most files have none and skip the RegExp, which
    // would otherwise try its alternation at every `=`, `[` and `, ` of the module.
    const leak = text.includes("[object Object]") || text.includes("undefined") || text.includes("NaN") ? LEAKS.exec(text) : null;
    if (leak) diags.error("N2K-SELF-003", `${name} contains "${leak[0].trim()}" (a nomad2k8s bug)`, { file: name });
    if (!text.endsWith("\n")) diags.error("N2K-SELF-004", `${name} does not end with a newline (a nomad2k8s bug)`, { file: name });
  }
  if (!verify) return;
  const res = modulePlanSchema.safeParse(plan);
  if (!res.success) diags.error("N2K-SELF-005", `the module plan does not match its schema (a nomad2k8s bug): ${res.error.issues[0].path.join(".")}: ${res.error.issues[0].message}`);
  for (const [name, text] of tf) {
    const body = text.replace(/^(#[^\n]*\n)+\n/, "");
    if (layoutHcl(body) !== body) diags.error("N2K-SELF-001", `${name} is not in canonical terraform fmt layout (a nomad2k8s bug)`, { file: name });
  }
  const parsed = await parseModule(tf, diags);
  if (parsed === undefined) return;
  const named = Object.fromEntries(tf.map(([name, text]) => [dir ? `${dir}/${name}` : name, text]));
  for (const p of await schemaProblems(named, parsed)) {
    if (p.code === "N2K-API-002") diags.warn(p.code, formatProblem(p), { file: p.file || undefined });
    else diags.error(p.code, `${formatProblem(p)} (a nomad2k8s bug)`, { file: p.file || undefined });
  }
}

/** The module's .tf files parsed together; undefined (and SELF-002 per culprit) when one fails. */
async function parseModule(tf: [string, string][], diags: Diagnostics): Promise<unknown> {
  try {
    return await parse("module.tf", tf.map(([, text]) => text).join("\n"));
  } catch {
    for (const [name, text] of tf) {
      try {
        await parse(name, text);
      } catch (err) {
        diags.error("N2K-SELF-002", `${name} does not parse again as HCL (a nomad2k8s bug): ${String(err).slice(0, 300)}`, { file: name });
      }
    }
    return undefined;
  }
}
