// What a module's values are before Terraform runs: `${local.x}` and `${var.x}` (its default)
// filled in where the module fixes them; anything else stays unknown. Unknown parts become a
// placeholder letter, so the shape of the rest can still be judged (a `-stripPrefix` suffix
// is wrong whatever the namespace), but never a length.

export type Body = Record<string, unknown>;

export interface Known {
  text: string;
  /** False when a part was left to Terraform (its placeholder stands in the text). */
  known: boolean;
}

const REF = /\$\{\s*(local|var)\.([A-Za-z_][\w-]*)\s*\}/g;
const ANY_REF = /\$\{[^}]*\}/g;

export class ModuleValues {
  private readonly locals: Record<string, unknown> = {};
  private readonly defaults: Record<string, unknown> = {};

  constructor(parsed: Body) {
    for (const block of asList(parsed.locals)) Object.assign(this.locals, block);
    for (const [name, decls] of Object.entries((parsed.variable ?? {}) as Record<string, Body[]>)) {
      const d = asList(decls)[0] as Body | undefined;
      if (d && "default" in d && d.default !== null) this.defaults[name] = d.default;
    }
  }

  /** A string value as far as the module fixes it; undefined when it is not text at all. */
  text(v: unknown, depth = 0): Known | undefined {
    if (typeof v === "number") return { text: String(v), known: true };
    if (typeof v !== "string") return undefined;
    let known = true;
    const filled = v.replace(REF, (all, kind: string, name: string) => {
      const got = kind === "local" ? this.locals[name] : this.defaults[name];
      const inner = depth < 5 && (typeof got === "string" || typeof got === "number") ? this.text(got, depth + 1) : undefined;
      if (!inner) return all;
      known &&= inner.known;
      return inner.text;
    });
    const rest = filled.replace(ANY_REF, () => {
      known = false;
      return "x";
    });
    return { text: rest, known };
  }

  /** A map value (labels, selectors), following `${local.labels}`; undefined when unknown. */
  map(v: unknown): Record<string, unknown> | undefined {
    if (typeof v === "string") {
      const m = /^\$\{\s*local\.([A-Za-z_][\w-]*)\s*\}$/.exec(v);
      const got = m ? this.locals[m[1]] : undefined;
      return isBody(got) ? got : undefined;
    }
    return isBody(v) ? v : undefined;
  }
}

export function isBody(v: unknown): v is Body {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function asList(v: unknown): Body[] {
  return (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]).filter(isBody);
}

/** The first block of a nested block path (`spec.template.spec`), or undefined. */
export function first(body: Body | undefined, ...path: string[]): Body | undefined {
  let at: Body | undefined = body;
  for (const key of path) at = at ? asList(at[key])[0] : undefined;
  return at;
}

/** `${kubernetes_config_map.x.metadata[0].name}` → `kubernetes_config_map.x`. */
export function referencedResource(v: unknown): string | undefined {
  return typeof v === "string" ? /^\$\{\s*([a-z0-9_]+\.[A-Za-z0-9_-]+)\.metadata\[0\]\.name\s*\}$/.exec(v)?.[1] : undefined;
}
