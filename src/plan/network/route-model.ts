import type { Service } from "../../nomad/model.js";
import { hasModuleRef } from "../hcl-value.js";

// What a router (Traefik v1/v2, Fabio) asks of the Ingress, whatever the syntax it came in.

export interface RoutePath {
  path: string;
  type: "Prefix" | "Exact";
}

/** One host (none = any host) and the paths routed on it. */
export interface RouteRule {
  host?: string;
  paths: RoutePath[];
}

/** A matcher of a rule, one side of an `&&`: `Host`, `PathPrefix`, … with its arguments. */
export interface Matcher {
  name: string;
  args: string[];
  negated?: boolean;
}

export interface Route {
  /** Router name, or the tag it came from (Fabio). */
  router: string;
  service: Service;
  rules: RouteRule[];
  middlewares: string[];
  /** A port number the router names for its backend (`loadbalancer.server.port`, `traefik.port`). */
  port?: number;
  /** `loadbalancer.server.port=${NOMAD_PORT_x}`: the group port the router names. */
  portLabel?: string;
  /** The Traefik entrypoints the router named (`entrypoints=`), as written. */
  entryPoints?: string[];
  /** The router's own TLS setting (`tls=`, `tls.*`); unset when it said nothing. */
  tls?: boolean;
  /** Path rewrites (Fabio `strip=`, v1 `PathPrefixStrip`) the plan makes a Middleware of, referenced like the router's own. */
  rewrite?: { name: string; spec: Record<string, Record<string, unknown>> };
  /** A Traefik rule an Ingress cannot express, carried whole by a Traefik IngressRoute (no `rules` then). */
  ingressRoute?: { match: string; priority?: number; syntax?: "v2" };
}

/** The part of a route the Ingress cannot express, said once per rule. */
export interface RuleProblems {
  /** Conditions left out: the Ingress route is broader than the Nomad one. */
  dropped: string[];
  /** Why (part of) the rule gives no Ingress rule at all. */
  unexpressible: string[];
}

const LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const INGRESS_HOST = new RegExp(`^(\\*\\.)?${LABEL}(\\.${LABEL})*$`);

/** An Ingress host (lowercase DNS name, optional `*.` wildcard, no IP, no port), or why not. */
export function ingressHost(raw: string): { host: string } | { problem: string } {
  const host = raw.trim().toLowerCase();
  // A Nomad interpolation is resolved (or made a module input) once the whole job is known.
  if (host.includes("${") || hasModuleRef(host)) return { host: raw.trim() };
  if (host.includes("{{")) return { problem: `host "${raw}" is not known when converting` };
  if (/^\d+(\.\d+){3}$/.test(host)) return { problem: `host "${raw}" is an IP address; an Ingress host must be a DNS name` };
  if (!INGRESS_HOST.test(host) || host.length > 253) return { problem: `host "${raw}" is not a DNS name an Ingress accepts` };
  return { host };
}
