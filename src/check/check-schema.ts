import { apiProblems } from "./api-rules.js";
import { checkResourceBody } from "./check-block.js";
import { checkManifests } from "./check-manifest.js";
import { providerSchema } from "./provider-schema.js";

// Every resource of a module against the provider schema; kubectl_manifest bodies against the
// shape of the custom resource they create; both against the Kubernetes API's own rules. What Terraform and the API server would refuse,
// found before either runs.

export interface ResourceProblem {
  /** N2K-API-002 is a warning: the API server accepts it, but it is not what the job meant. */
  code: "N2K-SCHEMA-001" | "N2K-SCHEMA-002" | "N2K-API-001" | "N2K-API-002";
  /** The module file that declares the resource. */
  file: string;
  /** `type.name`, as Terraform addresses it. */
  resource: string;
  /** Attribute path inside the resource. */
  path: string;
  message: string;
}

type HclJson = { resource?: Record<string, Record<string, Record<string, unknown>[]>> };

/**
 * Checks the resources of `parsed` (the module's .tf files parsed together by @cdktf/hcl2json);
 * `files` (name → text) tell which file declares each resource.
 */
export async function schemaProblems(files: Record<string, string>, parsed: unknown): Promise<ResourceProblem[]> {
  const schemas = providerSchema().resource_schemas;
  const declaredIn = declarations(files);
  const problems: ResourceProblem[] = [];
  const manifests: { file: string; resource: string; body: unknown }[] = [];
  for (const [type, byName] of Object.entries((parsed as HclJson).resource ?? {})) {
    for (const [name, bodies] of Object.entries(byName)) {
      const resource = `${type}.${name}`;
      const file = declaredIn.get(resource) ?? "";
      for (const body of bodies) {
        const schema = schemas[type];
        if (!schema) {
          problems.push({ code: "N2K-SCHEMA-001", file, resource, path: "", message: `resource type "${type}" is not in the provider schema (hashicorp/kubernetes ${providerSchema().provider_version})` });
          continue;
        }
        for (const p of checkResourceBody(body, schema.block)) problems.push({ code: "N2K-SCHEMA-001", file, resource, ...p });
        if (type === "kubectl_manifest" && "yaml_body" in body) manifests.push({ file, resource, body: body.yaml_body });
      }
    }
  }
  const checked = await checkManifests(manifests.map((m) => m.body));
  manifests.forEach((m, i) => {
    for (const p of checked.problems[i]) problems.push({ code: "N2K-SCHEMA-002", file: m.file, resource: m.resource, ...p });
  });
  const data = manifests.map((m, i) => ({ resource: m.resource, manifest: checked.manifests[i] }));
  for (const p of apiProblems(parsed as Record<string, unknown>, data)) {
    problems.push({ code: p.severity === "error" ? "N2K-API-001" : "N2K-API-002", file: declaredIn.get(p.resource) ?? "", resource: p.resource, path: p.path, message: p.message });
  }
  return problems;
}

export function formatProblem(p: ResourceProblem): string {
  return `${p.file ? `${p.file}: ` : ""}${p.resource}${p.path ? `: ${p.path}` : ""}: ${p.message}`;
}

function declarations(files: Record<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [file, text] of Object.entries(files)) {
    for (const m of text.matchAll(/^resource\s+"([^"]+)"\s+"([^"]+)"/gm)) if (!out.has(`${m[1]}.${m[2]}`)) out.set(`${m[1]}.${m[2]}`, file);
  }
  return out;
}
