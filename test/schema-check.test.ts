import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkManifest } from "../src/check/check-manifest.js";
import { checkModules } from "../src/check/check-modules.js";
import { formatProblem } from "../src/check/check-schema.js";
import { runCli, scratch } from "./cli-helpers.js";
import { GOLDEN, goldenCases, readTree, ROOT } from "./helpers.js";

// The provider-schema and CRD-shape check that `--verify` and `nomad2k8s check` run, with the
// schema shipped in data/: no Terraform, no cluster, nothing outside the repository.

function tfOnly(dir: string, prefix: string): Record<string, string> {
  return Object.fromEntries(Object.entries(readTree(dir)).filter(([f]) => f.endsWith(".tf")).map(([f, t]) => [`${prefix}/${f}`, t]));
}

const WRONG_MODULE = `resource "kubernetes_deployment" "web" {
  metadata {
    name = "web"
    uid  = "fixed"
  }
  metadata {
    name = "again"
  }
  spec {
    min_ready_seconds = "soon"
    selector {
      match_labels = { app = "web" }
    }
    template {
      metadata {
        labels = ["web"]
      }
      spec {
        container {
          name      = "web"
          image     = "nginx"
          bogus     = true
          resources = { limits = { cpu = "1" } }
          port {
          }
        }
      }
    }
  }
}

resource "kubernetes_service" "web" {
  spec {
    port {
      port = 80
    }
  }
}

resource "kubernetes_podcast" "x" {
}
`;

describe("provider schema check", () => {
  it("passes modules-k8s and every golden expected tree", async () => {
    const files = { ...tfOnly(join(ROOT, "modules-k8s"), "modules-k8s") };
    for (const c of goldenCases()) Object.assign(files, tfOnly(join(GOLDEN, c, "expected"), c));
    const r = await checkModules(files);
    expect(r.problems.map(formatProblem)).toEqual([]);
    expect(r.resources).toBeGreaterThan(80);
  });

  it("names the file, the resource and the attribute path of each problem", async () => {
    const r = await checkModules({ "bad/main.tf": WRONG_MODULE });
    expect(r.problems.map(formatProblem)).toEqual([
      "bad/main.tf: kubernetes_deployment.web: metadata: 2 blocks, at most 1 allowed",
      "bad/main.tf: kubernetes_deployment.web: metadata[0].uid: is read-only: the provider computes it",
      "bad/main.tf: kubernetes_deployment.web: spec.min_ready_seconds: expects number, got \"soon\"",
      "bad/main.tf: kubernetes_deployment.web: spec.template.metadata.labels: expects map(string), got a list",
      "bad/main.tf: kubernetes_deployment.web: spec.template.spec.container.bogus: unknown attribute or block (not in the provider schema)",
      "bad/main.tf: kubernetes_deployment.web: spec.template.spec.container.port.container_port: required attribute missing",
      "bad/main.tf: kubernetes_deployment.web: spec.template.spec.container.resources: is a block: write resources { ... }, not resources = ...",
      "bad/main.tf: kubernetes_podcast.x: resource type \"kubernetes_podcast\" is not in the provider schema (hashicorp/kubernetes 2.38.0)",
      "bad/main.tf: kubernetes_service.web: metadata: required block missing (at least 1)",
    ]);
    expect(r.problems.every((p) => p.code === "N2K-SCHEMA-001")).toBe(true);
  });

  it("reports a file that does not parse", async () => {
    const r = await checkModules({ "m/main.tf": 'resource "x" "y" {\n' });
    expect(r.problems.map((p) => [p.code, p.file])).toEqual([["N2K-SCHEMA-003", "m/main.tf"]]);
  });
});

const CERT = {
  apiVersion: "cert-manager.io/v1",
  kind: "Certificate",
  metadata: { name: "web-tls", namespace: "${var.namespace}" },
  spec: {
    secretName: "web-tls",
    issuerRef: { name: "vault-pki", kind: "ClusterIssuer", group: "cert-manager.io" },
    commonName: "web.example.com",
    dnsNames: ["web.example.com", "${var.hostname}"],
    ipAddresses: ["10.0.0.1"],
    duration: "2160h",
    renewBefore: "360h",
    usages: ["server auth", "client auth"],
    privateKey: { algorithm: "ECDSA", size: 256, rotationPolicy: "Always" },
  },
};

