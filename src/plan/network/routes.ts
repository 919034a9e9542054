import type { Diagnostics } from "../../diagnostics.js";
import type { Service } from "../../nomad/model.js";
import { dnsLabel } from "../names.js";
import { parseFabioTag } from "./fabio.js";
import type { Matcher, Route, RuleProblems } from "./route-model.js";
import { rulesOf } from "./route-matchers.js";
import { readTraefikRouters, type TraefikRouter } from "./traefik.js";

/**
 * The HTTP routes of one Nomad service (Traefik v1/v2 router tags, Fabio `urlprefix-` tags)
 * as Ingress rules. What an Ingress cannot express is reported, never dropped silently.
 */
export function readRoutes(service: Service, diags: Diagnostics, middlewares: ReadonlySet<string> = new Set(), appName = "app"): Route[] {
  const routes: Route[] = [];
  for (const r of readTraefikRouters(withTraefikPrefix(service), diags, middlewares)) {
    const whole = asIngressRoute(r, service, diags);
    if (whole) {
      routes.push({ ...whole, middlewares: r.middlewares, ...routerTarget(r) });
      continue;
    }
    const route = toRoute(r.name, service, r.alternatives, r.path, diags);
    const rewrite = r.modifiers.length ? v1Rewrite(r.modifiers, appName) : undefined;
    if (r.modifiers.length && !rewrite) diags.warn("N2K-INGRESS-008", `router ${r.name}: ${r.modifiers.join(", ")} rewrites the request path; the Ingress does not`, { path: r.path, hint: "add a Traefik StripPrefix/ReplacePath Middleware and reference it by annotation" });
    if (rewrite) diags.info("N2K-INGRESS-008", `router ${r.name}: ${r.modifiers.join(", ")} becomes the Traefik Middleware ${rewrite.name}, referenced by the Ingress`, { path: r.path });
    if (route) routes.push({ ...route, middlewares: [...r.middlewares, ...(rewrite ? [rewrite.name] : [])], ...(rewrite ? { rewrite } : {}), ...routerTarget(r) });
  }
  service.tags.forEach((tag, i) => {
    const fabio = parseFabioTag(tag);
    if (!fabio) return;
    const path = `${service.path}.tags[${i}]`;
    if (fabio.unexpressible) {
      diags.manual("N2K-INGRESS-007", `${fabio.unexpressible}; no Ingress rule for it`, { path, hint: "expose the port with a LoadBalancer Service or a Traefik IngressRouteTCP" });
      return;
    }
    const strip = fabio.notCarried.find((o) => o.startsWith("strip="))?.slice("strip=".length);
    const rewrite = strip ? stripMiddleware([strip], appName) : undefined;
    const notCarried = fabio.notCarried.filter((o) => !o.startsWith("strip="));
    if (rewrite) diags.info("N2K-INGRESS-008", `Fabio route ${tag.split(/\s/)[0]}: strip=${strip} becomes the Traefik StripPrefix Middleware ${rewrite.name}, referenced by the Ingress`, { path });
    if (notCarried.length) diags.warn("N2K-INGRESS-008", `Fabio route ${tag.split(/\s/)[0]}: ${notCarried.join(", ")} not carried over by the Ingress`, { path, hint: fabioHint(notCarried) });
    const route = toRoute(tag.split(/\s/)[0], service, [fabio.matchers], path, diags);
    if (route) routes.push(rewrite ? { ...route, middlewares: [rewrite.name], rewrite } : route);
  });
  return routes;
}

/**
 * A v2/v3 router whose rule an Ingress cannot express (a regexp path, methods, headers, a
 * negation) or that sets a priority keeps its rule as written in a Traefik IngressRoute: an
 * Ingress would match more than the router did, or collide with routes it never shadowed.
 */
function asIngressRoute(r: TraefikRouter, service: Service, diags: Diagnostics): Route | undefined {
  if (!r.rule || r.rule.includes("${") || /\.consul\b/i.test(r.rule)) return undefined;
  const problems: RuleProblems = { dropped: [], unexpressible: [] };
  r.alternatives.forEach((a) => rulesOf(a, problems));
  const why = [...new Set([...problems.dropped, ...problems.unexpressible])];
  if (!why.length && r.priority === undefined) return undefined;
  const matchers = r.alternatives.flat();
  // Traefik v3 reads v2 rules only when told: `{name:re}` templates, several arguments, Headers*.
  const v2 = matchers.some((m) => /^(headers|headersregexp|hostheader)$/i.test(m.name) || m.args.length > 1 || m.args.some((a) => /\{\w+(:[^}]*)?\}/.test(a)));
  const reason = why.length ? `no Ingress rule expresses it (${why.join("; ")})` : `priority ${r.priority} orders it among the other routers, which an Ingress cannot`;
  diags.changed("N2K-INGRESS-013", `router ${r.name}: ${reason}; it becomes a Traefik IngressRoute with the rule as written${v2 ? " (v2 syntax)" : ""}`, { path: r.path });
  if (matchers.some((m) => /^host$/i.test(m.name) && m.args.some((a) => a.trim() === "*"))) {
    diags.warn("N2K-INGRESS-016", `router ${r.name}: Host(\`*\`) is no wildcard in Traefik, it matches only a Host header that is literally "*": on Nomad the router matched (almost) no request, and the IngressRoute keeps the rule as written`, {
      path: r.path,
      hint: "if the router was meant to answer every host on its entrypoint, write PathPrefix(`/`) without Host",
    });
  }
  return { router: r.name, service, rules: [], middlewares: [], ingressRoute: { match: r.rule, ...(r.priority !== undefined ? { priority: r.priority } : {}), ...(v2 ? { syntax: "v2" as const } : {}) } };
}

