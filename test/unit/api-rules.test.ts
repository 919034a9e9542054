// One broken module per Kubernetes API rule: the base module passes, each edit of it must be
// caught, with the path and the words that say why.
import { describe, expect, it } from "vitest";
import { checkModules } from "../../src/check/check-modules.js";

const BASE = `
locals {
  app_name = "web"
  labels   = { app = local.app_name, "app.kubernetes.io/part-of" = "shop" }
}

variable "namespace" {
  type    = string
  default = "default"
}

variable "schedule" {
  type    = string
  default = "*/5 * * * *"
}

resource "kubernetes_deployment" "web" {
  metadata {
    name      = local.app_name
    namespace = var.namespace
    labels    = local.labels
  }
  spec {
    selector {
      match_labels = { app = local.app_name }
    }
    template {
      metadata {
        labels = local.labels
      }
      spec {
        container {
          name  = "app"
          image = "nginx:1"
          port {
            name           = "http"
            container_port = 8080
          }
          port {
            name           = "metrics"
            container_port = 9100
          }
          env {
            name  = "MODE"
            value = "prod"
          }
          resources {
            requests = { cpu = "100m", memory = "128Mi" }
            limits   = { cpu = "500m", memory = "512Mi" }
          }
          liveness_probe {
            http_get {
              path = "/"
              port = 8080
            }
          }
          volume_mount {
            name       = "config"
            mount_path = "/etc/app/app.conf"
            sub_path   = "app.conf"
          }
          volume_mount {
            name       = "tls"
            mount_path = "/etc/tls/tls.crt"
            sub_path   = "tls.crt"
          }
          volume_mount {
            name       = "secrets"
            mount_path = "/etc/app/token"
            sub_path   = "token"
          }
        }
        volume {
          name = "config"
          config_map {
            name = kubernetes_config_map.web.metadata[0].name
          }
        }
        volume {
          name = "tls"
          secret {
            secret_name = "\${local.app_name}-tls"
          }
        }
        volume {
          name = "secrets"
          secret {
            secret_name = "\${local.app_name}-secrets"
          }
        }
      }
    }
  }
}

resource "kubernetes_cron_job_v1" "cleanup" {
  metadata {
    name      = "\${local.app_name}-cleanup"
    namespace = var.namespace
  }
  spec {
    schedule = var.schedule
    job_template {
      metadata {}
      spec {
        template {
          metadata {}
          spec {
            restart_policy = "OnFailure"
            container {
              name  = "cleanup"
              image = "busybox:1"
            }
          }
        }
      }
    }
  }
}

resource "kubernetes_config_map" "web" {
  metadata {
    name      = "\${local.app_name}-config"
    namespace = var.namespace
  }
  data = {
    "app.conf" = "listen 8080"
  }
}

resource "kubernetes_service" "web" {
  metadata {
    name      = local.app_name
    namespace = var.namespace
  }
  spec {
    selector = { app = local.app_name }
    port {
      name        = "http"
      port        = 80
      target_port = "http"
    }
    port {
      name        = "metrics"
      port        = 9100
      target_port = 9100
    }
  }
}

resource "kubernetes_ingress_v1" "web" {
  metadata {
    name      = local.app_name
    namespace = var.namespace
    annotations = {
      "traefik.ingress.kubernetes.io/router.middlewares" = "\${var.namespace}-web-strip-prefix@kubernetescrd"
    }
  }
  spec {
    rule {
      http {
        path {
          path = "/"
          backend {
            service {
              name = kubernetes_service.web.metadata[0].name
              port {
                number = 80
              }
            }
          }
        }
      }
    }
  }
}

resource "kubectl_manifest" "external_secret" {
  yaml_body = yamlencode({
    apiVersion = "external-secrets.io/v1"
    kind       = "ExternalSecret"
    metadata = {
      name      = "\${local.app_name}-secrets"
      namespace = var.namespace
    }
    spec = {
      secretStoreRef = { name = "vault", kind = "ClusterSecretStore" }
      target         = { name = "\${local.app_name}-secrets" }
      data = [
        {
          secretKey = "token"
          remoteRef = { key = "web", property = "token" }
        },
      ]
    }
  })
}

resource "kubectl_manifest" "certificate" {
  yaml_body = yamlencode({
    apiVersion = "cert-manager.io/v1"
    kind       = "Certificate"
    metadata = {
      name      = "\${local.app_name}-tls"
      namespace = var.namespace
    }
    spec = {
      secretName  = "\${local.app_name}-tls"
      dnsNames    = ["web.example.org"]
      ipAddresses = ["10.0.0.5"]
      issuerRef   = { name = "vault", kind = "ClusterIssuer", group = "cert-manager.io" }
    }
  })
}
`;

