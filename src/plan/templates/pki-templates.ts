import type { Template } from "../../nomad/model.js";
import { SecretScope, uniqueLines, type TemplateFacts } from "./go-template.js";
import { isComment, literalValue, scanActions, type Delims } from "./go-template-scan.js";
import { mount } from "../storage/pod-volumes.js";
import type { TemplateContext, TemplateResult } from "./template-context.js";
import { destinationPath, perms, taskPath } from "./template-paths.js";

/** The TLS-secret keys a PKI template writes, in order, or null when it writes anything else. */
function pkiKeys(text: string, d: Delims): string[] | null {
  const scope = new SecretScope();
  const keys: string[] = [];
  let last = 0;
  for (const a of scanActions(text, d)) {
    if (text.slice(last, a.start).trim()) return null;
    last = a.end;
    if (isComment(a.body)) continue;
    if (literalValue(a.body) !== undefined) return null;
    const step = scope.step(a.body);
    if (step.kind === "pki-field") keys.push(step.key);
    else if (step.kind !== "open-pki" && step.kind !== "end" && step.kind !== "assign") return null;
  }
  return text.slice(last).trim() ? null : keys;
}

/**
 * Vault PKI → a cert-manager Certificate whose TLS secret is mounted where the template wrote
 * the certificate, key or CA; certificate and key in one file use cert-manager's CombinedPEM.
 */
export function mapPkiTemplate(t: Template, text: string, d: Delims, facts: TemplateFacts, ctx: TemplateContext, out: TemplateResult): void {
  const where = { path: t.path, line: t.line, destination: t.destination, instances: ctx.instances };
  const certs = facts.pki.map((use) => ctx.certificates.forUse(use, where));
  const keys = pkiKeys(text, d);
  const unique = [...new Set(keys ?? [])];
  const combined = unique.length > 1 && unique.includes("tls.crt") && unique.includes("tls.key");
  // Certificate then issuing CA is a full chain, which cert-manager already writes as tls.crt.
  const chain = unique.length === 2 && unique[0] === "tls.crt" && unique[1] === "ca.crt";
  if (t.env || !keys || !unique.length || new Set(certs).size > 1 || facts.secretRefs.length || (unique.length > 1 && !combined && !chain)) {
    ctx.diags.manual("N2K-PKI-002", `template ${t.destination} renders Vault PKI data with other text or lookups (template lines ${uniqueLines(facts.pki.map((p) => p.line)).join(", ")}); it is not mounted: build the file from the Certificate's Secret (keys tls.crt, tls.key, ca.crt) by hand`, { path: t.path, line: t.line });
    return;
  }
  const cert = certs[0];
  let key = unique[0];
  if (combined) {
    cert.combinedPem = true;
    key = "tls-combined.pem";
    ctx.diags.warn("N2K-PKI-003", `template ${t.destination} holds the certificate and its private key in one file: mounted from the Certificate's tls-combined.pem (private key first, then the certificate chain${unique.includes("ca.crt") ? "; the issuing CA only if the issuer puts it in the chain" : ""})`, {
      path: t.path,
      line: t.line,
      hint: "cert-manager writes tls-combined.pem when its AdditionalCertificateOutputFormats feature is on (default since v1.15); check the app accepts this order",
    });
  }
  if (chain) {
    key = "tls.crt";
    ctx.diags.warn("N2K-PKI-003", `template ${t.destination} holds the certificate and its issuing CA: mounted from the Certificate's tls.crt, the chain cert-manager gets from the issuer`, { path: t.path, line: t.line, hint: "check the chain the issuer returns includes that CA" });
  }
  const name = ctx.pod.secret("tls", { secretName: cert.secretName, defaultMode: t.perms ? perms(t.perms) : undefined });
  out.files.push({ dest: taskPath(t.destination), mount: mount(name, destinationPath(t.destination), { subPath: key, readOnly: true }) });
  // Nomad re-rendered the file on renewal; a sub_path mount keeps the first certificate for the pod's life.
  const hours = durationHours(cert.duration);
  if (hours !== undefined && hours < 24 * 7) {
    ctx.diags.warn("N2K-PKI-006", `template ${t.destination} is mounted from the Certificate's Secret with sub_path, which never changes in a running pod: cert-manager renews the ${cert.duration} certificate, but the pod keeps the first one and holds an expired certificate ${cert.duration} after it starts unless restarted (Nomad re-rendered the file on each renewal)`, {
      path: t.path,
      line: t.line,
      hint: "restart the pod when the Secret changes (a reloader annotation), or give the Certificate a longer duration",
    });
  }
}

/** A cert-manager duration (`1h`, `90m`, `3600s`) in hours. */
function durationHours(d: string | undefined): number | undefined {
  const m = /^(\d+)(h|m|s)$/.exec(d ?? "");
  if (!m) return undefined;
  return Number(m[1]) / (m[2] === "h" ? 1 : m[2] === "m" ? 60 : 3600);
}
