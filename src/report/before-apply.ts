import { defaultSiteConfig, type SiteConfig } from "../config/site-config.js";
import { readableRefs } from "../plan/hcl-value.js";
import type { ModulePlan } from "../plan/model.js";
import { underStorageRoot } from "../plan/storage/node-data.js";
import { podGpus } from "../plan/workload/resources.js";
import type { ReportDiag } from "./build-report.js";
import { cell, code, plain } from "./markdown-text.js";

// What the fleet needs before `terraform apply`: cluster prerequisites and the site values the
// modules carry. Each job's report entry lists its own (so a report merged from several runs
// is counted again from its entries); the report's "Before you apply" adds them up.

/** Something the cluster, the nodes or Terraform must have before a module applies. */
export interface Prerequisite {
  /** Same id = same prerequisite: jobs needing it are listed together. */
  id: string;
  kind: "operator" | "crd" | "provider" | "controller" | "node" | "service";
  name: string;
  detail: string;
}

/** A site-config value a module carries, and whether it came from the config or a default. */
export interface SiteValue {
  key: string;
  value: string;
  source: "config" | "default";
  /** The default is one site's own value (a host name, a path): almost certainly not yours. */
  siteSpecific?: true;
}

export interface ApplyNeeds {
  prerequisites: Prerequisite[];
  siteValues: SiteValue[];
}

/**
 * One rule per kind of prerequisite: a stage that generates something the cluster must have
 * (a CRD, an operator) adds its rule here, and the report lists it with the jobs that need it.
 */
export type PrerequisiteRule = (plan: ModulePlan, config: SiteConfig) => Prerequisite[];

export const PREREQUISITE_RULES: PrerequisiteRule[] = [
  // versions.tf of every module requires it: `terraform init` downloads it.
  () => [{ id: "provider:kubectl", kind: "provider", name: "kubectl provider (alekc/kubectl)", detail: "required by every module's versions.tf for its kubectl_manifest resources; `terraform init` must be able to download it (or find it in a provider mirror)" }],
  (plan, config) =>
    plan.externalSecrets.length
      ? [{ id: "operator:external-secrets", kind: "operator", name: "External Secrets Operator", detail: `its CRDs installed and a ${config.secrets.storeKind} \`${config.secrets.storeName}\` that reads the secret store (Vault)` }]
      : [],
  // One store per Vault mount the jobs read (a remoteRef key is a path inside its store's mount).
  (plan, config) =>
    plan.vaultMounts.map((m) => {
      const kv = m.versions.map((v) => `KV ${v}`).join(" and ");
      const all = /\{(mount|path)\}/.test(config.secrets.remoteKeyTemplate);
      return m.store
        ? { id: `service:vault-mount:${m.store}:${m.mount}:${m.versions.join("+")}`, kind: "service" as const, name: `${config.secrets.storeKind} \`${m.store}\` reading Vault mount \`${m.mount}\` (${kv})`, detail: all ? `the remoteRef keys start with the mount (secrets.remoteKeyTemplate), so the store must read every mount (no spec.provider.vault.path), with version = "${m.versions[0]}"` : `its spec.provider.vault.path = "${m.mount}" and version = "${m.versions[0]}": the modules' remoteRef keys are paths inside that mount` }
        : { id: `service:vault-mount:none:${m.mount}`, kind: "service" as const, name: `Vault mount \`${m.mount}\` (${kv}): no store serves it`, detail: `a ${config.secrets.storeKind} reading it, named in the site config as secrets.mounts["${m.mount}"] (N2K-SEC-015)` };
    }),
  (plan, config) =>
    plan.certificates.length
      ? [{ id: "operator:cert-manager", kind: "operator", name: "cert-manager", detail: `its CRDs installed and a ${config.certManager.issuerKind} \`${config.certManager.issuerName}\` (it replaces Vault PKI)` }]
      : [],
  (plan) => [...new Set(plan.ingresses.map((i) => i.className))].map((c) => ({ id: `controller:ingress:${c}`, kind: "controller" as const, name: `Ingress controller for class \`${c}\``, detail: "serves the modules' kubernetes_ingress_v1 resources" })),
  (plan) => [...new Set(plan.ingresses.flatMap((i) => (i.tlsSecret ? [i.tlsSecret] : [])))].map((s) => ({ id: `service:tls:${s}`, kind: "service" as const, name: `TLS Secret \`${s}\``, detail: "in each module's namespace (the Ingresses name it for TLS)" })),
  (plan) =>
    plan.workloads.some((w) => podGpus(w.pod).includes("nvidia.com/gpu"))
      ? [{ id: "operator:nvidia", kind: "operator", name: "NVIDIA device plugin", detail: "GPU nodes that advertise nvidia.com/gpu" }]
      : [],
  (plan) =>
    plan.virtualMachines.length
      ? [{ id: "operator:kubevirt", kind: "operator", name: "KubeVirt", detail: "its operator and KubeVirt CR (the VirtualMachine CRD), on nodes with /dev/kvm (or `useEmulation` in the KubeVirt CR for software emulation); virtctl for consoles" }]
      : [],
  (plan) =>
    plan.virtualMachines.some((vm) => vm.disk.dataVolume)
      ? [{ id: "operator:cdi", kind: "operator", name: "Containerized Data Importer (CDI)", detail: "imports the VM disks from their URLs into DataVolumes; a default StorageClass (or set storageClassName in the DataVolume)" }]
      : [],
  (plan) => (plan.vpa?.targets.length ? [{ id: "crd:vpa", kind: "crd", name: "VerticalPodAutoscaler", detail: "the VPA CRDs and recommender" }] : []),
  (plan, config) =>
    plan.configMaps.some((c) => c.tfName === "litestream")
      ? [{ id: "service:litestream-s3", kind: "service", name: "S3 endpoint for Litestream", detail: `reachable from the pods at ${config.litestream.minioEndpoint} (\`var.minio_endpoint\`), with a bucket per SQLite app` }]
      : [],
  (plan, config) => {
    const paths = hostPaths(plan);
    const root = config.storage.root.replace(/\/+$/, "");
    const under = paths.filter((p) => underStorageRoot(p, config));
    const others = paths.filter((p) => !under.includes(p));
    return [
      ...(under.length ? [{ id: `node:${root}`, kind: "node" as const, name: `\`${root}\` on every node`, detail: "the storage root the host_path volumes live under, with the data Nomad kept there" }] : []),
      ...others.map((p) => ({ id: `node:${p}`, kind: "node" as const, name: `\`${p}\` on the nodes`, detail: "a host_path volume" })),
    ];
  },
];