async function problems(text: string): Promise<string[]> {
  const { problems } = await checkModules({ "web/main.tf": text });
  return problems.map((p) => `${p.code} ${p.resource} ${p.path}: ${p.message}`);
}

/** Replaces one exact piece of the base module (it must be there). */
function broken(from: string, to: string): string {
  expect(BASE).toContain(from);
  return BASE.replace(from, to);
}

describe("Kubernetes API rules", () => {
  it("passes the base module", async () => {
    expect(await problems(BASE)).toEqual([]);
  });

  const cases: [string, string, string, RegExp][] = [
    ["object names are DNS-1123 subdomains", 'name      = "${local.app_name}-config"', 'name      = "${local.app_name}_Config"', /kubernetes_config_map\.web metadata\.name: .*DNS-1123 subdomain/],
    ["Service names are DNS-1035 labels", 'resource "kubernetes_service" "web" {\n  metadata {\n    name      = local.app_name', 'resource "kubernetes_service" "web" {\n  metadata {\n    name      = "1web"', /N2K-API-001 kubernetes_service\.web metadata\.name: .*DNS-1035/],
    ["CronJob names stop at 52 characters", '"${local.app_name}-cleanup"', `"\${local.app_name}-${"c".repeat(50)}"`, /kubernetes_cron_job_v1\.cleanup metadata\.name: .*at most 52/],
    ["port names are IANA_SVC_NAMEs", 'name           = "metrics"', 'name           = "prometheus-metrics"', /port\[1\]\.name: port name "prometheus-metrics" is longer than 15/],
    ["port names are unique per container", 'name           = "metrics"', 'name           = "http"', /port\[1\]\.name: port name "http" is used twice/],
    ["(port, protocol) is unique per container", "container_port = 9100", "container_port = 8080", /port\[1\]: port 8080\/TCP is declared twice/],
    ["ports are 1-65535", "container_port = 9100", "container_port = 0", /container_port: port 0 is outside 1-65535/],
    ["label keys are qualified names", '"app.kubernetes.io/part-of" = "shop"', '"app.kubernetes.io/part of" = "shop"', /metadata\.labels: label key "app\.kubernetes\.io\/part of"/],
    ["label values are qualified names", '"app.kubernetes.io/part-of" = "shop"', '"app.kubernetes.io/part-of" = "shop front"', /label value "shop front" is not valid/],
    ["ConfigMap keys", '"app.conf" = "listen 8080"', '"app conf" = "listen 8080"', /data\.app conf: key "app conf" is not a valid ConfigMap\/Secret key/],
    ["env names", 'name  = "MODE"', 'name  = "1MODE"', /env\[0\]\.name: env name "1MODE" is not valid/],
    ["quantities", 'cpu = "100m", memory = "128Mi"', 'cpu = "100m", memory = "128MB"', /requests\.memory: "128MB" is not a quantity/],
    ["request ≤ limit", 'cpu = "100m", memory = "128Mi"', 'cpu = "1", memory = "128Mi"', /requests\.cpu: request 1 is above the limit 500m/],
    ["every volume_mount names a volume", 'name       = "config"\n            mount_path', 'name       = "settings"\n            mount_path', /volume_mount\[0\]\.name: mounts volume "settings", which the pod does not declare/],
    ["ConfigMap sub paths are keys", 'sub_path   = "app.conf"', 'sub_path   = "main.conf"', /volume_mount\[0\]\.sub_path: sub path "main\.conf" is no key of the ConfigMap/],
    ["ExternalSecret sub paths are its keys", 'sub_path   = "token"', 'sub_path   = "password"', /volume_mount\[2\]\.sub_path: sub path "password" is no key of the Secret \(keys: token\)/],
    ["Certificate sub paths are its keys", 'sub_path   = "tls.crt"', 'sub_path   = "tls-combined.pem"', /volume_mount\[1\]\.sub_path: sub path "tls-combined\.pem" is no key/],
    ["one handler per probe", 'liveness_probe {\n            http_get {', 'liveness_probe {\n            tcp_socket {\n              port = 8080\n            }\n            http_get {', /liveness_probe: has 2 handlers/],
    ["init containers take no probes", 'container {\n          name  = "app"', 'init_container {\n          name  = "app"', /init_container\[0\]\.liveness_probe: an init container takes no probes/],
    ["Job restart policy", 'restart_policy = "OnFailure"', 'restart_policy = "Always"', /restart_policy: a Job's pods need restart_policy "OnFailure" or "Never", not "Always"/],
    ["CronJob schedule", 'default = "*/5 * * * *"', 'default = "0 */5 * * * *"', /spec\.schedule: schedule "0 \*\/5 \* \* \* \*" has 6 fields/],
    ["Ingress backends name a Service port", "number = 80", "number = 8080", /backend\.service\.port\.number: the Service has no port 8080/],
    ["Service target_port names a container port", 'target_port = "http"', 'target_port = "web"', /target_port: target_port "web" names no container port/],
    ["env set twice (a warning)", 'value = "prod"\n          }', 'value = "prod"\n          }\n          env {\n            name  = "MODE"\n            value = "dev"\n          }', /N2K-API-002 .*env\[1\]\.name: env var MODE is set twice/],
    ["ExternalSecret keys", 'secretKey = "token"', 'secretKey = "to ken"', /spec\.data\[0\]\.secretKey: key "to ken"/],
    ["Certificate IP addresses", '"10.0.0.5"', '"%s"', /ipAddresses\[0\]: "%s" is not an IP address/],
    ["Certificate DNS names", '"web.example.org"', '"web-%s.service.consul"', /dnsNames\[0\]: "web-%s\.service\.consul" is not a DNS name/],
    ["Traefik Middleware references are valid names", "web-strip-prefix@kubernetescrd", "web-stripPrefix@kubernetescrd", /router\.middlewares: middleware "default-web-stripPrefix@kubernetescrd"/],
  ];
  for (const [what, from, to, expected] of cases) {
    it(what, async () => {
      const found = await problems(broken(from, to));
      expect(found.some((p) => expected.test(p)), found.join("\n")).toBe(true);
    });
  }

  it("says why a CronJob name stops at 52 only when it is too long, whatever the name holds", async () => {
    const long = await problems(broken('"${local.app_name}-cleanup"', `"\${local.app_name}-${"c".repeat(50)}"`));
    expect(long.filter((p) => p.includes("metadata.name"))).toEqual([expect.stringMatching(/at most 52 allowed \(the API adds a suffix to each Job's name\)$/)]);
    // A name that holds "52" but is refused for its characters gets no word about suffixes.
    const odd = await problems(broken('"${local.app_name}-cleanup"', '"${local.app_name}-Cleanup52"'));
    expect(odd.filter((p) => p.includes("metadata.name"))).toEqual([expect.stringMatching(/is not a DNS-1123 subdomain \(lowercase letters, digits, '-' and '.'\)$/)]);
  });

  it("Traefik Middleware object names", async () => {
    const mw = `${BASE}
resource "kubectl_manifest" "middleware" {
  yaml_body = yamlencode({
    apiVersion = "traefik.io/v1alpha1"
    kind       = "Middleware"
    metadata   = { name = "web-stripPrefix", namespace = var.namespace }
    spec       = { stripPrefix = { prefixes = ["/api"] } }
  })
}
`;
    expect((await problems(mw)).some((p) => /kubectl_manifest\.middleware yaml_body\.metadata\.name: "web-stripPrefix" is not a DNS-1123 subdomain/.test(p))).toBe(true);
  });
});
