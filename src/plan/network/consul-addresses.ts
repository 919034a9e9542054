import type { Diagnostics } from "../../diagnostics.js";

/** A Consul DNS name in a value: `[tag.]name.service[.dc].consul[:port]` or `name.virtual[…].consul[:port]`. */
export interface ConsulAddress {
  /** The text as written, port included. */
  text: string;
  service: string;
  tag?: string;
  port?: number;
  kind: "service" | "virtual";
}

// The label right before `.service` is the service; one label before it is a tag (Consul's
// `tag.name.service.consul`); labels between `.service`/`.virtual` and `.consul` are a
// datacenter, namespace or partition. SRV names (`_name._tcp.service.consul`) are no dial address.
const ADDRESS = /(?<![\w.-])(?:([A-Za-z0-9][\w-]*)\.)?([A-Za-z0-9][\w-]*)\.(service|virtual)((?:\.[A-Za-z0-9-]+){0,4}?)\.consul\b(?::(\d{1,5})\b)?/g;
const ANY_CONSUL = /\.(service|virtual)(\.[a-z0-9-]+)*\.consul\b/i;

/** The Consul addresses written in a text, in order. */
export function consulAddresses(text: string): ConsulAddress[] {
  return [...text.matchAll(ADDRESS)].map((m) => ({ text: m[0], service: m[2].toLowerCase(), ...(m[1] ? { tag: m[1] } : {}), ...(m[5] ? { port: Number(m[5]) } : {}), kind: m[3] as "service" | "virtual" }));
}

/** Replaces each Consul address of a text by what `to` gives (undefined keeps it). */
export function replaceConsulAddresses(text: string, to: (a: ConsulAddress) => string | undefined): string {
  return text.replace(ADDRESS, (all: string) => to(consulAddresses(all)[0]) ?? all);
}

// The HashiCorp servers themselves: never a job of the fleet, so the hint says where to look.
const INFRA: Record<string, string> = { consul: "the Consul servers", nomad: "the Nomad servers", vault: "the Vault servers" };

/** What a Consul address should become in Kubernetes, as the manual step words it. */
export function replacementFor(a: ConsulAddress): string {
  const infra = INFRA[a.service];
  if (infra) return `the address of ${infra} as reachable from the cluster (Kubernetes has no Service for them)`;
  return `the Kubernetes Service that serves ${a.service}: <service>.<namespace>.svc.cluster.local${a.port !== undefined ? `:${a.port}` : ""} (an ExternalName Service named ${a.service} if it stays outside the cluster)`;
}

/** The manual step's text for one address; the cross-job pass finds it again by this text. */
export const addressStep = (address: string, where: string): string => `Consul address ${address} in ${where}: no job of this run registers "${consulAddresses(address)[0]?.service ?? address}"`;

/**
 * A Consul DNS name in a value is a manual step, one per address, naming what replaces it; the
 * cross-job pass rewrites the ones a job of the run serves. `where` names the field.
 */
export function reportConsulAddresses(text: string, diags: Diagnostics, path: string, where: string, line?: number): void {
  const found = consulAddresses(text);
  const seen = new Set<string>();
  for (const a of found) {
    if (seen.has(a.text)) continue;
    seen.add(a.text);
    diags.manual("N2K-CONSUL-001", addressStep(a.text, where), { path, ...(line ? { line } : {}), hint: `replace it with ${replacementFor(a)}` });
  }
  // An SRV name or another Consul form: still a lookup nobody answers in Kubernetes.
  const rest = replaceConsulAddresses(text, () => "");
  if (ANY_CONSUL.test(rest)) {
    // A name built by a template (`{{ .Name }}.service.consul`) is quoted with what builds it.
    const name = /(?:\{\{[^{}]*\}\})?[^\s"'`(]*\.(?:service|virtual)(?:\.[a-z0-9-]+)*\.consul\b/i.exec(rest)![0];
    diags.manual("N2K-CONSUL-001", `Consul DNS name ${name} in ${where}: Kubernetes DNS does not answer it`, { path, ...(line ? { line } : {}), hint: "replace it with the Kubernetes Service DNS name (<service>.<namespace>.svc.cluster.local; SRV: _<port name>._tcp.<service>.<namespace>.svc.cluster.local)" });
  }
}
