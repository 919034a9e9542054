import type { SiteConfig } from "../../config/site-config.js";
import type { Diagnostics } from "../../diagnostics.js";
import type { Route } from "./route-model.js";

// Where a router listened on Nomad's Traefik is what clients dial: plain HTTP on `web` stays
// plain HTTP, a custom entrypoint keeps its name (and its port, which the site must define).
// Only a router that named neither entrypoints nor TLS takes the site's default annotations.

export const ENTRYPOINTS_ANNOTATION = "traefik.ingress.kubernetes.io/router.entrypoints";
export const TLS_ANNOTATION = "traefik.ingress.kubernetes.io/router.tls";

/** The site entrypoints and TLS of one Ingress (or IngressRoute). */
export interface Listener {
  entryPoints: string[];
  tls: boolean;
  /** The router named neither entrypoints nor TLS: the site's default annotations apply as they are. */
  siteDefault: boolean;
}

// Traefik v2 takes TLS from the router or from the entrypoint's own `http.tls`: a router on the
// conventional TLS entrypoint without `tls=` was served with TLS by that entrypoint.
const TLS_NAMES = new Set(["websecure", "https"]);

function split(list: string | undefined): string[] {
  return (list ?? "").split(",").map((s) => s.trim()).filter(Boolean);
}

/** The site's default listener: its Ingress annotations (the contract's websecure + TLS). */
export function siteListener(config: SiteConfig): Listener {
  const ann = config.ingress.annotations;
  return { entryPoints: split(ann[ENTRYPOINTS_ANNOTATION]), tls: ann[TLS_ANNOTATION] === "true", siteDefault: true };
}

/** The site's name for a Nomad entrypoint: mapped by the site config, else kept. */
export function siteEntryPoint(name: string, config: SiteConfig): string {
  return Object.hasOwn(config.ingress.entryPoints, name) ? config.ingress.entryPoints[name] : name;
}

function isTlsEntryPoint(nomad: string, config: SiteConfig): boolean {
  const site = siteEntryPoint(nomad, config);
  const def = siteListener(config);
  return TLS_NAMES.has(nomad) || TLS_NAMES.has(site) || (def.tls && def.entryPoints.includes(site));
}

/**
 * Where one route listens on the site's Traefik: one listener, or two when the router named
 * plain and TLS entrypoints together without a `tls=` of its own (Traefik served each its way).
 */
export function routeListeners(route: Pick<Route, "entryPoints" | "tls">, config: SiteConfig): Listener[] {
  const def = siteListener(config);
  const names = route.entryPoints ?? [];
  const site = (list: string[]) => [...new Set(list.map((n) => siteEntryPoint(n, config)))];
  if (!names.length) {
    if (route.tls === undefined || route.tls) return [{ ...def, tls: route.tls ?? def.tls, siteDefault: route.tls === undefined }];
    // `tls=false` on every entrypoint: the site's plain ones.
    const plain = Object.keys(config.ingress.entryPoints).filter((n) => !isTlsEntryPoint(n, config));
    return [{ entryPoints: site(plain.length ? plain : ["web"]), tls: false, siteDefault: false }];
  }
  if (route.tls !== undefined) return [{ entryPoints: site(names), tls: route.tls, siteDefault: false }];
  const secure = names.filter((n) => isTlsEntryPoint(n, config));
  const plain = names.filter((n) => !secure.includes(n));
  return [
    ...(plain.length ? [{ entryPoints: site(plain), tls: false, siteDefault: false }] : []),
    ...(secure.length ? [{ entryPoints: site(secure), tls: true, siteDefault: false }] : []),
  ];
}

/** A key that tells listeners apart, for grouping routes into Ingresses. */
export function listenerKey(l: Listener): string {
  return `${l.entryPoints.join(",")}|${l.tls}`;
}

/**
 * The listener of routes grouped by listenerKey, for the report: the site default only when no
 * router named its own, else the routers that took the default are named.
 */
export function sharedListener(routes: { route: Route; listener: Listener }[]): Listener & { defaultFor?: string[] } {
  const first = routes[0].listener;
  if (routes.every((r) => r.listener.siteDefault)) return first;
  const defaultFor = [...new Set(routes.filter((r) => r.listener.siteDefault).map((r) => r.route.router))];
  return { ...first, siteDefault: false, ...(defaultFor.length ? { defaultFor } : {}) };
}

/** The Ingress annotations of a listener: the site's, with the router's entrypoints and TLS. */
export function listenerAnnotations(l: Listener, config: SiteConfig): Record<string, string> {
  const annotations = { ...config.ingress.annotations };
  if (l.siteDefault) return annotations;
  annotations[ENTRYPOINTS_ANNOTATION] = l.entryPoints.join(",");
  if (l.tls) annotations[TLS_ANNOTATION] = "true";
  else delete annotations[TLS_ANNOTATION];
  return annotations;
}

/**
 * Entrypoints a router kept by a name the site config does not define: the site's Traefik must
 * listen on it (on the port clients dialled on Nomad), or the route is served nowhere.
 */
export function reportEntryPoints(routes: Route[], config: SiteConfig, diags: Diagnostics): void {
  const known = new Set([...Object.values(config.ingress.entryPoints), ...siteListener(config).entryPoints]);
  const byName = new Map<string, { routers: string[]; path: string }>();
  for (const r of routes) {
    for (const name of r.entryPoints ?? []) {
      const site = siteEntryPoint(name, config);
      if (known.has(site)) continue;
      const seen = byName.get(site) ?? { routers: [], path: r.service.path };
      if (!seen.routers.includes(r.router)) seen.routers.push(r.router);
      byName.set(site, seen);
    }
  }
  for (const [name, { routers, path }] of byName) {
    const like = isTlsEntryPoint(name, config) ? "websecure" : "web";
    diags.manual(
      "N2K-INGRESS-015",
      `router${routers.length > 1 ? "s" : ""} ${routers.join(", ")} listened on the Nomad Traefik's entrypoint "${name}": the Ingress keeps that entrypoint, which the site's Traefik must define on the port clients dialled on Nomad, or the route is served nowhere`,
      { path, hint: `add entrypoint "${name}" to the site's Traefik (the chart's ports), or map it to one the site has in the site config (ingress.entryPoints, e.g. "${name}" = "${like}")` },
    );
  }
}
