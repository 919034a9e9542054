import type { Diagnostics } from "../../diagnostics.js";
import { readableRefs } from "../hcl-value.js";
import type { CertificatePlan, ModulePlan } from "../model.js";
import { consulAddresses, type ConsulAddress } from "./consul-addresses.js";
import { hostFor, namespaceNote, type DirectoryEntry } from "./service-directory.js";

// A Vault PKI certificate for `web.service.consul` was for the name clients dialled on Nomad.
// In the cluster they dial the Kubernetes Service (the address rewrites put that name in their
// config), so the Certificate carries the Service's DNS name instead: a TLS client checks the
// name it dialled against the certificate.

/** The Consul name a certificate name is, whole (`web.service.consul`, `primary.db.service.dc1.consul`). */
function consulName(name: string): ConsulAddress | undefined {
  const [a] = consulAddresses(name);
  return a && a.text === name && a.port === undefined ? a : undefined;
}

/** The Consul services a Certificate's names stand for (the cross-job pass looks them up). */
export function certificateServices(cert: CertificatePlan): string[] {
  return [cert.commonName, ...cert.dnsNames].flatMap((n) => (typeof n === "string" ? [consulName(n)?.service ?? ""] : [])).filter(Boolean);
}

const STEP = (tfName: string) => `Certificate kubectl_manifest.${tfName} is for `;

/** The warning's text for the Consul names a Certificate still holds. */
function stepMessage(tfName: string, names: ConsulAddress[]): string {
  const services = [...new Set(names.map((a) => `"${a.service}"`))];
  return `${STEP(tfName)}${names.map((a) => a.text).join(", ")}: no job of this run registers ${services.join(", ")}, and nothing in Kubernetes resolves a .consul name, so no client dials ${names.length > 1 ? "them" : "it"}`;
}

const consulNames = (cert: CertificatePlan): ConsulAddress[] => {
  const seen = new Set<string>();
  return [cert.commonName, ...cert.dnsNames].flatMap((n) => {
    const a = typeof n === "string" ? consulName(n) : undefined;
    return a && !seen.has(a.text) && seen.add(a.text) ? [a] : [];
  });
};

/**
 * When planned: a Certificate's Consul names are a warning (nothing in Kubernetes resolves
 * .consul names); the cross-job pass rewrites the ones a job of the run registers.
 */
export function reportCertificateNames(cert: CertificatePlan, diags: Diagnostics, path: string, line?: number): void {
  const names = consulNames(cert);
  if (!names.length) return;
  diags.warn("N2K-PKI-005", stepMessage(cert.tfName, names), {
    path,
    ...(line ? { line } : {}),
    hint: "put in the Certificate's commonName/dnsNames the name clients dial (<service>.<namespace>.svc.cluster.local), in an override file",
  });
}

/** Rewrites the Consul names of a plan's Certificates to the Services of jobs of the run; reports each. */
export function rewriteCertificateNames(plan: ModulePlan, directory: Map<string, DirectoryEntry>, diags: Diagnostics): void {
  for (const cert of plan.certificates) {
    const done: string[] = [];
    const used: DirectoryEntry[] = [];
    const to = (name: string): string => {
      const a = consulName(name);
      const entry = a && directory.get(a.service);
      if (!entry) return name;
      const host = hostFor(entry, plan);
      used.push(entry);
      if (!done.some((d) => d.startsWith(`${name} →`))) done.push(`${name} → ${readableRefs(host)}`);
      return host;
    };
    if (cert.commonName) cert.commonName = to(cert.commonName);
    cert.dnsNames = [...new Set(cert.dnsNames.map((n) => (typeof n === "string" ? to(n) : n)))];
    if (!done.length) continue;
    const step = diags.items.find((d) => d.code === "N2K-PKI-005" && d.message.startsWith(STEP(cert.tfName)));
    const left = consulNames(cert);
    if (step && left.length) step.message = stepMessage(cert.tfName, left);
    else if (step) diags.items.splice(diags.items.indexOf(step), 1);
    const at = step ? { path: step.path, ...(step.line ? { line: step.line } : {}) } : {};
    diags.changed("N2K-PKI-005", `Certificate kubectl_manifest.${cert.tfName}: the Consul name${done.length > 1 ? "s" : ""} Vault issued it for become${done.length > 1 ? "" : "s"} the Kubernetes Service clients dial now: ${done.join("; ")} (${namespaceNote(used, plan)})`, at);
  }
}
