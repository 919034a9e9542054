import type { SiteConfig } from "../../config/site-config.js";
import type { Diagnostics } from "../../diagnostics.js";
import { expr, tpl, type HclVal } from "../hcl-value.js";
import type { CertificatePlan } from "../model.js";
import { callArgs, type PkiUse } from "../templates/go-template.js";
import { literalValue } from "../templates/go-template-scan.js";
import { reportCertificateNames } from "../network/certificate-names.js";

// cert-manager refuses Certificates shorter than an hour.
const MIN_DURATION_S = 3600;

/** The Vault PKI parameters a Certificate can carry, and the ones it cannot. */
interface PkiRequest {
  commonName?: string;
  altNames: string[];
  ipSans: string[];
  uriSans: string[];
  ttl?: string;
  unresolved: string[];
  /** Name parameters known only per allocation (an IP, an env lookup): the Certificate cannot hold them. */
  perInstance: string[];
}

const IP = /^(\d{1,3}\.){3}\d{1,3}$|^[0-9a-f:]+:[0-9a-f:]*$/i;
const NAME_KEYS = new Set(["common_name", "alt_names", "ip_sans", "uri_sans"]);
// The allocation index as a PKI parameter can spell it, once `${…}` and `{{ env }}` reached the template.
const ALLOC_INDEX = /\$\{NOMAD_ALLOC_INDEX\}|\{\{-?\s*env\s+"NOMAD_ALLOC_INDEX"\s*-?\}\}/g;

/**
 * One call parameter as the `key=value` texts it stands for: one, or one per allocation where
 * it holds the allocation index (`consul-%s` with `env "NOMAD_ALLOC_INDEX"` → consul-0, consul-1…);
 * undefined when it depends on what only a running allocation knows.
 */
export function pkiArgValues(arg: string, instances: number): string[] | undefined {
  const perIndex = (v: string) => (v.match(ALLOC_INDEX) ? Array.from({ length: Math.max(1, instances) }, (_, i) => v.replace(ALLOC_INDEX, String(i))) : [v]);
  const known = (vs: string[]) => (vs.every((v) => /^[a-z_]+=[^{}$%]*$/s.test(v)) ? vs : undefined);
  if (!arg.startsWith("(")) return known(perIndex(arg));
  const [fn, format, ...rest] = callArgs(arg.slice(1, arg.endsWith(")") ? -1 : undefined));
  const fmt = format === undefined ? undefined : literalValue(format);
  if (fn !== "printf" || fmt === undefined) return undefined;
  const values: string[] = [];
  for (const r of rest) {
    const lit = literalValue(r) ?? (/^-?\d+$/.test(r) ? r : undefined);
    if (lit !== undefined) values.push(lit);
    else if (/^\(\s*env\s+"NOMAD_ALLOC_INDEX"\s*\)$/.test(r)) values.push("${NOMAD_ALLOC_INDEX}");
    else return undefined;
  }
  const verbs = fmt.match(/%[svd]/g) ?? [];
  if (verbs.length !== values.length || /%[^svd%]/.test(fmt.replace(/%[svd%]/g, ""))) return undefined;
  let i = 0;
  return known(perIndex(fmt.replace(/%([svd%])/g, (_, v: string) => (v === "%" ? "%" : values[i++]))));
}

