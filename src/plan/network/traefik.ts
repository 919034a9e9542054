import type { Diagnostics } from "../../diagnostics.js";
import type { Service } from "../../nomad/model.js";
import type { Matcher } from "./route-model.js";
import { parseTraefikRule, parseTraefikV1Rule } from "./traefik-rule.js";

/** A Traefik router of one Nomad service, before its matchers become Ingress rules. */
export interface TraefikRouter {
  name: string;
  alternatives: Matcher[][];
  middlewares: string[];
  /** Request rewrites (v1 `PathPrefixStrip`, …) the Ingress does not do. */
  modifiers: string[];
  /** `traefik.http.routers.R.service`. */
  service?: string;
  port?: number;
  path: string;
}

const V2_ROUTER = /^traefik\.http\.routers\.([^.]+)\.(rule|middlewares|entrypoints|tls(?:\..+)?|service|priority)=(.*)$/i;
const V2_SERVER_PORT = /^traefik\.http\.services\.([^.]+)\.loadbalancer\.server\.port=(\d+)$/i;
const V1_FRONTEND = /^traefik\.(?:([^.]+)\.)?frontend\.(rule|entrypoints|passhostheader|priority)=(.*)$/i;
const V1_PORT = /^traefik\.(?:([^.]+)\.)?port=(\d+)$/i;
const TCP_UDP = /^traefik\.(tcp|udp)\.routers\.([^.]+)\.(\w+)=(.*)$/i;

/**
 * The Traefik routers of one Nomad service, v2 (`traefik.http.routers.R.*`) and v1
 * (`traefik.frontend.rule`) tags. Tags with no Ingress counterpart are reported here.
 */
export function readTraefikRouters(service: Service, diags: Diagnostics): TraefikRouter[] {
  if (service.tags.some((t) => /^traefik\.enable=false$/i.test(t))) return [];
  const routers = new Map<string, TraefikRouter>();
  const servicePorts = new Map<string, number>();
  const router = (name: string, path: string) => {
    if (!routers.has(name)) routers.set(name, { name, alternatives: [], middlewares: [], modifiers: [], path });
    return routers.get(name)!;
  };
  let v1Port: number | undefined;
  service.tags.forEach((tag, i) => {
    const path = `${service.path}.tags[${i}]`;
    if (!tag.startsWith("traefik.") || /^traefik\.enable=true$/i.test(tag)) return;
    const ignore = (why: string) => diags.info("N2K-IGNORED", `${tag}: ${why}`, { path });
    let m: RegExpExecArray | null;
    if ((m = V2_ROUTER.exec(tag))) {
      const [, name, kind, value] = m;
      const r = router(name, path);
      const k = kind.toLowerCase();
      if (k === "rule") {
        r.path = path;
        const parsed = parseTraefikRule(value);
        if ("error" in parsed) diags.manual("N2K-INGRESS-007", `router ${name}: rule ${value} cannot be read (${parsed.error}); no Ingress rule for it`, { path, hint: "write the Ingress rule by hand" });
        else r.alternatives.push(...parsed.alternatives);
      } else if (k === "middlewares") {
        r.middlewares.push(...value.split(",").map((s) => s.trim()).filter(Boolean));
        diags.manual("N2K-INGRESS-004", `middlewares ${value} are referenced by annotation; create matching Traefik Middleware objects (Kubernetes names are <namespace>-<name>@kubernetescrd)`, { path });
      } else if (k === "service") r.service = value.trim();
      else if (k === "priority") ignore("the Ingress controller orders paths itself");
      else ignore("entrypoints and TLS come from the site's ingress annotations");
    } else if ((m = V2_SERVER_PORT.exec(tag))) servicePorts.set(m[1], Number(m[2]));
    else if ((m = V1_FRONTEND.exec(tag))) {
      const [, segment, kind, value] = m;
      const k = kind.toLowerCase();
      if (k === "rule") {
        const r = router(segment ?? "frontend", path);
        const v1 = parseTraefikV1Rule(value);
        r.alternatives.push(v1.matchers);
        r.modifiers.push(...v1.modifiers);
      } else if (k === "entrypoints") ignore("entrypoints and TLS come from the site's ingress annotations");
      else if (k === "passhostheader") ignore("an Ingress passes the Host header");
      else ignore("the Ingress controller orders paths itself");
    } else if ((m = V1_PORT.exec(tag))) {
      if (m[1]) servicePorts.set(`v1:${m[1]}`, Number(m[2]));
      else v1Port = Number(m[2]);
    } else if (/^traefik\.tags=/i.test(tag)) ignore("Traefik v1 instance selection; the ingress class decides here");
    else if (/^traefik\.consulcatalog\.connect=/i.test(tag)) ignore("Consul Connect is replaced by the cluster network");
    else if ((m = TCP_UDP.exec(tag))) {
      if (m[3].toLowerCase() === "rule") diags.manual("N2K-INGRESS-007", `${m[1].toUpperCase()} router ${m[2]} (${m[4]}) cannot be an Ingress, which routes HTTP only`, { path, hint: `expose the port with a LoadBalancer Service or a Traefik IngressRoute${m[1].toUpperCase()}` });
      else ignore(`part of ${m[1].toUpperCase()} router ${m[2]}, reported with its rule`);
    } else diags.warn("N2K-INGRESS-003", `Traefik tag not carried over: ${tag}`, { path, hint: "express it as an IngressRoute/Middleware annotation by hand" });
  });
  const anyRule = service.tags.some((t) => /^traefik\.((http|tcp|udp)\.routers\.[^.]+\.rule|([^.]+\.)?frontend\.rule)=/i.test(t));
  if (!anyRule && service.tags.some((t) => /^traefik\.enable=true$/i.test(t))) {
    diags.warn("N2K-INGRESS-010", `service ${service.name ?? ""} is enabled in Traefik without a router rule: Traefik's default rule routed it on Nomad (usually a Host made from the service name); no Ingress generated`, {
      path: service.path,
      hint: "add the Ingress by hand with the host Traefik's defaultRule gave it",
    });
  }
  const out: TraefikRouter[] = [];
  for (const r of routers.values()) {
    if (!r.alternatives.length) continue;
    if (r.service?.endsWith("@internal")) {
      diags.manual("N2K-INGRESS-007", `router ${r.name} serves Traefik's own ${r.service}; the cluster's ingress controller replaces it, so no Ingress rule`, { path: r.path, hint: "expose the controller's dashboard by its own chart settings if needed" });
      continue;
    }
    // Traefik uses the router's service, else the only service the tags define.
    const svc = r.service ?? (servicePorts.size === 1 ? [...servicePorts.keys()][0] : undefined);
    r.port = (svc !== undefined ? servicePorts.get(svc) : undefined) ?? servicePorts.get(`v1:${r.name}`) ?? v1Port;
    out.push(r);
  }
  return out;
}
