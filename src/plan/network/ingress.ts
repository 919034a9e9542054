import type { SiteConfig } from "../../config/site-config.js";
import type { Diagnostics } from "../../diagnostics.js";
import { expr, type HclVal } from "../hcl-value.js";
import type { IngressPlan, IngressRoutePlan } from "../model.js";
import type { Route } from "./route-model.js";
import { listenerAnnotations, listenerKey, sharedListener, type Listener } from "./entrypoints.js";
import { kubernetesMiddleware } from "./traefik.js";
import { middlewareObjectName } from "./traefik-middlewares.js";

type IngressPath = IngressPlan["rules"][number]["paths"][number];

/**
 * The routes of one workload, one list per distinct middleware set and listener: annotations
 * apply to every path of an Ingress, so routers with other middlewares, entrypoints or TLS need
 * an Ingress of their own.
 */
export function splitByAnnotations<T extends { route: Route; listener: Listener }>(routes: T[]): T[][] {
  const sets = new Map<string, T[]>();
  for (const r of routes) {
    const key = `${r.route.middlewares.join(",")}|${listenerKey(r.listener)}`;
    sets.set(key, [...(sets.get(key) ?? []), r]);
  }
  return [...sets.values()];
}

/**
 * The routes of one workload as its Ingress: one rule per host (the first host is
 * var.hostname, a rule without host last), each path sent to its route's Service port.
 */
export function planIngress(routes: { route: Route; port: number; listener: Listener }[], tf: string, serviceTf: string, name: HclVal, firstHost: string | undefined, config: SiteConfig, diags: Diagnostics): IngressPlan {
  const listener = sharedListener(routes);
  const annotations = listenerAnnotations(listener, config);
  const middlewares = [...new Set(routes.flatMap((r) => r.route.middlewares))];
  if (middlewares.length) annotations["traefik.ingress.kubernetes.io/router.middlewares"] = middlewares.map(kubernetesMiddleware).join(",");
  // "" stands for "any host" while grouping.
  const byHost = new Map<string, IngressPath[]>();
  for (const { route, port } of routes) {
    for (const rule of route.rules) {
      const key = rule.host ?? "";
      const paths = byHost.get(key) ?? [];
      for (const p of rule.paths) {
        const same = paths.find((x) => x.path === p.path && x.pathType === p.type);
        if (!same) paths.push({ path: p.path, pathType: p.type, port });
        else if (same.port !== port) {
          diags.warn("N2K-INGRESS-009", `${rule.host ?? "any host"}${p.path} is routed to Service ports ${same.port} and ${port}; the Ingress keeps ${same.port}`, { path: route.service.path, hint: "check which backend should answer" });
        }
      }
      byHost.set(key, paths);
    }
  }
  const rank = (h: string) => (h === firstHost ? 0 : h === "" ? 2 : 1);
  const order = [...byHost.keys()].sort((a, b) => rank(a) - rank(b));
  const hostVal = (h: string): HclVal => (h === firstHost ? expr("var.hostname") : h);
  return {
    tfName: tf,
    name,
    serviceTfName: serviceTf,
    className: config.ingress.className,
    annotations,
    ...(listener.tls ? { tlsSecret: config.tls.secretName } : {}),
    listener,
    rules: order.map((h) => ({ ...(h ? { host: hostVal(h) } : {}), paths: byHost.get(h)! })),
    tlsHosts: listener.tls ? order.filter((h) => h !== "").map(hostVal) : [],
    comments: [],
  };
}

/**
 * Routers an Ingress cannot express, as one IngressRoute per listener of the workload: each
 * keeps its rule, priority and middlewares; entrypoints and TLS are the router's (the site's
 * Ingress annotations when it named neither).
 */
export function planIngressRoute(routes: { route: Route; port: number; listener: Listener }[], tf: string, serviceTf: string, name: HclVal, config: SiteConfig): IngressRoutePlan {
  const listener = sharedListener(routes);
  return {
    tfName: tf,
    name,
    entryPoints: listener.entryPoints,
    ...(listener.tls ? { tlsSecret: config.tls.secretName } : {}),
    listener,
    routes: routes.map(({ route, port }) => ({
      match: route.ingressRoute!.match,
      ...(route.ingressRoute!.priority !== undefined ? { priority: route.ingressRoute!.priority } : {}),
      ...(route.ingressRoute!.syntax ? { syntax: route.ingressRoute!.syntax } : {}),
      serviceTfName: serviceTf,
      port,
      // Same-namespace objects by name; another provider's reference (`x@file`) as written.
      middlewares: route.middlewares.map((m) => (/@(?!consulcatalog$|consul$)/i.test(m) ? m.trim() : middlewareObjectName(m))),
    })),
  };
}