function readArgs(args: string[], instances: number): PkiRequest {
  const r: PkiRequest = { altNames: [], ipSans: [], uriSans: [], unresolved: [], perInstance: [] };
  const list = (v: string) => v.split(",").map((s) => s.trim()).filter(Boolean);
  for (const a of args) {
    const values = pkiArgValues(a, instances);
    if (!values) {
      // A name parameter, or one whose key cannot be read (`$ip_sans`): the Certificate lacks a name the job asked for.
      const key = /^\(?\s*(?:printf\s+)?"?([a-z_]+)=/.exec(a)?.[1];
      (key && !NAME_KEYS.has(key) ? r.unresolved : r.perInstance).push(a);
      continue;
    }
    const byIndex = values.length > 1;
    for (const kv of values) {
      const [, k, v] = /^([a-z_]+)=(.*)$/s.exec(kv)!;
      if (k === "common_name") {
        // One common name per allocation: all of them become DNS names instead.
        if (byIndex) r.altNames.push(v);
        else r.commonName = v;
      } else if (k === "alt_names") r.altNames.push(...list(v));
      else if (k === "ip_sans") for (const ip of list(v)) (IP.test(ip) ? r.ipSans : r.perInstance).push(IP.test(ip) ? ip : `ip_sans=${ip}`);
      else if (k === "uri_sans") r.uriSans.push(...list(v));
      else if (k === "ttl") r.ttl = v;
      else if (!["format", "private_key_format", "exclude_cn_from_sans"].includes(k)) r.unresolved.push(kv);
    }
  }
  return r;
}

/** A Vault TTL (`24h`, `30d`, `3600`) as a cert-manager duration, at least one hour. */
export function certDuration(ttl: string): { duration: string; clamped: boolean } | undefined {
  const m = /^(\d+)(s|m|h|d)?$/.exec(ttl.trim());
  if (!m) return undefined;
  const secs = Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[(m[2] ?? "s") as "s"];
  const s = Math.max(secs, MIN_DURATION_S);
  const duration = s % 3600 === 0 ? `${s / 3600}h` : s % 60 === 0 ? `${s / 60}m` : `${s}s`;
  return { duration, clamped: secs < MIN_DURATION_S };
}

/** The module's cert-manager Certificates: one per distinct PKI call (path and parameters). */
export class ModuleCertificates {
  readonly list: CertificatePlan[] = [];
  private readonly byCall = new Map<string, CertificatePlan>();
  constructor(
    private readonly config: SiteConfig,
    private readonly diags: Diagnostics,
  ) {}

  /** The Certificate for one PKI call; the first call of a kind also records the manual step. */
  forUse(use: PkiUse, where: { path: string; line?: number; destination: string; instances: number }): CertificatePlan {
    const callKey = JSON.stringify([use.path, use.args]);
    const found = this.byCall.get(callKey);
    if (found) return found;
    const n = this.list.length + 1;
    const suffix = n === 1 ? "-tls" : `-tls-${n}`;
    const name: HclVal = tpl(expr("local.app_name"), suffix);
    const req = readArgs(use.args, where.instances);
    const names = [req.commonName, ...req.altNames].filter((x): x is string => !!x);
    const dns = names.filter((x) => !IP.test(x));
    const ips = [...names.filter((x) => IP.test(x)), ...req.ipSans];
    const notes: string[] = [];
    const dnsNames: HclVal[] = [...new Set(dns)];
    if (!dnsNames.length && !ips.length && !req.uriSans.length) {
      // A Certificate needs a name; the Vault role chose one, so take the Service name.
      dnsNames.push(tpl(expr("local.app_name"), ".", expr("var.namespace"), ".svc"));
      notes.push("the Vault call names no host, so the Certificate is for the app's Service name");
    }
    const ttl = req.ttl ? certDuration(req.ttl) : undefined;
    if (req.ttl && !ttl) notes.push(`ttl=${req.ttl} is not a duration nomad2k8s reads; cert-manager's default (90 days) applies`);
    if (ttl?.clamped) notes.push(`ttl=${req.ttl} is raised to ${ttl.duration}, cert-manager's minimum`);
    if (req.unresolved.length) notes.push(`parameters not carried over: ${req.unresolved.join(", ")}`);
    const cert: CertificatePlan = {
      tfName: n === 1 ? "certificate" : `certificate_${n}`,
      name,
      secretName: name,
      commonName: req.commonName && !IP.test(req.commonName) ? req.commonName : undefined,
      dnsNames,
      ipAddresses: [...new Set(ips)],
      uris: req.uriSans,
      duration: ttl?.duration,
      issuerName: this.config.certManager.issuerName,
      issuerKind: this.config.certManager.issuerKind,
      combinedPem: false,
    };
    this.list.push(cert);
    this.byCall.set(callKey, cert);
    reportCertificateNames(cert, this.diags, where.path, where.line);
    if (req.perInstance.length) {
      this.diags.manual("N2K-PKI-004", `Vault PKI ${use.path} read by template ${where.destination} asks for names only a running allocation knows (${req.perInstance.join(", ")}): the Certificate kubectl_manifest.${cert.tfName} leaves them out`, {
        path: where.path,
        line: where.line,
        blocking: true,
        hint: "add to the Certificate's dnsNames/ipAddresses the names clients dial (a Service name, a fixed address), or issue one certificate per pod (cert-manager csi-driver)",
      });
    }
    const shown = [req.commonName && `common_name=${req.commonName}`, req.altNames.length && `alt_names=${req.altNames.join(",")}`, req.ipSans.length && `ip_sans=${req.ipSans.join(",")}`].filter(Boolean).join(" ");
    this.diags.manual(
      "N2K-PKI-001",
      `Vault PKI ${use.path}${shown ? ` (${shown})` : ""} read by template ${where.destination} becomes the cert-manager Certificate kubectl_manifest.${cert.tfName}, issued by ${cert.issuerKind} "${cert.issuerName}"${notes.length ? `; ${notes.join("; ")}` : ""}`,
      { path: where.path, line: where.line, hint: "check the issuer may sign these names; files mounted with sub_path do not change when cert-manager renews, so restart the pod (e.g. with a reloader) before the certificate expires" },
    );
    return cert;
  }
}