function hostPaths(plan: ModulePlan): string[] {
  return [...new Set(plan.workloads.flatMap((w) => w.pod.volumes.flatMap((v) => (v.hostPath ? [readableRefs(String(v.hostPath.path))] : []))))];
}


/** A site value a module carries when `used` says so. */
interface SiteValueRule {
  key: string;
  used: (plan: ModulePlan, config: SiteConfig) => boolean;
  value: (config: SiteConfig) => string;
  siteSpecific?: true;
}

const SITE_VALUE_RULES: SiteValueRule[] = [
  { key: "namespace", used: () => true, value: (c) => c.namespace },
  { key: "tls.secretName", used: (p) => p.ingresses.some((i) => i.tlsSecret), value: (c) => c.tls.secretName, siteSpecific: true },
  { key: "ingress.className", used: (p) => p.ingresses.length > 0, value: (c) => c.ingress.className },
  { key: "storage.root", used: (p, c) => hostPaths(p).some((path) => underStorageRoot(path, c)), value: (c) => c.storage.root, siteSpecific: true },
  { key: "litestream.minioEndpoint", used: (p) => p.configMaps.some((c) => c.tfName === "litestream"), value: (c) => c.litestream.minioEndpoint, siteSpecific: true },
  { key: "secrets.storeName", used: (p) => p.externalSecrets.length > 0, value: (c) => c.secrets.storeName, siteSpecific: true },
  { key: "secrets.mount", used: (p, c) => p.vaultMounts.some((m) => m.mount === c.secrets.mount), value: (c) => c.secrets.mount },
  { key: "certManager.issuerName", used: (p) => p.certificates.length > 0, value: (c) => c.certManager.issuerName },
  // Only where it placed a GPU pod: a job's own host constraint or answer wins over it.
  { key: "gpu.node", used: (p, c) => p.workloads.some((w) => podGpus(w.pod).length > 0 && w.pod.nodeSelector?.["kubernetes.io/hostname"] === c.gpu.node.toLowerCase()), value: (c) => c.gpu.node, siteSpecific: true },
];

// The Vault mounts a module reads under another store: `secrets.mounts.<mount>`, one value each.
const mountRules = (plan: ModulePlan): SiteValueRule[] =>
  plan.vaultMounts.map((m) => ({ key: `secrets.mounts.${m.mount}`, used: (_p, c) => c.secrets.mounts[m.mount] !== undefined && m.mount !== c.secrets.mount, value: (c) => c.secrets.mounts[m.mount] ?? "" }));

