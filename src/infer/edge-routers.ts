import type { parse as ParseYaml } from "yaml";
import type { Diagnostics } from "../diagnostics.js";
import { lazyRequire } from "../lazy-require.js";
import type { NomadJob, Task } from "../nomad/model.js";

// A Traefik that reads the Consul catalog (or Nomad's services) and a Fabio that reads Consul are
// the fleet's edge router: on Kubernetes there is no catalog to read, and the other jobs' routes
// are carried as Ingresses the site's ingress controller serves. Converted as an app, the job
// would bind host ports 80/443/9999 next to that controller and route nothing; it is skipped,
// with what it configured that the site's controller may need.

export interface EdgeRouterSkip {
  reason: string;
  hint: string;
  path: string;
}

const yaml = lazyRequire<{ parse: typeof ParseYaml }>("yaml");

type Kind = "traefik" | "fabio";

function kindOf(t: Task): Kind | undefined {
  const image = typeof t.config.image === "string" ? t.config.image : "";
  const repo = image.replace(/[@:][^/]*$/, "").split("/").pop()?.toLowerCase() ?? "";
  return repo === "traefik" ? "traefik" : repo === "fabio" ? "fabio" : undefined;
}

/** Everything the task says about its configuration: args, command, env and template bodies. */
function configText(t: Task): string {
  const args = Array.isArray(t.config.args) ? t.config.args.map(String) : [];
  const parts = [...args, String(t.config.command ?? ""), ...Object.entries(t.env).map(([k, v]) => `${k}=${v}`), ...t.templates.map((x) => x.data ?? "")];
  return parts.join("\n");
}

const TRAEFIK_CATALOG = [
  { re: /consul[_-]?catalog/i, name: "Consul catalog" },
  { re: /providers\.nomad\b|\[providers\.nomad\]|^\s+nomad:\s*$/im, name: "Nomad" },
  { re: /providers\.consul\b|\[providers\.consul\]|^\[consul\]\s*$|(?:^|\s)--consul(?:\.|\s|$)/im, name: "Consul KV" },
];

/** Router tags on the job's own services (its dashboard, error pages) mean Traefik reads the catalog. */
function routesOwnTags(job: NomadJob): boolean {
  const tags = job.groups.flatMap((g) => [...g.services, ...g.tasks.flatMap((t) => t.services)]).flatMap((s) => s.tags);
  return tags.some((t) => /^traefik\.(http|tcp|udp)\.(routers|services|middlewares)\.|@consulcatalog\b/i.test(t));
}

/** Why a job that is the fleet's edge router is skipped, with what to carry to the site's controller; none for other jobs. */
export function edgeRouterSkip(job: NomadJob, diags: Diagnostics): EdgeRouterSkip | undefined {
  for (const t of job.groups.flatMap((g) => g.tasks)) {
    const kind = kindOf(t);
    if (!kind) continue;
    const text = configText(t);
    if (kind === "fabio") {
      const backend = /registry[._]backend\s*[=\s]\s*"?(\w+)/i.exec(text)?.[1]?.toLowerCase();
      if (backend && backend !== "consul") {
        staticRouter(t, `Fabio with the ${backend} registry backend`, diags);
        return undefined;
      }
      return skip(t, "Fabio", "routes the services registered in Consul (urlprefix- tags)", fabioFacts(text));
    }
    const providers = TRAEFIK_CATALOG.filter((p) => p.re.test(text)).map((p) => p.name);
    if (!providers.length && routesOwnTags(job)) providers.push("Consul or Nomad catalog (its own services carry traefik.* router tags)");
    if (!providers.length) {
      staticRouter(t, "Traefik, and no Consul or Nomad provider is visible in its args, env or templates", diags);
      return undefined;
    }
    return skip(t, "Traefik", `routes the services of the ${providers.join(" and ")} provider${providers.length > 1 ? "s" : ""} (their traefik.* tags)`, traefikFacts(text, job, t));
  }
  return undefined;
}

