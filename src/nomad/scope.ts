import { Diagnostics } from "../diagnostics.js";
import { evaluate, toLiteral, type HclValue, type Scope } from "./evaluate.js";

/**
 * Builds the HCL2 evaluation scope of one file: variable defaults, overridden by var-file
 * values, overridden by --var; then locals, evaluated until no more resolve.
 */
export function buildScope(raw: Record<string, unknown>, given: Record<string, HclValue>, diags: Diagnostics, readFile?: Scope["readFile"]): Scope {
  const scope: Scope = { vars: {}, locals: {}, readFile };
  const declared = (raw.variable ?? {}) as Record<string, Record<string, unknown>[] | Record<string, unknown>>;
  for (const [name, decls] of Object.entries(declared)) {
    const decl = (Array.isArray(decls) ? decls[0] : decls) ?? {};
    if (name in given) scope.vars[name] = coerce(given[name], decl.type);
    else if (decl.default !== undefined) scope.vars[name] = toLiteral(decl.default as HclValue);
    else diags.error("N2K-HCL-003", `variable "${name}" has no default and no value`, { path: `variable.${name}`, hint: `pass --var ${name}=VALUE or --var-file` });
  }
  const blocks = ((Array.isArray(raw.locals) ? raw.locals : raw.locals ? [raw.locals] : []) as Record<string, unknown>[]).flatMap((b) => Object.entries(b));
  let pending = blocks;
  for (let round = 0; round < 10 && pending.length; round++) {
    const next: typeof pending = [];
    for (const [k, v] of pending) {
      // Evaluated against a scratch list: a local naming one not yet known waits a round.
      const probe = new Diagnostics();
      const value = evaluate(v, scope, probe, `locals.${k}`);
      if (probe.items.length && round < 9) next.push([k, v]);
      else scope.locals[k] = toLiteral(round === 9 ? evaluate(v, scope, diags, `locals.${k}`) : value);
    }
    if (next.length === pending.length) {
      for (const [k, v] of next) scope.locals[k] = toLiteral(evaluate(v, scope, diags, `locals.${k}`));
      break;
    }
    pending = next;
  }
  return scope;
}

function coerce(value: HclValue, type: unknown): HclValue {
  if (typeof value !== "string") return value;
  const t = String(type ?? "");
  if (t.includes("number") && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (t.includes("bool") && (value === "true" || value === "false")) return value === "true";
  if (/list|map|object|tuple|set/.test(t)) {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value;
}
