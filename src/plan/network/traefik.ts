import type { Diagnostics } from "../../diagnostics.js";
import type { Service } from "../../nomad/model.js";

export interface Route {
  router: string;
  hosts: string[];
  paths: string[];
  middlewares: string[];
}

/**
 * Reads Traefik router tags of one Nomad service: every Host(...) becomes an ingress rule,
 * PathPrefix(...) its paths. Tags that cannot be expressed on an Ingress are reported.
 */
export function readRoutes(service: Service, diags: Diagnostics): Route[] {
  const routers = new Map<string, Route>();
  const route = (name: string) => {
    if (!routers.has(name)) routers.set(name, { router: name, hosts: [], paths: [], middlewares: [] });
    return routers.get(name)!;
  };
  if (service.tags.includes("traefik.enable=false")) return [];
  service.tags.forEach((tag, i) => {
    const path = `${service.path}.tags[${i}]`;
    if (!tag.startsWith("traefik.")) return;
    const m = /^traefik\.http\.routers\.([^.]+)\.(rule|middlewares|entrypoints|tls(?:\..+)?|service|priority)=(.*)$/.exec(tag);
    if (tag === "traefik.enable=true") return;
    if (!m) {
      diags.warn("N2K-INGRESS-003", `Traefik tag not carried over: ${tag}`, { path, hint: "express it as an IngressRoute/Middleware annotation by hand" });
      return;
    }
    const [, name, kind, value] = m;
    const r = route(name);
    if (kind === "rule") {
      for (const h of value.matchAll(/Host\(([^)]*)\)/g)) r.hosts.push(...[...h[1].matchAll(/[`"']([^`"']+)[`"']/g)].map((x) => x[1]));
      for (const p of value.matchAll(/PathPrefix\(([^)]*)\)/g)) r.paths.push(...[...p[1].matchAll(/[`"']([^`"']+)[`"']/g)].map((x) => x[1]));
      if (/HostRegexp|Path\(|Headers|Method|ClientIP|Query/.test(value)) diags.warn("N2K-INGRESS-002", `router rule parts other than Host and PathPrefix are not carried over: ${value}`, { path });
    } else if (kind === "middlewares") {
      r.middlewares.push(...value.split(",").map((s) => s.trim()).filter(Boolean));
      diags.manual("N2K-INGRESS-004", `middlewares ${value} are referenced by annotation; create matching Traefik Middleware objects (Kubernetes names are <namespace>-<name>@kubernetescrd)`, { path });
    } else if (kind === "entrypoints" || kind.startsWith("tls")) {
      diags.info("N2K-IGNORED", `${tag}: entrypoints and TLS come from the site's ingress annotations`, { path });
    } else diags.warn("N2K-INGRESS-003", `Traefik tag not carried over: ${tag}`, { path });
  });
  return [...routers.values()].filter((r) => r.hosts.length > 0);
}
