import type { SiteConfig } from "../../config/site-config.js";
import { expr, type HclVal } from "../hcl-value.js";
import type { IngressPlan } from "../model.js";
import type { Route } from "./traefik.js";

/** Traefik routes of one workload as its Ingress: one rule per host, the first host is var.hostname. */
export function planIngress(routes: Route[], tf: string, name: HclVal, firstHost: string | undefined, config: SiteConfig): IngressPlan {
  const annotations = { ...config.ingress.annotations };
  const middlewares = [...new Set(routes.flatMap((r) => r.middlewares))];
  if (middlewares.length) annotations["traefik.ingress.kubernetes.io/router.middlewares"] = middlewares.join(",");
  const byHost = new Map<string, string[]>();
  for (const r of routes) for (const h of r.hosts) byHost.set(h, [...new Set([...(byHost.get(h) ?? []), ...(r.paths.length ? r.paths : ["/"])])]);
  const order = [...byHost.keys()].sort((a, b) => (a === firstHost ? -1 : b === firstHost ? 1 : 0));
  const hostVal = (h: string): HclVal => (h === firstHost ? expr("var.hostname") : h);
  return {
    tfName: tf,
    name,
    serviceTfName: tf,
    className: config.ingress.className,
    annotations,
    tlsSecret: config.tls.secretName,
    hosts: order.map((h) => ({ host: hostVal(h), paths: byHost.get(h)! })),
    tlsHosts: order.map(hostVal),
    comments: [],
  };
}
