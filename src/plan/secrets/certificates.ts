import type { SiteConfig } from "../../config/site-config.js";
import type { Diagnostics } from "../../diagnostics.js";
import { expr, tpl, type HclVal } from "../hcl-value.js";
import type { CertificatePlan } from "../model.js";
import type { PkiUse } from "../templates/go-template.js";

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
}

function readArgs(args: string[]): PkiRequest {
  const r: PkiRequest = { altNames: [], ipSans: [], uriSans: [], unresolved: [] };
  const list = (v: string) => v.split(",").map((s) => s.trim()).filter(Boolean);
  for (const a of args) {
    const kv = /^([a-z_]+)=(.*)$/s.exec(a);
    if (!kv || /[{$]/.test(kv[2])) {
      r.unresolved.push(a);
      continue;
    }
    const [, k, v] = kv;
    if (k === "common_name") r.commonName = v;
    else if (k === "alt_names") r.altNames.push(...list(v));
    else if (k === "ip_sans") r.ipSans.push(...list(v));
    else if (k === "uri_sans") r.uriSans.push(...list(v));
    else if (k === "ttl") r.ttl = v;
    else if (!["format", "private_key_format", "exclude_cn_from_sans"].includes(k)) r.unresolved.push(a);
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

const IP = /^(\d{1,3}\.){3}\d{1,3}$|^[0-9a-f:]+:[0-9a-f:]*$/i;

/** The module's cert-manager Certificates: one per distinct PKI call (path and parameters). */
export class ModuleCertificates {
  readonly list: CertificatePlan[] = [];
  private readonly byCall = new Map<string, CertificatePlan>();
  constructor(
    private readonly config: SiteConfig,
    private readonly diags: Diagnostics,
  ) {}

  /** The Certificate for one PKI call; the first call of a kind also records the manual step. */
  forUse(use: PkiUse, where: { path: string; line?: number; destination: string }): CertificatePlan {
    const callKey = JSON.stringify([use.path, use.args]);
    const found = this.byCall.get(callKey);
    if (found) return found;
    const n = this.list.length + 1;
    const suffix = n === 1 ? "-tls" : `-tls-${n}`;
    const name: HclVal = tpl(expr("local.app_name"), suffix);
    const req = readArgs(use.args);
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
    const shown = [req.commonName && `common_name=${req.commonName}`, req.altNames.length && `alt_names=${req.altNames.join(",")}`, req.ipSans.length && `ip_sans=${req.ipSans.join(",")}`].filter(Boolean).join(" ");
    this.diags.manual(
      "N2K-PKI-001",
      `Vault PKI ${use.path}${shown ? ` (${shown})` : ""} read by template ${where.destination} becomes the cert-manager Certificate kubectl_manifest.${cert.tfName}, issued by ${cert.issuerKind} "${cert.issuerName}"${notes.length ? `; ${notes.join("; ")}` : ""}`,
      { path: where.path, line: where.line, hint: "check the issuer may sign these names; files mounted with sub_path do not change when cert-manager renews, so restart the pod (e.g. with a reloader) before the certificate expires" },
    );
    return cert;
  }
}
