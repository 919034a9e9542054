import type { Diagnostics } from "../../diagnostics.js";
import type { Service } from "../../nomad/model.js";
import { shownTag } from "../../redact.js";
import { moduleRef } from "../hcl-value.js";
import type { Matcher } from "./route-model.js";
import { parseTraefikRule, parseTraefikV1Rule } from "./traefik-rule.js";
import { middlewareObjectName } from "./traefik-middlewares.js";

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
  /** `loadbalancer.server.port=${NOMAD_PORT_x}`: the group port label. */
  portLabel?: string;
  middlewaresPath?: string;
  /** `entrypoints=` as written. */
  entrypoints?: string;
  /** `tls=true|false`; any `tls.*` option (certresolver, domains, options) turns TLS on, as in Traefik. */
  tls?: boolean;
  /** The v2/v3 rule as written (absent for v1 frontends). */
  rule?: string;
  /** `priority=` when set. */
  priority?: number;
  path: string;
}

const V2_ROUTER = /^traefik\.http\.routers\.([^.]+)\.(rule|middlewares|entrypoints|tls(?:\..+)?|service|priority)=(.*)$/i;
const V2_SERVER_PORT = /^traefik\.http\.services\.([^.]+)\.loadbalancer\.server\.port=(\d+|\$\{\s*NOMAD_(?:HOST_)?PORT_([\w-]+)\s*\})$/i;
const V1_FRONTEND = /^traefik\.(?:([^.]+)\.)?frontend\.(rule|entrypoints|passhostheader|priority)=(.*)$/i;
const V1_PORT = /^traefik\.(?:([^.]+)\.)?port=(\d+)$/i;
const TCP_UDP = /^traefik\.(tcp|udp)\.routers\.([^.]+)\.([\w.]+)=(.*)$/i;
const TCP_UDP_SERVICE = /^traefik\.(tcp|udp)\.services\.([^.]+)\./i;
const MIDDLEWARE_DEF = /^traefik\.http\.middlewares\.([^.]+)\.(\w+)\./i;

/**
 * The Traefik routers of one Nomad service, v2 (`traefik.http.routers.R.*`) and v1
 * (`traefik.frontend.rule`) tags. Tags with no Ingress counterpart are reported here.
 */
export function readTraefikRouters(service: Service, diags: Diagnostics, defined: ReadonlySet<string> = new Set()): TraefikRouter[] {
  if (service.tags.some((t) => /^traefik\.enable=false$/i.test(t))) return [];
  const routers = new Map<string, TraefikRouter>();
  const servicePorts = new Map<string, number | string>();
  // Routers Traefik serves on TCP/UDP entrypoints: reported once each, whatever tags they have.
  const streamRouters = new Map<string, { proto: string; rule?: string; entrypoints?: string; path: string }>();
  const router = (name: string, path: string) => {
    if (!routers.has(name)) routers.set(name, { name, alternatives: [], middlewares: [], modifiers: [], path });
    return routers.get(name)!;
  };
  let v1Port: number | undefined;
  service.tags.forEach((tag, i) => {
    const path = `${service.path}.tags[${i}]`;
    if (!tag.startsWith("traefik.") || /^traefik\.enable=true$/i.test(tag)) return;
    const ignore = (why: string) => diags.info("N2K-IGNORED", `${shownTag(tag)}: ${why}`, { path });
    let m: RegExpExecArray | null;
    if ((m = V2_ROUTER.exec(tag))) {
      const [, name, kind, value] = m;
      const r = router(name, path);
      const k = kind.toLowerCase();
      if (k === "rule") {
        r.path = path;
        const parsed = parseTraefikRule(value);
        if ("error" in parsed) diags.manual("N2K-INGRESS-007", `router ${name}: rule ${value} cannot be read (${parsed.error}); no Ingress rule for it`, { path, hint: "write the Ingress rule by hand" });
        else {
          r.alternatives.push(...parsed.alternatives);
          r.rule = value.trim();
        }
      } else if (k === "middlewares") {
        r.middlewares.push(...value.split(",").map((s) => s.trim()).filter(Boolean));
        r.middlewaresPath = path;
      } else if (k === "service") r.service = value.trim();
      else if (k === "priority" && /^\d+$/.test(value.trim())) r.priority = Number(value.trim());
      else if (k === "priority") ignore("the Ingress controller orders paths itself");
      else if (k === "entrypoints") r.entrypoints = value.trim();
      else if (k === "tls") r.tls = value.trim().toLowerCase() === "true";
      else {
        r.tls ??= true;
        ignore("the certificate comes from the site's TLS secret named by the Ingress");
      }
    } else if ((m = V2_SERVER_PORT.exec(tag))) servicePorts.set(m[1], m[3] ?? Number(m[2]));
    else if ((m = V1_FRONTEND.exec(tag))) {
      const [, segment, kind, value] = m;
      const k = kind.toLowerCase();
      if (k === "rule") {
        const r = router(segment ?? "frontend", path);
        const v1 = parseTraefikV1Rule(value);
        r.alternatives.push(v1.matchers);
        r.modifiers.push(...v1.modifiers);
      } else if (k === "entrypoints") router(segment ?? "frontend", path).entrypoints = value.trim();
      else if (k === "passhostheader") ignore("an Ingress passes the Host header");
      else ignore("the Ingress controller orders paths itself");
    } else if ((m = V1_PORT.exec(tag))) {
      if (m[1]) servicePorts.set(`v1:${m[1]}`, Number(m[2]));
      else v1Port = Number(m[2]);
    } else if (/^traefik\.tags=/i.test(tag)) ignore("Traefik v1 instance selection; the ingress class decides here");
    else if (/^traefik\.consulcatalog\.connect=/i.test(tag)) ignore("Consul Connect is replaced by the cluster network");
    else if ((m = TCP_UDP.exec(tag))) {
      const key = `${m[1].toLowerCase()}:${m[2]}`;
      const seen = streamRouters.get(key) ?? { proto: m[1].toUpperCase(), path };
      if (m[3].toLowerCase() === "rule") seen.rule = m[4];
      if (m[3].toLowerCase() === "entrypoints") seen.entrypoints = m[4].trim();
      streamRouters.set(key, seen);
    } else if ((m = TCP_UDP_SERVICE.exec(tag))) ignore(`part of ${m[1].toUpperCase()} service ${m[2]}, reported with its router`);
    // Definitions become Middleware objects (traefik-middlewares.ts); their values may be credentials.
    else if (MIDDLEWARE_DEF.test(tag)) return;
    else diags.warn("N2K-INGRESS-003", `Traefik tag not carried over: ${shownTag(tag)}`, { path, hint: "express it as an IngressRoute/Middleware annotation by hand" });
  });
  for (const [key, r] of streamRouters) {
    const name = key.slice(4);
    const on = r.entrypoints ? ` on Traefik entrypoint${r.entrypoints.includes(",") ? "s" : ""} ${r.entrypoints}` : "";
    diags.manual("N2K-INGRESS-007", `${r.proto} router ${name}${r.rule ? ` (${r.rule})` : ""}${on} is not HTTP: an Ingress cannot carry it`, {
      path: r.path,
      hint: `expose the port with a Service of type LoadBalancer/NodePort or a Traefik IngressRoute${r.proto}${on ? ` (the site's Traefik must then define the entrypoint, on the port clients dialled)` : ""}`,
    });
  }
  const anyRule = streamRouters.size > 0 || service.tags.some((t) => /^traefik\.(http\.routers\.[^.]+\.rule|([^.]+\.)?frontend\.rule)=/i.test(t));
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
    const port = (svc !== undefined ? servicePorts.get(svc) : undefined) ?? servicePorts.get(`v1:${r.name}`) ?? v1Port;
    if (typeof port === "string") r.portLabel = port;
    else r.port = port;
    if (redirectsOnly(r, service.tags)) {
      diags.info("N2K-INGRESS-011", `router ${r.name}${r.entrypoints ? ` (entrypoints ${r.entrypoints})` : ""} only redirects to HTTPS (${r.middlewares.join(", ")}); no Ingress rule: the Ingress serves TLS`, {
        path: r.path,
        hint: "let the ingress controller redirect HTTP (Traefik: entrypoint redirection)",
      });
      continue;
    }
    if (r.middlewares.length) reportMiddlewares(r, defined, diags);
    out.push(r);
  }
  return out;
}