/** The backend port and the entrypoints/TLS a Traefik router named. */
function routerTarget(r: TraefikRouter): Pick<Route, "port" | "portLabel" | "entryPoints" | "tls"> {
  const entryPoints = (r.entrypoints ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  return {
    ...(r.port !== undefined ? { port: r.port } : {}),
    ...(r.portLabel !== undefined ? { portLabel: r.portLabel } : {}),
    ...(entryPoints.length ? { entryPoints } : {}),
    ...(r.tls !== undefined ? { tls: r.tls } : {}),
  };
}

/** A StripPrefix Middleware for these prefixes, named after the app and them (objects of a namespace are shared by its modules). */
function stripMiddleware(prefixes: string[], app: string): NonNullable<Route["rewrite"]> {
  const clean = prefixes.map((p) => (p.startsWith("/") ? p : `/${p}`).replace(/\/+$/, "") || "/");
  return { name: dnsLabel(`${app}-strip-${clean.join("-")}`), spec: { stripPrefix: { prefixes: clean } } };
}

/**
 * Traefik v1 `PathPrefixStrip:/a,/b` / `PathStrip:/a` as a StripPrefix Middleware, `AddPrefix:/x`
 * as AddPrefix, `ReplacePath:/x` as ReplacePath; several modifiers or a regex form stay a warning.
 */
function v1Rewrite(modifiers: string[], app: string): Route["rewrite"] {
  if (modifiers.length !== 1) return undefined;
  const m = /^(PathPrefixStrip|PathStrip|AddPrefix|ReplacePath):(.+)$/.exec(modifiers[0]);
  if (!m) return undefined;
  const args = m[2].split(",").map((s) => s.trim()).filter(Boolean);
  if (!args.length) return undefined;
  if (m[1] === "PathPrefixStrip" || m[1] === "PathStrip") return stripMiddleware(args, app);
  if (args.length !== 1) return undefined;
  const key = m[1] === "AddPrefix" ? "addPrefix" : "replacePath";
  const option = m[1] === "AddPrefix" ? "prefix" : "path";
  return { name: dnsLabel(`${app}-${m[1] === "AddPrefix" ? "add-prefix" : "replace-path"}-${args[0]}`), spec: { [key]: { [option]: args[0] } } };
}

function toRoute(name: string, service: Service, alternatives: Matcher[][], path: string, diags: Diagnostics): Route | undefined {
  const problems: RuleProblems = { dropped: [], unexpressible: [] };
  const rules = alternatives.flatMap((a) => rulesOf(a, problems));
  if (problems.dropped.length) {
    diags.warn("N2K-INGRESS-002", `router ${name}: ${[...new Set(problems.dropped)].join(", ")} not carried over, so the Ingress matches more requests than the router did`, { path, hint: "restrict it with a Traefik Middleware or an IngressRoute" });
  }
  if (problems.unexpressible.length) {
    diags.manual("N2K-INGRESS-007", `router ${name}: ${[...new Set(problems.unexpressible)].join("; ")}; ${rules.length ? "that part has" : "it has"} no Ingress rule`, { path, hint: "write the Ingress rule by hand" });
  }
  return rules.length ? { router: name, service, rules, middlewares: [] } : undefined;
}

function fabioHint(options: string[]): string {
  const hints = new Set<string>();
  for (const o of options) {
    if (/^(proto=|tlsskipverify)/.test(o)) hints.add("set traefik.ingress.kubernetes.io/service.serversscheme (and a ServersTransport) on the Service");
    else if (o.startsWith("listener port")) hints.add("the Ingress listens on the controller's entrypoints");
    else hints.add("see Fabio's route options and redo them with Traefik Middlewares");
  }
  return [...hints].join("; ");
}

/**
 * Traefik reads tags under its Consul catalog `prefix` (default `traefik`); a service whose
 * router rules use another prefix is read as if it were `traefik`.
 */
export function withTraefikPrefix(service: Service): Service {
  const prefixes = new Set(service.tags.map((t) => /^([A-Za-z0-9_-]+)\.(?:http|tcp|udp)\.routers\.[^.=]+\.rule=/.exec(t)?.[1]).filter((p): p is string => !!p && p !== "traefik"));
  if (!prefixes.size) return service;
  return { ...service, tags: service.tags.map((t) => t.replace(/^([A-Za-z0-9_-]+)\./, (all, p: string) => (prefixes.has(p) ? "traefik." : all))) };
}
