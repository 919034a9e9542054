import type { Diagnostics } from "../diagnostics.js";
import { isCredentialName } from "./credential-names.js";
import { evaluateRaw, type HclValue } from "./evaluate.js";
import type { EvalEnv } from "./hcl/eval-expr.js";
import { parseExpression } from "./hcl/parse-expr.js";
import { evalNode } from "./hcl/eval-expr.js";
import type { FileAccess } from "./hcl/functions/filesystem.js";
import { convertTo, parseType, showType, type HclType } from "./hcl/functions/types.js";
import { EvalError, RUNTIME_OPEN, Unknown, type Value } from "./hcl/value.js";

/** A job variable without a value: an input variable of the module. */
export interface ModuleInput {
  /** Its name in the module (renamed when it would clash with a standard variable). */
  name: string;
  /** Its name in the Nomad job. */
  nomad: string;
  description?: string;
  /** Terraform type constraint, when the Nomad one maps. */
  type?: string;
  /** Not a job variable: a value nomad2k8s could not fix at conversion (uuidv4(), a missing file). */
  generated?: string;
  /** Declared `sensitive`, or named like a credential: Terraform keeps it out of its output. */
  sensitive?: boolean;
  /** A value was given (--var, --var-file) and not written into the module, as the variable is sensitive. */
  givenButSensitive?: boolean;
}

// Variables every module declares (the contract's and the ones nomad2k8s adds).
const STANDARD = /^(namespace|image_tag|hostname|litestream_image_tag|minio_endpoint|litestream_bucket|secret_keys|.*_image_tag|schedule(_\d+)?)$/;

/** Names Terraform refuses for a variable ("Invalid variable name" at init). */
export const TERRAFORM_RESERVED = new Set(["version", "source", "count", "for_each", "providers", "depends_on", "lifecycle", "locals"]);

/** A job variable's name in the module: `nomad_<name>` when the module or Terraform has it already. */
export function moduleInputName(name: string): { name: string; why?: string } {
  if (TERRAFORM_RESERVED.has(name)) return { name: `nomad_${name}`, why: `Terraform reserves "${name}" as a variable name` };
  if (STANDARD.test(name)) return { name: `nomad_${name}`, why: `"${name}" is a standard variable of the module` };
  return { name };
}

/** The evaluation scope of one file: variables, locals (evaluated when first used), files. */
export class FileScope implements EvalEnv {
  readonly vars: Record<string, Value> = {};
  readonly inputs = new Map<string, ModuleInput>();
  readonly expanded: string[] = [];
  private readonly localsRaw: Record<string, unknown> = {};
  private readonly locals = new Map<string, Value | EvalError>();
  private readonly evaluating = new Set<string>();

  constructor(
    readonly files?: FileAccess,
    private readonly diags?: Diagnostics,
  ) {}

  variable(name: string): Value {
    if (name in this.vars) return this.vars[name];
    let input = this.inputs.get(name);
    if (!input) {
      // Nomad wants it declared (often a shared variables file is added at deploy time): an input too.
      const { name: tfName, why } = moduleInputName(name);
      input = { name: tfName, nomad: name, description: `Not declared in the Nomad job file (Nomad needs "variable \"${name}\" {}")`, type: undefined };
      this.inputs.set(name, input);
      const as = why ? ` as "${tfName}" (${why})` : "";
      this.diags?.warn("N2K-HCL-003", `variable "${name}" is not declared in the job file; the module takes it as an input${as}`, { path: `variable.${name}`, hint: `declare it, or convert with --var ${name}=…` });
    }
    return new Unknown(`var.${input.name}`, [name]);
  }

  local(name: string): Value {
    const done = this.locals.get(name);
    if (done instanceof EvalError) throw done;
    if (done !== undefined) return done;
    if (!(name in this.localsRaw)) throw new EvalError(`local value "${name}" is not declared`, "N2K-HCL-003");
    if (this.evaluating.has(name)) throw new EvalError(`local.${name} refers to itself`);
    this.evaluating.add(name);
    try {
      const v = evaluateRaw(this.localsRaw[name], this);
      this.locals.set(name, v);
      return v;
    } catch (err) {
      if (err instanceof EvalError) this.locals.set(name, err);
      throw err;
    } finally {
      this.evaluating.delete(name);
    }
  }

  setLocal(name: string, raw: unknown): void {
    this.localsRaw[name] = raw;
  }