describe("kubectl_manifest shapes", () => {
  it("accepts a valid cert-manager Certificate and rejects a wrong one", () => {
    expect(checkManifest(CERT)).toEqual([]);
    const wrong = { ...CERT, spec: { ...CERT.spec, issuerRef: { kind: "ClusterIssuer" }, dnsNames: "web.example.com", usages: ["server-auth"], privateKey: { algorithm: "DSA", size: "big" }, secret: "x" } };
    expect(checkManifest(wrong).map((p) => `${p.path}: ${p.message}`)).toEqual([
      "yaml_body.spec.issuerRef.name: required field missing",
      "yaml_body.spec.dnsNames: expects a list, got \"web.example.com\"",
      "yaml_body.spec.usages[0]: \"server-auth\" is not one of \"signing\", \"digital signature\", \"content commitment\", \"key encipherment\", \"key agreement\", \"data encipherment\", \"cert sign\", \"crl sign\", \"encipher only\", \"decipher only\", \"any\", \"server auth\", \"client auth\", \"code signing\", \"email protection\", \"s/mime\", \"ipsec end system\", \"ipsec tunnel\", \"ipsec user\", \"timestamping\", \"ocsp signing\", \"microsoft sgc\", \"netscape sgc\"",
      "yaml_body.spec.privateKey.algorithm: \"DSA\" is not one of \"RSA\", \"ECDSA\", \"Ed25519\"",
      "yaml_body.spec.privateKey.size: expects an integer, got \"big\"",
      "yaml_body.spec.secret: unknown field (not in the CRD)",
    ]);
    const { secretName: _s, ...noSecret } = CERT.spec;
    expect(checkManifest({ ...CERT, spec: noSecret }).map((p) => p.path)).toEqual(["yaml_body.spec.secretName"]);
  });

  it("checks ExternalSecret and VerticalPodAutoscaler bodies, and refuses an unknown kind", () => {
    const es = { apiVersion: "external-secrets.io/v1", kind: "ExternalSecret", metadata: { name: "a" }, spec: { secretStoreRef: { name: "vault", kind: "ClusterSecretStore" }, target: { name: "a", template: { engineVersion: "v3" } }, data: [{ secretKey: "K", remoteRef: { property: "k" } }] } };
    expect(checkManifest(es).map((p) => `${p.path}: ${p.message}`)).toEqual([
      "yaml_body.spec.target.template.engineVersion: \"v3\" is not one of \"v1\", \"v2\"",
      "yaml_body.spec.data[0].remoteRef.key: required field missing",
    ]);
    const vpa = { apiVersion: "autoscaling.k8s.io/v1", kind: "VerticalPodAutoscaler", metadata: { name: "a" }, spec: { targetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "a" }, updatePolicy: { updateMode: "Sometimes" } } };
    expect(checkManifest(vpa).map((p) => p.path)).toEqual(["yaml_body.spec.updatePolicy.updateMode"]);
    expect(checkManifest({ apiVersion: "traefik.io/v1alpha1", kind: "TLSOption", metadata: { name: "m" } })[0].message).toMatch(/no CRD shape known/);
    const mw = { apiVersion: "traefik.io/v1alpha1", kind: "Middleware", metadata: { name: "m" }, spec: { stripPrefix: { prefixes: "/a" }, basicAuth: { users: ["u:h"] } } };
    expect(checkManifest(mw).map((p) => p.path)).toEqual(["yaml_body.spec.stripPrefix.prefixes", "yaml_body.spec.basicAuth.users"]);
    const route = { apiVersion: "traefik.io/v1alpha1", kind: "IngressRoute", metadata: { name: "r" }, spec: { routes: [{ kind: "Rule", services: [{ name: "s", port: 80 }] }] } };
    expect(checkManifest(route).map((p) => p.path)).toEqual(["yaml_body.spec.routes[0].match"]);
  });

  it("reads the manifest from yamlencode() in a module, expressions left alone", async () => {
    const tf = `resource "kubectl_manifest" "cert" {
  yaml_body = yamlencode({
    apiVersion = "cert-manager.io/v1"
    kind       = "Certificate"
    metadata   = { name = "\${local.app_name}-tls", namespace = var.namespace }
    spec = {
      secretName = "\${local.app_name}-tls"
      issuerRef  = { name = var.issuer, kind = "ClusterIssuer" }
      dnsNames   = [for h in var.hosts : h]
      duration   = 2160
    }
  })
}
`;
    const r = await checkModules({ "m/pki.tf": tf });
    expect(r.problems.map(formatProblem)).toEqual(["m/pki.tf: kubectl_manifest.cert: yaml_body.spec.duration: expects a string, got 2160"]);
    expect(r.problems[0].code).toBe("N2K-SCHEMA-002");
  });
});

describe("nomad2k8s check", () => {
  it("prints each problem and a summary, and exits 1", async () => {
    const dir = scratch(false);
    mkdirSync(join(dir, "mods", "bad"), { recursive: true });
    writeFileSync(join(dir, "mods", "bad", "main.tf"), WRONG_MODULE);
    const r = await runCli(["check", "--no-terraform", "mods"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("error N2K-SCHEMA-001 mods/bad/main.tf: kubernetes_deployment.web: spec.template.spec.container.bogus: unknown attribute or block");
    expect(r.stdout.trim().split("\n").slice(-2)).toEqual(["schema: 1 files, 3 resources, 9 problems", "terraform: skipped (--no-terraform); the checks above ran"]);
    expect((await runCli(["check", "nope"], dir)).code).toBe(2);
  });

  it("passes the committed examples (and Terraform passes them, where it is on PATH)", async () => {
    const r = await runCli(["check", "modules-k8s"], ROOT);
    expect(existsSync(join(ROOT, "modules-k8s"))).toBe(true);
    expect(r.stdout).toMatch(/^schema: 33 files, \d+ resources, 0 problems\nterraform: (8 modules, 0 problems \(init, validate, plan against the provider stand-in\)|skipped \(terraform is not on PATH\); the checks above ran)\n$/);
    expect(r.code).toBe(0);
  });
});
