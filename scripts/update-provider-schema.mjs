#!/usr/bin/env node
// Regenerates data/kubernetes-provider-schema.json, the provider schema `--verify` checks
// generated modules against, from the output of `terraform providers schema -json`.
//
//   mkdir /tmp/k && cd /tmp/k
//   printf 'terraform {\n  required_providers {\n    kubernetes = { source = "hashicorp/kubernetes", version = "2.38.0" }\n    kubectl = { source = "alekc/kubectl", version = "2.4.1" }\n  }\n}\n' > main.tf
//   terraform init && terraform providers schema -json > schema.json
//   node scripts/update-provider-schema.mjs /tmp/k/schema.json --version 2.38.0 --kubectl-version 2.4.1 \
//     [--types kubernetes_secret_v1,...]
//
// Only the resource types nomad2k8s can write are kept (the ones already in the data file,
// plus --types), with descriptions dropped: the whole dump is several MB, this is ~350 KB.
// When the dump has no alekc/kubectl provider, kubectl_manifest is kept from the current file.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = new URL("..", import.meta.url).pathname;
const OUT = join(ROOT, "data", "kubernetes-provider-schema.json");
const K8S = "registry.terraform.io/hashicorp/kubernetes";
const KUBECTL = "registry.terraform.io/alekc/kubectl";
const ATTR_KEYS = ["type", "required", "optional", "computed", "sensitive", "write_only"];
const BLOCK_KEYS = ["nesting_mode", "min_items", "max_items"];

const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const input = args.find((a, i) => !a.startsWith("--") && !(args[i - 1] ?? "").startsWith("--"));
if (!input) {
  console.error("usage: node scripts/update-provider-schema.mjs <terraform providers schema -json output> --version X [--kubectl-version Y] [--types a,b]");
  process.exit(2);
}
const extra = (option("--types") ?? "").split(",").filter(Boolean);

const dump = JSON.parse(readFileSync(input, "utf8"));
const current = JSON.parse(readFileSync(OUT, "utf8"));
const providers = dump.provider_schemas ?? {};
const k8s = Object.entries(providers).find(([k]) => k === K8S || k.endsWith("/hashicorp/kubernetes"));
if (!k8s) {
  console.error(`no ${K8S} provider in ${input}`);
  process.exit(1);
}
const kubectl = Object.entries(providers).find(([k]) => k === KUBECTL || k.endsWith("/alekc/kubectl"));

function trimBlock(block) {
  const out = {};
  if (block.attributes) out.attributes = Object.fromEntries(Object.entries(block.attributes).sort().map(([k, a]) => [k, pick(a, ATTR_KEYS)]));
  if (block.block_types) {
    out.block_types = Object.fromEntries(Object.entries(block.block_types).sort().map(([k, b]) => [k, { ...pick(b, BLOCK_KEYS), block: trimBlock(b.block) }]));
  }
  return out;
}

function pick(obj, keys) {
  return Object.fromEntries(keys.filter((k) => obj[k] !== undefined).map((k) => [k, obj[k]]));
}

const wanted = [...new Set([...Object.keys(current.resource_schemas), ...extra])].sort();
const resources = {};
for (const type of wanted) {
  if (type === "kubectl_manifest") {
    const fresh = kubectl?.[1].resource_schemas?.kubectl_manifest;
    resources[type] = fresh ? { version: fresh.version, block: trimBlock(fresh.block) } : current.resource_schemas[type];
    continue;
  }
  const r = k8s[1].resource_schemas?.[type];
  if (!r) {
    console.error(`${type} is not in the dump; kept out`);
    continue;
  }
  resources[type] = { version: r.version, block: trimBlock(r.block) };
}

const result = {
  source: `terraform providers schema -json (${input.split("/").pop()}), trimmed by scripts/update-provider-schema.mjs to the resource types nomad2k8s writes; descriptions dropped, keys otherwise unchanged.${kubectl ? "" : " kubectl_manifest kept from the previous file: " + current.source}`,
  provider_version: current.provider_version,
  provider_versions: { ...current.provider_versions },
  notes: current.notes,
  resource_schemas: resources,
};
// `terraform providers schema -json` does not say which versions it describes: pass them.
if (option("--version")) result.provider_version = result.provider_versions[K8S] = option("--version");
if (option("--kubectl-version")) result.provider_versions[KUBECTL] = option("--kubectl-version");
if (option("--version") || option("--kubectl-version")) result.notes = [`versions as given on the command line: ${JSON.stringify(result.provider_versions)}`];
writeFileSync(OUT, JSON.stringify(result) + "\n");
console.log(`wrote ${OUT}: ${Object.keys(resources).length} resource types`);