function skip(t: Task, name: string, what: string, facts: string[]): EdgeRouterSkip {
  return {
    reason: `task "${t.name}" runs ${name}, the fleet's edge router: it ${what}. On Kubernetes the site's ingress controller replaces it (the other jobs' routes are carried as their modules' Ingresses); converted, it would bind its host ports next to that controller and route nothing`,
    hint: `configure the site's ingress controller with what this job set up${facts.length ? `: ${facts.join("; ")}` : " (nothing beyond the defaults was found in its args and templates)"}`,
    path: `${t.path}.config.image`,
  };
}

/** A Traefik or Fabio with static routes is an ordinary proxy: converted, and said so. */
function staticRouter(t: Task, what: string, diags: Diagnostics): void {
  diags.warn("N2K-JOB-012", `task "${t.name}" runs ${what}: taken as a proxy serving the routes of its own configuration, it is converted as an ordinary app`, {
    path: `${t.path}.config.image`,
    hint: "if it read the Consul/Nomad catalog after all (a config the module cannot see), it is the fleet's edge router: do not apply this module, the site's ingress controller replaces it; else point the backends its configuration names at Kubernetes Services, or move these routes to the site's ingress controller",
  });
}

function fabioFacts(text: string): string[] {
  const facts: string[] = [];
  const addr = /proxy[._]addr\s*[=\s]\s*"?([^"\s]+)/i.exec(text)?.[1];
  facts.push(`listeners ${addr ?? ":9999 (Fabio's default)"}${addr && /proto=tcp/.test(addr) ? " (the proto=tcp ones are TCP entrypoints: a LoadBalancer Service or Traefik IngressRouteTCP each)" : ""}`);
  const cs = /proxy[._]cs\s*[=\s]\s*"?([^"\s]+)/i.exec(text)?.[1];
  if (cs) facts.push(`certificate sources ${cs.replace(/;.*$/, "")}: the site's TLS secret or cert-manager`);
  if (/ui[._]addr/i.test(text)) facts.push("its UI: the controller's own dashboard");
  return facts;
}

interface TraefikConfig {
  entryPoints: Map<string, { address?: string; tls?: boolean }>;
  resolvers: Set<string>;
  middlewares: Set<string>;
  dashboard: boolean;
  metrics: boolean;
  certificates: boolean;
  plugins: Set<string>;
}