  input(fn: string, description: string, hint?: string): Unknown {
    const base = hint ? `${fn}_${hint.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "")}` : `${fn}_value`;
    for (const [key, i] of this.inputs) if (key.startsWith("\0") && i.description === description) return new Unknown(`var.${i.name}`, []);
    let name = base;
    for (let n = 2; [...this.inputs.values()].some((i) => i.name === name); n++) name = `${base}_${n}`;
    this.inputs.set(`\0${name}`, { name, nomad: name, description, type: "string", generated: `${fn}()` });
    return new Unknown(`var.${name}`, []);
  }
}

/**
 * Builds the HCL2 scope of one file: variable defaults (`variable` and `variables {}`),
 * overridden by var-file values, overridden by --var; locals are evaluated when used.
 * A variable with no value becomes a module input (a `var.x` reference in the output).
 */
export function buildScope(raw: Record<string, unknown>, given: Record<string, HclValue>, diags: Diagnostics, files?: FileAccess): FileScope {
  const scope = new FileScope(files, diags);
  const declared = (raw.variable ?? {}) as Record<string, Record<string, unknown>[] | Record<string, unknown>>;
  const defaults: Record<string, unknown> = {};
  for (const block of asBlocks(raw.variables)) Object.assign(defaults, block);
  const names = [...new Set([...Object.keys(declared), ...Object.keys(defaults)])];
  for (const name of names) {
    const decl = (Array.isArray(declared[name]) ? declared[name][0] : declared[name]) ?? {};
    const path = `variable.${name}`;
    let type: HclType | undefined;
    try {
      type = typeof decl.type === "string" ? parseType(decl.type) : undefined;
    } catch (err) {
      diags.error("N2K-HCL-007", `variable "${name}": ${(err as Error).message}`, { path: `${path}.type` });
    }
    const dflt = decl.default !== undefined ? decl.default : defaults[name];
    const sensitive = decl.sensitive === true || isCredentialName(name);
    // A credential given at conversion would be written into the module in clear: it stays an input.
    const withheld = name in given && sensitive;
    try {
      if (name in given && !withheld) scope.vars[name] = convertTo(givenValue(given[name], type, scope), type ?? { k: "any" }, `variable "${name}"`);
      else if (dflt !== undefined && !withheld) scope.vars[name] = convertTo(evaluateRaw(dflt, scope), type ?? { k: "any" }, `variable "${name}" default`);
      else {
        const { name: tfName, why } = moduleInputName(name);
        if (why) diags.changed("N2K-HCL-008", `job variable "${name}" becomes module variable "${tfName}": ${why}`, { path });
        const input: ModuleInput = { name: tfName, nomad: name, description: typeof decl.description === "string" ? decl.description : undefined, type: type ? showType(type) : undefined };
        if (sensitive) input.sensitive = true;
        if (withheld) input.givenButSensitive = true;
        scope.inputs.set(name, input);
      }
    } catch (err) {
      if (!(err instanceof EvalError)) throw err;
      diags.error("N2K-HCL-007", err.message, { path, hint: name in given ? `check the value given for ${name}` : undefined });
    }
    if (typeof scope.vars[name] === "string" && (scope.vars[name] as string).includes(RUNTIME_OPEN)) {
      diags.info("N2K-HCL-009", `variable "${name}" defaults to a Nomad runtime value; it is resolved (or reported) where it is used`, { path });
    }
  }
  for (const block of asBlocks(raw.locals)) for (const [k, v] of Object.entries(block)) scope.setLocal(k, v);
  return scope;
}

function asBlocks(v: unknown): Record<string, unknown>[] {
  return (Array.isArray(v) ? v : v ? [v] : []) as Record<string, unknown>[];
}

/**
 * A value given with --var is text: for a string (or untyped) variable it is the value; for
 * other types it is read as an HCL expression (`--var 'ports=[80, 443]'`), as Nomad reads it.
 */
function givenValue(v: HclValue, type: HclType | undefined, scope: FileScope): Value {
  if (typeof v !== "string") return v as Value;
  if (!type || type.k === "string" || type.k === "any") return v;
  try {
    const parsed = evalNode(parseExpression(v), scope, new Map());
    // A bare word (`five`) reads as a reference: the text itself is what was meant.
    return JSON.stringify(parsed).includes(RUNTIME_OPEN) ? v : parsed;
  } catch {
    // Not an expression: let the conversion say what was expected.
    return v;
  }
}
