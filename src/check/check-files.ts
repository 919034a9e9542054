import { parse } from "@cdktf/hcl2json";
import type { Diagnostics } from "../diagnostics.js";
import { layoutHcl } from "../render/layout.js";

/**
 * Re-parses every generated .tf file and checks it is in canonical layout. Files of one
 * module are parsed in a single call (the parser's cost is mostly per call); a failing
 * batch is re-parsed file by file to name the culprit.
 */
export async function checkFiles(files: Record<string, string>, diags: Diagnostics): Promise<void> {
  const tf = Object.entries(files).filter(([name]) => name.endsWith(".tf"));
  for (const [name, text] of tf) {
    const body = text.replace(/^(#[^\n]*\n)+\n/, "");
    if (layoutHcl(body) !== body) diags.error("N2K-CHECK-010", `${name} is not in canonical terraform fmt layout (a nomad2k8s bug)`, { file: name });
  }
  try {
    await parse("module.tf", tf.map(([, text]) => text).join("\n"));
  } catch {
    for (const [name, text] of tf) {
      try {
        await parse(name, text);
      } catch (err) {
        diags.error("N2K-CHECK-011", `${name} does not parse again as HCL (a nomad2k8s bug): ${String(err).slice(0, 300)}`, { file: name });
      }
    }
  }
}
