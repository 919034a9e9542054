import { parseHcl as parse } from "../nomad/hcl-parser.js";
import type { SchemaProblem } from "./check-block.js";
import { describe, isExpression } from "./check-block.js";
import { isBody } from "./module-values.js";
import { CRD_SHAPES, type Shape } from "./crd-shapes.js";

// A kubectl_manifest's `yaml_body = yamlencode({...})` reaches us as the expression's source
// text. Its argument is parsed again as HCL (as `m0 = {...}`) to get the manifest as data, then
// checked against the CRD shape of its apiVersion and kind.

const CALL = /^\$\{\s*(?:yamlencode|jsonencode)\(([\s\S]*)\)\s*\}$/;

/** Problems of each body, in order (paths prefixed `yaml_body.`), and each manifest as data. */
export async function checkManifests(bodies: unknown[]): Promise<{ problems: SchemaProblem[][]; manifests: unknown[] }> {
  const args = bodies.map((b) => (typeof b === "string" ? CALL.exec(b)?.[1] : undefined));
  const parsed = await parseArguments(args);
  const problems = bodies.map((_, i) => {
    if (args[i] === undefined) return [{ path: "yaml_body", message: "is not written as yamlencode({ ... }): its manifest cannot be checked" }];
    const manifest = parsed[i];
    if (manifest === undefined) return [{ path: "yaml_body", message: "the yamlencode() argument does not parse as HCL" }];
    return checkManifest(manifest);
  });
  return { problems, manifests: parsed };
}

/** One parser call for every body of a module; a failing batch is parsed one by one. */
async function parseArguments(args: (string | undefined)[]): Promise<unknown[]> {
  const present = args.map((a, i) => [a, i] as const).filter(([a]) => a !== undefined);
  if (!present.length) return [];
  try {
    const json = (await parse("manifests.tf", present.map(([a, i]) => `m${i} = ${a}\n`).join(""))) as Record<string, unknown>;
    return args.map((_, i) => json[`m${i}`]);
  } catch {
    const out: unknown[] = [];
    for (const [a, i] of present) {
      try {
        out[i] = ((await parse("manifest.tf", `m = ${a}\n`)) as Record<string, unknown>).m;
      } catch {
        out[i] = undefined;
      }
    }
    return out;
  }
}

export function checkManifest(manifest: unknown): SchemaProblem[] {
  if (isExpression(manifest)) return [];
  if (!isBody(manifest)) return [{ path: "yaml_body", message: "the manifest is not an object" }];
  const { apiVersion, kind } = manifest;
  if (isExpression(apiVersion) || isExpression(kind)) return [];
  const shape = CRD_SHAPES[`${apiVersion} ${kind}`];
  if (!shape) return [{ path: "yaml_body", message: `no CRD shape known for apiVersion "${String(apiVersion)}" kind "${String(kind)}" (add it to src/check/crd-shapes.ts)` }];
  const problems: SchemaProblem[] = [];
  walkShape(manifest, shape, "yaml_body", problems);
  return problems;
}

function walkShape(value: unknown, shape: Shape, at: string, problems: SchemaProblem[]): void {
  if (isExpression(value)) return;
  const wrong = (message: string): void => void problems.push({ path: at, message });
  switch (shape.type) {
    case "string":
      if (typeof value !== "string") return wrong(`expects a string, got ${describe(value)}`);
      if (shape.enum && !shape.enum.includes(value)) wrong(`"${value}" is not one of ${shape.enum.map((e) => `"${e}"`).join(", ")}`);
      return;
    case "integer":
      if (!Number.isInteger(value)) wrong(`expects an integer, got ${describe(value)}`);
      return;
    case "boolean":
      if (typeof value !== "boolean") wrong(`expects true or false, got ${describe(value)}`);
      return;
    case "int-or-string":
      if (typeof value !== "string" && !Number.isInteger(value)) wrong(`expects a quantity (string or integer), got ${describe(value)}`);
      return;
    case "array":
      if (!Array.isArray(value)) return wrong(`expects a list, got ${describe(value)}`);
      value.forEach((item, i) => walkShape(item, shape.items, `${at}[${i}]`, problems));
      return;
    case "object": {
      if (!isBody(value)) return wrong(`expects an object, got ${describe(value)}`);
      for (const [k, v] of Object.entries(value)) {
        const field = shape.properties?.[k] ?? shape.values;
        if (!field) problems.push({ path: `${at}.${k}`, message: "unknown field (not in the CRD)" });
        else walkShape(v, field, `${at}.${k}`, problems);
      }
      for (const k of shape.required ?? []) if (!(k in value)) problems.push({ path: `${at}.${k}`, message: "required field missing" });
    }
  }
}

