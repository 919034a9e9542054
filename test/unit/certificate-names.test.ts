import { describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/diagnostics.js";
import { readableRefs } from "../../src/plan/hcl-value.js";
import type { CertificatePlan, ModulePlan } from "../../src/plan/model.js";
import { certificateServices, reportCertificateNames, rewriteCertificateNames } from "../../src/plan/network/certificate-names.js";

const cert = (): CertificatePlan => ({ tfName: "certificate", name: "x-tls", secretName: "x-tls", commonName: "api.service.consul", dnsNames: ["api.service.consul", "blue.api.service.consul", "other.service.consul", "api.example.org"], ipAddresses: [], uris: [], issuerName: "i", issuerKind: "ClusterIssuer", combinedPem: false });

describe("Certificate names that were Consul names", () => {
  it("become the Kubernetes Service a job of the run registers; the others stay with their warning", () => {
    const c = cert();
    const plan = { dir: "api", certificates: [c], variables: [{ name: "namespace", type: "string", default: "default" }] } as unknown as ModulePlan;
    const diags = new Diagnostics();
    expect(certificateServices(c)).toEqual(["api", "api", "api", "other"]);
    reportCertificateNames(c, diags, "job.api.group.g.task.t.template[0]", 12);
    expect(diags.items.map((d) => [d.severity, d.message.split(":")[0]])).toEqual([["warning", "Certificate kubectl_manifest.certificate is for api.service.consul, blue.api.service.consul, other.service.consul"]]);
    rewriteCertificateNames(plan, new Map([["api", { host: "api.default.svc.cluster.local", module: "api", hostPorts: {}, ports: {} }]]), diags);
    expect(readableRefs(c.commonName!)).toBe("api.${var.namespace}.svc.cluster.local");
    expect(c.dnsNames.map((n) => readableRefs(String(n)))).toEqual(["api.${var.namespace}.svc.cluster.local", "other.service.consul", "api.example.org"]);
    expect(diags.items.map((d) => [d.severity, d.changed ?? false, d.line])).toEqual([
      ["warning", false, 12],
      ["info", true, 12],
    ]);
    expect(diags.items[0].message).toMatch(/is for other\.service\.consul: no job of this run registers "other"/);
  });
});