/** A router whose middlewares all redirect the scheme (`redirectscheme`, or named for it). */
function redirectsOnly(r: TraefikRouter, tags: string[]): boolean {
  if (!r.middlewares.length) return false;
  return r.middlewares.every((m) => {
    const name = m.replace(/@.*$/, "");
    const kinds = tags.map((t) => MIDDLEWARE_DEF.exec(t)).filter((x): x is RegExpExecArray => !!x && x[1] === name).map((x) => x[2].toLowerCase());
    return kinds.length ? kinds.every((k) => k === "redirectscheme") : /redirect|to-?https/i.test(name);
  });
}

/**
 * Traefik's Kubernetes CRD provider names a middleware `<namespace>-<name>@kubernetescrd`; a
 * bare name or a Consul catalog one is not found there (the router is dropped: 404). Those
 * become the CRD form in the module's namespace; other providers' references stay as written.
 */
export function kubernetesMiddleware(ref: string): string {
  const m = /^([^@]+)(?:@(consulcatalog|consul))?$/i.exec(ref.trim());
  return m ? `${moduleRef("var.namespace")}-${middlewareObjectName(m[1])}@kubernetescrd` : ref.trim();
}

/** Middlewares the job's own tags define are objects of the module; the rest are prerequisites, named. */
function reportMiddlewares(r: TraefikRouter, defined: ReadonlySet<string>, diags: Diagnostics): void {
  const crd = r.middlewares.filter((m) => kubernetesMiddleware(m) !== m || /@kubernetescrd$/i.test(m));
  const other = r.middlewares.filter((m) => !crd.includes(m));
  const missing = crd.filter((m) => !defined.has(m.replace(/@.*$/, "")));
  if (!missing.length && !other.length) return;
  const names = missing.map((m) => middlewareObjectName(m));
  const parts = [
    ...(names.length ? [`Traefik Middleware objects ${names.join(", ")} must exist in the module's namespace before the route works (defined outside this job: referenced as <namespace>-<name>@kubernetescrd)`] : []),
    ...(other.length ? [`${other.join(", ")} ${other.length > 1 ? "are" : "is"} kept as written: make ${other.length > 1 ? "them" : "it"} available to the cluster's Traefik (its file provider for @file)`] : []),
  ];
  diags.manual("N2K-INGRESS-004", `router ${r.name} uses middlewares ${[...missing, ...other].join(", ")}: ${parts.join("; ")}`, { path: r.middlewaresPath ?? r.path, hint: "the Ingress annotation traefik.ingress.kubernetes.io/router.middlewares references them" });
}
