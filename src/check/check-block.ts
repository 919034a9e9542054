import { isBody, type Body } from "./module-values.js";
import type { SchemaBlock, TfType } from "./provider-schema.js";

// Walks one resource body, as @cdktf/hcl2json returns it (blocks are arrays of objects,
// expressions are "${...}" strings), against the provider's schema block — what
// `terraform validate` would refuse, found without Terraform.

export interface SchemaProblem {
  /** Dotted path inside the resource, e.g. `spec.template.spec.container[1].port`. */
  path: string;
  message: string;
}

/** Terraform meta-arguments: allowed on every resource, not part of its schema. */
const META = new Set(["count", "for_each", "depends_on", "lifecycle", "provider", "provisioner", "connection"]);


export function checkResourceBody(body: Body, block: SchemaBlock): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  walkBlock(body, block, "", problems, true);
  return problems;
}

function walkBlock(body: Body, block: SchemaBlock, at: string, problems: SchemaProblem[], top: boolean): void {
  const attrs = block.attributes ?? {};
  const kids = block.block_types ?? {};
  const dynamicNames = new Set<string>();
  const add = (key: string, message: string) => problems.push({ path: join(at, key), message });
  for (const [key, value] of Object.entries(body)) {
    if (top && META.has(key)) continue;
    if (key === "dynamic") {
      for (const [name, gens] of dynamicBlocks(value)) {
        dynamicNames.add(name);
        const kid = kids[name];
        if (!kid) {
          add(name, attrs[name] ? `is an attribute, not a block: a dynamic "${name}" block cannot set it` : `unknown block (dynamic "${name}")`);
          continue;
        }
        for (const content of gens) walkBlock(content, kid.block, join(at, name), problems, false);
      }
      continue;
    }
    const attr = attrs[key];
    if (attr) {
      if (attr.computed && !attr.optional && !attr.required) add(key, "is read-only: the provider computes it");
      const wrong = typeProblem(attr.type, value);
      if (wrong) add(key, wrong);
      continue;
    }
    const kid = kids[key];
    if (kid) {
      if (!Array.isArray(value)) {
        add(key, `is a block: write ${key} { ... }, not ${key} = ...`);
        continue;
      }
      if (kid.max_items && value.length > kid.max_items) add(key, `${value.length} blocks, at most ${kid.max_items} allowed`);
      value.forEach((item, i) => {
        const where = join(at, value.length > 1 ? `${key}[${i}]` : key);
        if (isBody(item)) walkBlock(item, kid.block, where, problems, false);
        else problems.push({ path: where, message: "is a block: write it with braces" });
      });
      continue;
    }
    add(key, "unknown attribute or block (not in the provider schema)");
  }
  for (const [key, a] of Object.entries(attrs)) {
    if (a.required && !(key in body)) add(key, "required attribute missing");
  }
  for (const [key, k] of Object.entries(kids)) {
    if (k.min_items && !(key in body) && !dynamicNames.has(key)) add(key, `required block missing (at least ${k.min_items})`);
  }
}

/** `dynamic "name" { for_each = ..., content { ... } }` → [name, content bodies]. */
function dynamicBlocks(value: unknown): [string, Body[]][] {
  const out: [string, Body[]][] = [];
  for (const group of Array.isArray(value) ? value : [value]) {
    if (!isBody(group)) continue;
    for (const [name, defs] of Object.entries(group)) {
      const contents = (Array.isArray(defs) ? defs : [defs]).flatMap((d) => (isBody(d) && Array.isArray(d.content) ? d.content.filter(isBody) : []));
      out.push([name, contents]);
    }
  }
  return out;
}


/** A value computed by Terraform (a reference, a call, a template): its type is not known here. */
export function isExpression(v: unknown): boolean {
  return typeof v === "string" && /\$\{|%\{/.test(v);
}

export function showType(t: TfType): string {
  if (typeof t === "string") return t;
  const [kind, inner] = t;
  return kind === "object" ? "object" : `${kind}(${showType(inner as TfType)})`;
}

/** Why `value` cannot be of Terraform type `t` (undefined when it can, or cannot be known). */
export function typeProblem(t: TfType, value: unknown): string | undefined {
  // null leaves an optional attribute unset, whatever its type.
  if (value === null || isExpression(value)) return undefined;
  const expected = `expects ${showType(t)}`;
  if (typeof t === "string") {
    if (t === "string") return typeof value === "object" && value !== null ? `${expected}, got ${Array.isArray(value) ? "a list" : "an object"}` : undefined;
    if (t === "number") return typeof value === "number" || (typeof value === "string" && value.trim() !== "" && !Number.isNaN(Number(value))) ? undefined : `${expected}, got ${JSON.stringify(value)}`;
    if (t === "bool") return typeof value === "boolean" || value === "true" || value === "false" ? undefined : `${expected}, got ${JSON.stringify(value)}`;
    return undefined;
  }
  const [kind, inner] = t;
  if (kind === "list" || kind === "set") {
    if (!Array.isArray(value)) return `${expected}, got ${describe(value)}`;
    for (const [i, item] of value.entries()) {
      const wrong = typeProblem(inner as TfType, item);
      if (wrong) return `[${i}] ${wrong}`;
    }
    return undefined;
  }
  if (kind === "map") {
    if (Array.isArray(value) && value.every(isBody)) return `${expected}, written as a block: it is an attribute (name = { ... })`;
    if (!isBody(value)) return `${expected}, got ${describe(value)}`;
    for (const [k, item] of Object.entries(value)) {
      const wrong = typeProblem(inner as TfType, item);
      if (wrong) return `["${k}"] ${wrong}`;
    }
    return undefined;
  }
  if (kind === "object") {
    if (!isBody(value)) return `${expected}, got ${describe(value)}`;
    const fields = inner as Record<string, TfType>;
    for (const [k, item] of Object.entries(value)) {
      if (!(k in fields)) return `.${k}: no such field`;
      const wrong = typeProblem(fields[k], item);
      if (wrong) return `.${k} ${wrong}`;
    }
  }
  return undefined;
}

/** A value as a problem message names it. */
export function describe(v: unknown): string {
  if (Array.isArray(v)) return "a list";
  if (isBody(v)) return "an object";
  return JSON.stringify(v);
}

function join(at: string, key: string): string {
  return at ? `${at}.${key}` : key;
}