function traefikFacts(text: string, job: NomadJob, t: Task): string[] {
  const c: TraefikConfig = { entryPoints: new Map(), resolvers: new Set(), middlewares: new Set(), dashboard: false, metrics: false, certificates: false, plugins: new Set() };
  const ep = (name: string) => c.entryPoints.get(name) ?? c.entryPoints.set(name, {}).get(name)!;
  let m: RegExpExecArray | null;
  // Command-line flags and TOML tables.
  const flag = /entry[pP]oints\.([\w-]+)\.address["\s]*[=:]\s*"?([^\s",]+)/g;
  while ((m = flag.exec(text))) ep(m[1]).address = m[2];
  const table = /^\s*\[entry[pP]oints\.([\w-]+)\]\s*\n\s*address\s*=\s*"([^"]+)"/gm;
  while ((m = table.exec(text))) ep(m[1]).address = m[2];
  const tls = /entry[pP]oints\.([\w-]+)\.(?:http\.)?tls\b/g;
  while ((m = tls.exec(text))) ep(m[1]).tls = true;
  const resolver = /certificates[rR]esolvers\.([\w-]+)\./g;
  while ((m = resolver.exec(text))) c.resolvers.add(m[1]);
  if (/^\s*\[acme\]/m.test(text)) c.resolvers.add("acme (v1)");
  const mw = /(?:http\.)?middlewares\.([\w-]+)\.\w/g;
  while ((m = mw.exec(text))) c.middlewares.add(m[1]);
  c.dashboard = /api\.dashboard|--api\b|^\s*\[api\]/im.test(text);
  c.metrics = /metrics\.prometheus|\[metrics\.prometheus\]/i.test(text);
  c.certificates = /\[\[tls\.certificates\]\]|^\s*defaultCertificate:|^tls:\s*\n\s+certificates:/m.test(text);
  const plugin = /experimental\.plugins\.([\w-]+)/g;
  while ((m = plugin.exec(text))) c.plugins.add(m[1]);
  for (const tpl of t.templates) if (tpl.data && /entryPoints:|certificatesResolvers:|middlewares:|api:|experimental:/.test(tpl.data)) readYaml(tpl.data, c, ep);
  // Middlewares the edge router's own services define in tags: other jobs' routers may use them.
  for (const s of job.groups.flatMap((g) => [...g.services, ...g.tasks.flatMap((x) => x.services)])) {
    for (const tag of s.tags) if ((m = /^traefik\.http\.middlewares\.([^.]+)\./i.exec(tag))) c.middlewares.add(m[1]);
  }
  const facts: string[] = [];
  if (c.entryPoints.size) {
    facts.push(`entrypoints ${[...c.entryPoints].map(([n, e]) => `${n}${e.address ? ` (${e.address}${e.tls ? ", TLS" : ""})` : e.tls ? " (TLS)" : ""}`).join(", ")}: routers of other jobs name them (site config ingress.entryPoints maps them to the site's)`);
  }
  if (c.resolvers.size) facts.push(`ACME certificate resolvers ${[...c.resolvers].join(", ")}: the Ingresses use the site's TLS secret; issue it with cert-manager or the controller's own resolver`);
  if (c.middlewares.size) facts.push(`middlewares ${[...c.middlewares].join(", ")} defined here: create them as Traefik Middleware objects in the namespaces of the routes that use them`);
  if (c.certificates) facts.push("TLS certificates from files (tls.certificates / the default certificate): the site's TLS secret must hold them");
  if (c.dashboard) facts.push("its dashboard (api): the controller chart's dashboard setting");
  if (c.metrics) facts.push("Prometheus metrics: the controller chart's metrics setting");
  if (c.plugins.size) facts.push(`plugins ${[...c.plugins].join(", ")}: the controller chart's experimental.plugins`);
  return facts;
}

function readYaml(data: string, c: TraefikConfig, ep: (name: string) => { address?: string; tls?: boolean }): void {
  let doc: unknown;
  try {
    // Go template actions (`{{ env "x" }}`) may sit inside quoted YAML strings: neutral text parses.
    doc = yaml().parse(data.replace(/\{\{[\s\S]*?\}\}/g, "tpl"));
  } catch {
    return;
  }
  if (!doc || typeof doc !== "object") return;
  const get = (o: unknown, k: string): unknown => (o && typeof o === "object" ? Object.entries(o).find(([key]) => key.toLowerCase() === k.toLowerCase())?.[1] : undefined);
  const entries = get(doc, "entryPoints");
  if (entries && typeof entries === "object") {
    for (const [name, v] of Object.entries(entries)) {
      const e = ep(name);
      const address = get(v, "address");
      if (typeof address === "string") e.address = address;
      if (get(get(v, "http"), "tls") !== undefined) e.tls = true;
    }
  }
  const resolvers = get(doc, "certificatesResolvers");
  if (resolvers && typeof resolvers === "object") for (const name of Object.keys(resolvers)) c.resolvers.add(name);
  const mws = get(get(doc, "http"), "middlewares");
  if (mws && typeof mws === "object") for (const name of Object.keys(mws)) c.middlewares.add(name);
  if (get(doc, "api") !== undefined) c.dashboard = true;
  if (get(get(doc, "metrics"), "prometheus") !== undefined) c.metrics = true;
  const plugins = get(get(doc, "experimental"), "plugins");
  if (plugins && typeof plugins === "object") for (const name of Object.keys(plugins)) c.plugins.add(name);
}
