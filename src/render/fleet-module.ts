import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { tfIdent } from "../plan/names.js";
import type { ApplyEntry } from "../report/before-apply.js";
import { withFleetHeader } from "./header.js";
import { key, quote } from "./hcl.js";
import { layoutHcl } from "./layout.js";

// The fleet's root module: one `module` block per converted job, its required inputs as root
// variables, so `terraform plan` of the whole fleet runs from one folder.

export const FLEET_DIR = "fleet";
/** Where the root module goes when a job's module is called "fleet": no module folder (a DNS label) can start with "_". */
export const FLEET_DIR_ASIDE = "_fleet";

/** The root module's folder: fleet/, unless a module of the fleet has that name. */
export function fleetDir(modules: (string | null | undefined)[]): string {
  return modules.includes(FLEET_DIR) ? FLEET_DIR_ASIDE : FLEET_DIR;
}
const VERSIONS = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "templates", "versions.tf.ejs");

/** `fleet/main.tf`, `variables.tf` and `versions.tf` (in `_fleet/` beside a module called fleet); none when no job was converted. */
export function fleetModule(entries: ApplyEntry[]): Record<string, string> {
  const modules = entries.filter((e): e is ApplyEntry & { module: string } => !!e.module).sort((a, b) => (a.module < b.module ? -1 : a.module > b.module ? 1 : 0));
  if (!modules.length) return {};
  const dir = fleetDir(modules.map((m) => m.module));
  const main: string[] = [];
  const vars: string[] = [];
  const seen = new Set<string>();
  for (const m of modules) {
    if (seen.has(m.module)) continue;
    seen.add(m.module);
    const inputs = m.requiredInputs ?? [];
    // A module's name is a Terraform identifier: a folder such as "2fauth" is not one.
    const label = /^[A-Za-z_][A-Za-z0-9_-]*$/.test(m.module) ? m.module : tfIdent(m.module);
    main.push(`module ${quote(label)} {`, `source = ${quote(`../${m.module}`)}`, ...(inputs.length ? [""] : []));
    for (const i of inputs) {
      const root = `${tfIdent(m.module)}_${i.name}`;
      main.push(`${key(i.name)} = var.${root}`);
      vars.push(`variable ${quote(root)} {`, `description = ${quote(`${m.module}: ${i.description}`)}`, `type = ${i.type}`, ...(i.sensitive ? ["sensitive = true"] : []), "}", "");
    }
    main.push("}", "");
  }
  const files: Record<string, string> = {
    [`${dir}/main.tf`]: withFleetHeader(layoutHcl(main.join("\n")), "main.tf"),
    [`${dir}/variables.tf`]: withFleetHeader(layoutHcl(vars.length ? vars.join("\n") : "# No module of the fleet has a required input.\n"), "variables.tf"),
    [`${dir}/versions.tf`]: withFleetHeader(layoutHcl(readFileSync(VERSIONS, "utf8")), "versions.tf"),
  };
  return files;
}
