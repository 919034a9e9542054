import { readFileSync } from "node:fs";

// The hashicorp/kubernetes provider schema (and kubectl_manifest's), as `terraform providers
// schema -json` prints it, trimmed to the resource types nomad2k8s writes. It ships in data/
// (see data/README.md for its source and scripts/update-provider-schema.mjs to regenerate it).

/** A Terraform type: "string", "number", "bool", ["list", T], ["set", T], ["map", T], ["object", {...}]. */
export type TfType = string | [string, TfType | Record<string, TfType>];

export interface SchemaAttribute {
  type: TfType;
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
}

export interface SchemaBlock {
  attributes?: Record<string, SchemaAttribute>;
  block_types?: Record<string, { nesting_mode: "single" | "list" | "set" | "map"; min_items?: number; max_items?: number; block: SchemaBlock }>;
}

export interface ProviderSchema {
  provider_version: string;
  resource_schemas: Record<string, { version: number; block: SchemaBlock }>;
}

const SCHEMA_FILE = new URL("../../data/kubernetes-provider-schema.json", import.meta.url);
let cached: ProviderSchema | undefined;

/** Loaded on first use only: plain conversions without --verify never pay for it. */
export function providerSchema(): ProviderSchema {
  cached ??= JSON.parse(readFileSync(SCHEMA_FILE, "utf8")) as ProviderSchema;
  return cached;
}
