import { providerSchema } from "./provider-schema.js";

// Terraform merges an override file's resource block into the module's with a partial
// decode: an argument the resource type does not have is dropped without a word, by
// `terraform validate` too (a nested block is taken whole and validated). So an override's
// own top-level arguments are checked here against the provider schema.

// Arguments every resource block takes besides its type's own.
const META = new Set(["count", "for_each", "provider", "depends_on", "lifecycle", "connection", "provisioner", "dynamic"]);

/** `type.name: "x" …` for each top-level argument or block of the override's resources that their type does not have. */
export function unknownOverrideArguments(parsed: Record<string, unknown>): string[] {
  const schemas = providerSchema().resource_schemas;
  const out: string[] = [];
  for (const [type, byName] of Object.entries((parsed.resource ?? {}) as Record<string, Record<string, Record<string, unknown>[]>>)) {
    const block = schemas[type]?.block;
    if (!block) continue;
    for (const [name, bodies] of Object.entries(byName)) {
      for (const body of bodies) {
        const unknown = Object.keys(body).filter((k) => !META.has(k) && !(k in (block.attributes ?? {})) && !(k in (block.block_types ?? {})));
        if (unknown.length) out.push(`${type}.${name}: ${unknown.map((k) => `"${k}"`).join(", ")} ${unknown.length > 1 ? "are no arguments" : "is no argument"} of ${type}; terraform drops it from an override without a word, so it has no effect: fix the name or remove it`);
      }
    }
  }
  return out;
}
