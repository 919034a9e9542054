import type { Diagnostics } from "../diagnostics.js";
import { TERRAFORM_RESERVED } from "../nomad/scope.js";
import { expr, REF_CLOSE, REF_OPEN } from "./hcl-value.js";
import type { Variable } from "./model.js";
import { tfIdent } from "./names.js";

/**
 * Module variables the plan needs but the job could not give a value for: job variables
 * without a value (inputs), and Nomad runtime values left in fields Kubernetes validates.
 */
export class ModuleInputs {
  private readonly required = new Map<string, { nomad: string; what: Set<string> }>();
  /** Sensitive inputs standing for secret values the job wrote out; the value only tells two apart and is never written. */
  private readonly secrets = new Map<string, { key: string; description: string; optional?: true }>();
  /** Inputs standing for Consul KV keys whose values are not secret; keyOrDefault gives the default. */
  private readonly consul = new Map<string, { path: string; default?: string; optional?: true }>();
  /** Port numbers the job never tells the app (dynamic ports): the operator gives them. */
  private readonly ports = new Map<string, string>();
  /** Nodes holding a group's bind-mounted data, by input name. */
  private readonly nodes = new Map<string, { group: string; description: string }>();

  /** `sensitive`: the job's own inputs that hold secret material (declared sensitive, named like a credential). */
  constructor(
    private readonly taken: (name: string) => boolean,
    private readonly sensitive: ReadonlySet<string> = new Set(),
  ) {}

  /** A module variable standing for Nomad's `${expr}`; its name in Terraform. */
  need(nomadExpr: string, what: string, path: string, diags: Diagnostics): string {
    for (const [name, r] of this.required) if (r.nomad === nomadExpr) return this.note(name, what);
    let name = tfIdent(nomadExpr.replace(/^env\./, "").toLowerCase()).replace(/^_+|_+$/g, "") || "value";
    if (this.taken(name) || TERRAFORM_RESERVED.has(name)) name = `nomad_${name}`;
    for (let i = 2; this.taken(name) || this.required.has(name) || this.secrets.has(name) || this.consul.has(name); i++) name = `${name.replace(/_\d+$/, "")}_${i}`;
    this.required.set(name, { nomad: nomadExpr, what: new Set() });
    diags.manual("N2K-INTERP-004", `set variable "${name}": Nomad filled \${${nomadExpr}} at run time in ${what}, which Kubernetes needs as a fixed value`, {
      path,
      blocking: true,
      hint: `give it with -var ${name}=… (or a tfvars file) before terraform apply`,
    });
    return this.note(name, what);
  }

  /**
   * A sensitive module variable without default for a secret value the job wrote out (a literal
   * credential in env, a Consul KV value): the same value under the same name is one variable.
   */
  secret(base: string, value: string, description: string): { name: string; created: boolean } {
    const trimmed = tfIdent(base.toLowerCase()).replace(/_+/g, "_").replace(/^_+|_+$/g, "") || "secret";
    // A Terraform name starts with a letter (`10.0.0.5_password` would not).
    const root = /^[0-9]/.test(trimmed) ? `secret_${trimmed}` : trimmed;
    const key = `${root}\0${value}`;
    for (const [name, s] of this.secrets) if (s.key === key) return { name, created: false };
    let name = root;
    for (let i = 2; this.taken(name) || TERRAFORM_RESERVED.has(name) || this.required.has(name) || this.secrets.has(name) || this.consul.has(name); i++) name = `${root}_${i}`;
    this.secrets.set(name, { key, description });
    return { name, created: true };
  }

  /** A required number input for the port a dynamic Nomad port label stands for (`http_port`). */
  port(label: string, group: string, multiGroup: boolean, users: string): string {
    const root = tfIdent(`${multiGroup ? `${group}_` : ""}${label}_port`.toLowerCase()).replace(/_+/g, "_").replace(/^_+|_+$/g, "") || "port";
    let name = root;
    for (let i = 2; this.taken(name) || TERRAFORM_RESERVED.has(name) || this.required.has(name) || this.secrets.has(name) || this.ports.has(name); i++) name = `${root}_${i}`;
    this.ports.set(name, `The port the app listens on for Nomad's dynamic port "${label}" of group "${group}" (Nomad chose it at run time and the job never told the app; ${users} use it)`);
    return name;
  }

  /**
   * The module input for a Consul KV key a template read: sensitive without default when the
   * value looks secret, else a plain input (with keyOrDefault's default). One input per key.
   */
  consulKey(path: string, opts: { sensitive?: boolean; default?: string; optional?: boolean }): { name: string; created: boolean } {
    const description = `Value of Consul KV key "${path}" (a Nomad template read it; Kubernetes has no Consul KV)${opts.optional ? "; null where the key was not set (the template's keyExists branch)" : ""}`;
    if (opts.sensitive) {
      const r = this.secret(path, `\0consul:${path}`, description);
      if (opts.optional) this.secrets.get(r.name)!.optional = true;
      return r;
    }
    for (const [name, c] of this.consul) {
      if (c.path !== path) continue;
      if (opts.optional) c.optional = true;
      return { name, created: false };
    }
    const root = tfIdent(path.toLowerCase()).replace(/_+/g, "_").replace(/^_+|_+$/g, "") || "consul_key";
    let name = root;
    for (let i = 2; this.taken(name) || TERRAFORM_RESERVED.has(name) || this.required.has(name) || this.secrets.has(name) || this.consul.has(name); i++) name = `${root}_${i}`;
    this.consul.set(name, { path, ...(opts.default !== undefined ? { default: opts.default } : {}), ...(opts.optional ? { optional: true as const } : {}) });
    return { name, created: true };
  }

