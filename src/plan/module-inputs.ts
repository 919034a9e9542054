import type { Diagnostics } from "../diagnostics.js";
import { REF_CLOSE, REF_OPEN } from "./hcl-value.js";
import type { Variable } from "./model.js";
import { tfIdent } from "./names.js";

/**
 * Module variables the plan needs but the job could not give a value for: job variables
 * without a value (inputs), and Nomad runtime values left in fields Kubernetes validates.
 */
export class ModuleInputs {
  private readonly required = new Map<string, { nomad: string; what: Set<string> }>();

  constructor(private readonly taken: (name: string) => boolean) {}

  /** A module variable standing for Nomad's `${expr}`; its name in Terraform. */
  need(nomadExpr: string, what: string, path: string, diags: Diagnostics): string {
    for (const [name, r] of this.required) if (r.nomad === nomadExpr) return this.note(name, what);
    let name = tfIdent(nomadExpr.replace(/^env\./, "").toLowerCase()).replace(/^_+|_+$/g, "") || "value";
    if (this.taken(name)) name = `nomad_${name}`;
    for (let i = 2; this.taken(name) || this.required.has(name); i++) name = `${name.replace(/_\d+$/, "")}_${i}`;
    this.required.set(name, { nomad: nomadExpr, what: new Set() });
    diags.manual("N2K-INTERP-004", `set variable "${name}": Nomad filled \${${nomadExpr}} at run time in ${what}, which Kubernetes needs as a fixed value`, {
      path,
      blocking: true,
      hint: `give it with -var ${name}=… (or a tfvars file) before terraform apply`,
    });
    return this.note(name, what);
  }

  private note(name: string, what: string): string {
    this.required.get(name)!.what.add(what);
    return name;
  }

  variables(): Variable[] {
    return [...this.required].map(([name, r]) => ({ name, description: `Value of Nomad's \${${r.nomad}} (used in ${[...r.what].join(", ")}; Nomad filled it at run time)`, type: "string" }));
  }
}

/** Names of the module variables a plan refers to (`${var.x}` inside strings, and raw expressions). */
export function referencedVariables(plan: unknown): Set<string> {
  const out = new Set<string>();
  const text = JSON.stringify(plan);
  const refs = [...text.matchAll(new RegExp(`${REF_OPEN}([^${REF_CLOSE}]*)${REF_CLOSE}`, "g"))].map((m) => m[1]);
  const exprs = [...text.matchAll(/"\$expr":"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]);
  for (const code of [...refs, ...exprs]) {
    for (const v of code.matchAll(/\bvar\.([A-Za-z_][A-Za-z0-9_-]*)/g)) out.add(v[1]);
  }
  return out;
}