const DEFAULTS = defaultSiteConfig();

/** What one converted module needs before apply. */
export function applyNeeds(plan: ModulePlan, config: SiteConfig): ApplyNeeds {
  const seen = new Set<string>();
  const prerequisites = PREREQUISITE_RULES.flatMap((rule) => rule(plan, config)).filter((p) => !seen.has(p.id) && seen.add(p.id));
  const siteValues = [...SITE_VALUE_RULES, ...mountRules(plan)].filter((r) => r.used(plan, config)).map((r): SiteValue => {
    const value = r.value(config);
    const source = value === r.value(DEFAULTS) ? "default" : "config";
    return { key: r.key, value, source, ...(r.siteSpecific && source === "default" ? { siteSpecific: true as const } : {}) };
  });
  return { prerequisites, siteValues };
}

/** The fleet's "Before you apply", added up from its jobs' entries. */
export interface BeforeApply {
  prerequisites: (Prerequisite & { jobs: string[] })[];
  siteValues: (SiteValue & { jobs: string[] })[];
  blocking: { job: string; file: string; steps: ReportDiag[] }[];
}

/** What of a job the fleet's section is added up from (small: kept in memory for a streamed report). */
export interface ApplyEntry {
  job: string;
  file: string;
  /** The module folder of a converted job, and its variables without a default (for the fleet's root module). */
  module?: string | null;
  requiredInputs?: { name: string; type: string; description: string; sensitive?: boolean }[];
  prerequisites?: Prerequisite[];
  siteValues?: SiteValue[];
  blocking: ReportDiag[];
}

const KIND_ORDER: Prerequisite["kind"][] = ["provider", "operator", "crd", "controller", "service", "node"];

export function beforeApply(entries: ApplyEntry[]): BeforeApply {
  const prereqs = new Map<string, Prerequisite & { jobs: string[] }>();
  const values = new Map<string, SiteValue & { jobs: string[] }>();
  const blocking: BeforeApply["blocking"] = [];
  for (const e of entries) {
    for (const p of e.prerequisites ?? []) {
      const at = prereqs.get(p.id) ?? { ...p, jobs: [] };
      if (!at.jobs.includes(e.job)) at.jobs.push(e.job);
      prereqs.set(p.id, at);
    }
    for (const v of e.siteValues ?? []) {
      const k = `${v.key}\u0000${v.value}`;
      const at = values.get(k) ?? { ...v, jobs: [] };
      if (!at.jobs.includes(e.job)) at.jobs.push(e.job);
      values.set(k, at);
    }
    if (e.blocking.length) blocking.push({ job: e.job, file: e.file, steps: e.blocking });
  }
  const order = (p: Prerequisite) => KIND_ORDER.indexOf(p.kind);
  return {
    prerequisites: [...prereqs.values()].sort((a, b) => order(a) - order(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    siteValues: [...values.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
    blocking,
  };
}

const jobList = (jobs: string[]) => (jobs.length > 6 ? `${jobs.slice(0, 6).map(plain).join(", ")} and ${jobs.length - 6} more` : jobs.map(plain).join(", "));

/** The "Before you apply" section of MIGRATION_REPORT.md. */
export function beforeApplyMarkdown(b: BeforeApply): string[] {
  const out = ["## Before you apply", "", "### Prerequisites", ""];
  if (!b.prerequisites.length) out.push("None.");
  for (const p of b.prerequisites) out.push(`- **${p.name}** (${p.kind}): ${p.detail}. Needed by ${jobList(p.jobs)}.`);
  out.push("", "### Site values in use", "");
  if (!b.siteValues.length) out.push("None.");
  else {
    out.push("Set in `nomad2k8s.config.json` (`nomad2k8s init` writes one with every default), then convert again.", "", "| Value | In use | Source | Used by |", "|---|---|---|---|");
    for (const v of b.siteValues) out.push(`| \`${v.key}\` | ${code(cell(v.value))} | ${v.source === "config" ? "site config" : v.siteSpecific ? "**default: another site's value, set yours**" : "default"} | ${cell(jobList(v.jobs))} |`);
  }
  out.push("", "### Required before apply", "");
  if (!b.blocking.length) out.push("Nothing.");
  for (const j of b.blocking) {
    out.push(`- **${plain(j.job || j.file)}** (${code(j.file)}):`);
    for (const d of j.steps) out.push(`  - \`${d.code}\`: ${d.message}${d.hint ? ` — ${d.hint}` : ""}`);
  }
  return out;
}