  /** A required input naming the node that holds a group's bind-mounted data (see pinToDataNode). */
  dataNode(group: string, multiGroup: boolean, paths: string[]): string {
    for (const [name, n] of this.nodes) if (n.group === group) return name;
    const root = tfIdent(`${multiGroup ? `${group}_` : ""}data_node`.toLowerCase()).replace(/_+/g, "_").replace(/^_+|_+$/g, "") || "data_node";
    let name = root;
    for (let i = 2; this.taken(name) || TERRAFORM_RESERVED.has(name) || this.required.has(name) || this.secrets.has(name) || this.consul.has(name) || this.ports.has(name) || this.nodes.has(name); i++) name = `${root}_${i}`;
    this.nodes.set(name, { group, description: `The Kubernetes node (its kubernetes.io/hostname label) that holds ${paths.join(", ")}, the data group "${group}" kept on its Nomad node: the pod runs only there` });
    return name;
  }

  /** Whether a module input holds secret material (a sensitive input made here, or a sensitive job input). */
  isSecret(name: string): boolean {
    return this.secrets.has(name) || this.sensitive.has(name);
  }

  private note(name: string, what: string): string {
    this.required.get(name)!.what.add(what);
    return name;
  }

  variables(): Variable[] {
    return [
      ...[...this.required].map(([name, r]) => ({ name, description: `Value of Nomad's \${${r.nomad}} (used in ${[...r.what].join(", ")}; Nomad filled it at run time)`, type: "string" })),
      ...[...this.consul].map(([name, c]) => ({
        name,
        description: `Value of Consul KV key "${c.path}" (a Nomad template read it; Kubernetes has no Consul KV)${c.optional ? "; null where the key was not set (the template's keyExists branch)" : ""}`,
        type: "string",
        ...(c.optional ? { default: expr("null") } : c.default !== undefined ? { default: c.default } : {}),
      })),
      ...[...this.secrets].map(([name, s]) => ({ name, description: s.description, type: "string", sensitive: true, ...(s.optional ? { default: expr("null") } : {}) })),
      ...[...this.nodes].map(([name, n]) => ({ name, description: n.description, type: "string", validation: { condition: `length(trimspace(var.${name})) > 0`, errorMessage: "Name the node that holds the data." } })),
      ...[...this.ports].map(([name, description]) => ({
        name,
        description,
        type: "number",
        validation: { condition: `var.${name} >= 1 && var.${name} <= 65535 && floor(var.${name}) == var.${name}`, errorMessage: "A port is a whole number from 1 to 65535." },
      })),
    ];
  }
}

const REF = new RegExp(`${REF_OPEN}([^${REF_CLOSE}]*)${REF_CLOSE}`, "g");
const VAR = /\bvar\.([A-Za-z_][A-Za-z0-9_-]*)/g;

/**
 * Names of the module variables a plan refers to (`${var.x}` inside strings, and raw
 * expressions): first those inside reference marks, then those in `$expr` values, each in the
 * order JSON.stringify(plan) would write them. The plan is walked, not serialized (that was
 * the costliest step of planning); the few strings that can hold a name are still matched in
 * their JSON-escaped form, so the names are exactly those found in the serialized plan.
 */
export function referencedVariables(plan: unknown): Set<string> {
  const refs: string[] = [];
  const exprs: string[] = [];
  collectNames(plan, refs, exprs);
  const out = new Set(refs);
  for (const name of exprs) out.add(name);
  return out;
}

function collectNames(value: unknown, refs: string[], exprs: string[]): void {
  if (typeof value === "string") {
    if (value.includes(REF_OPEN) && value.includes("var.")) for (const m of JSON.stringify(value).matchAll(REF)) addVars(m[1], refs);
    return;
  }
  if (typeof value !== "object" || value === null) return;
  if (Array.isArray(value)) {
    for (const v of value) collectNames(v, refs, exprs);
    return;
  }
  const json = (value as { toJSON?: unknown }).toJSON;
  if (typeof json === "function") return collectNames(json.call(value), refs, exprs);
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined || typeof v === "function" || typeof v === "symbol") continue; // JSON leaves these out
    if (key.includes(REF_OPEN)) collectNames(key, refs, exprs);
    if (key === "$expr" && typeof v === "string" && v.includes("var.")) addVars(JSON.stringify(v), exprs);
    collectNames(v, refs, exprs);
  }
}

function addVars(code: string, into: string[]): void {
  for (const v of code.matchAll(VAR)) into.push(v[1]);
}
