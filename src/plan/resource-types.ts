import type { SiteConfig } from "../config/site-config.js";

// The contract names the classic resources; `resourceTypes: "v1"` picks the provider's _v1 ones.
const TYPES = {
  contract: { deployment: "kubernetes_deployment", stateful_set: "kubernetes_stateful_set", daemon_set: "kubernetes_daemonset", job: "kubernetes_job_v1", cron_job: "kubernetes_cron_job_v1", service: "kubernetes_service", config_map: "kubernetes_config_map", secret: "kubernetes_secret_v1", ingress: "kubernetes_ingress_v1" },
  v1: { deployment: "kubernetes_deployment_v1", stateful_set: "kubernetes_stateful_set_v1", daemon_set: "kubernetes_daemon_set_v1", job: "kubernetes_job_v1", cron_job: "kubernetes_cron_job_v1", service: "kubernetes_service_v1", config_map: "kubernetes_config_map_v1", secret: "kubernetes_secret_v1", ingress: "kubernetes_ingress_v1" },
} as const;

export type ResourceKind = keyof (typeof TYPES)["contract"];

export function resourceType(config: SiteConfig, kind: ResourceKind): string {
  return TYPES[config.resourceTypes][kind];
}
