// Routes and Traefik middlewares across the jobs of one run. Two jobs whose Ingresses (or
// IngressRoutes) take the same host and path would each get an object, and the controller would
// send that path to one of them, unsaid; a middleware one job references and another defines is
// a module to apply, not an unknown.
import type { Diagnostics } from "../../diagnostics.js";
import { hasModuleRef, isExpr, type HclVal } from "../hcl-value.js";
import type { ModulePlan } from "../model.js";

/** What one job brings to the run's route index: its host+path keys, the middlewares it defines, those it references from elsewhere. */
export interface JobRoutes {
  routes: string[];
  middlewares: string[];
  wanted: string[];
}

/** What the run tells a job: the keys it shares with other jobs, and who defines the middlewares it wants. */
export interface FleetRoutes {
  clashes: [string, string[]][];
  definedBy: [string, string][];
}

const MISSING = /Traefik Middleware objects (.+?) must exist in the module's namespace before the route works \(defined outside this job: referenced as <namespace>-<name>@kubernetescrd\)/;

/** `host path` for each Ingress path (`*` for a rule without host) and `match` for each IngressRoute route. */
export function jobRoutes(plan: ModulePlan, job: string, diags: Diagnostics): JobRoutes {
  const routes = new Set<string>();
  for (const ing of plan.ingresses) {
    for (const rule of ing.rules) {
      const host = rule.host === undefined ? "*" : hostValue(rule.host, plan);
      // A host from a module input without default is the operator's to choose: no clash can be told now.
      if (host === undefined) continue;
      for (const p of rule.paths) routes.add(`${host} ${p.path}`);
    }
  }
  for (const r of plan.ingressRoutes ?? []) for (const route of r.routes) routes.add(`rule ${route.match}`);
  const wanted = diags.items.filter((d) => d.code === "N2K-INGRESS-004" && d.path?.startsWith(`job.${job}.`)).flatMap((d) => MISSING.exec(d.message)?.[1].split(", ") ?? []);
  return { routes: [...routes], middlewares: (plan.middlewares ?? []).map((m) => m.name), wanted: [...new Set(wanted)] };
}

/** A literal host, or the default of the module input that holds it (`var.hostname`, as applied unedited). */
function hostValue(host: HclVal, plan: ModulePlan): string | undefined {
  if (typeof host === "string" && !hasModuleRef(host)) return host;
  const code = typeof host === "string" ? /^\uE000(var\.[A-Za-z_][\w-]*)\uE001$/.exec(host)?.[1] : isExpr(host) ? host.$expr : undefined;
  const name = code && /^var\.([A-Za-z_][\w-]*)$/.exec(code)?.[1];
  const d = name ? plan.variables.find((v) => v.name === name)?.default : undefined;
  return typeof d === "string" && !hasModuleRef(d) ? d : undefined;
}

/** The run's routes and middlewares, job by job, in input order. */
export class RouteIndex {
  private readonly routes = new Map<string, string[]>();
  private readonly middlewares = new Map<string, string>();
  add(job: string, r: JobRoutes): void {
    for (const key of r.routes) this.routes.set(key, [...(this.routes.get(key) ?? []), job]);
    for (const m of r.middlewares) if (!this.middlewares.has(m)) this.middlewares.set(m, job);
  }
  /** What a job must be told; undefined when nothing. */
  about(job: string, r: JobRoutes): FleetRoutes | undefined {
    const clashes = r.routes.map((k): [string, string[]] => [k, (this.routes.get(k) ?? []).filter((j) => j !== job)]).filter(([, others]) => others.length > 0);
    const definedBy = r.wanted.flatMap((m): [string, string][] => {
      const owner = this.middlewares.get(m);
      return owner && owner !== job ? [[m, owner]] : [];
    });
    return clashes.length || definedBy.length ? { clashes, definedBy } : undefined;
  }
}

/** A blocking step per route another job also takes; middleware steps name the job that defines them. */
export function reportFleetRoutes(job: string, fleet: FleetRoutes, diags: Diagnostics): void {
  for (const [key, others] of fleet.clashes) {
    const what = key.startsWith("rule ") ? `the IngressRoute rule ${key.slice(5)}` : `host ${key.split(" ")[0] === "*" ? "(any)" : key.split(" ")[0]} path ${key.slice(key.indexOf(" ") + 1)}`;
    diags.manual("N2K-INGRESS-014", `${what} is also routed by job${others.length > 1 ? "s" : ""} ${others.map((o) => `"${o}"`).join(", ")} of this run: the ingress controller sends it to one of them only`, {
      path: `job.${job}`,
      blocking: true,
      hint: "give each job its own host or path (or keep the route in one module only), as Traefik's priorities decided it on Nomad",
    });
  }
  if (!fleet.definedBy.length) return;
  const owner = new Map(fleet.definedBy);
  for (const d of diags.items) {
    if (d.code !== "N2K-INGRESS-004" || !d.path?.startsWith(`job.${job}.`)) continue;
    const m = MISSING.exec(d.message);
    if (!m) continue;
    const names = m[1].split(", ");
    const elsewhere = names.filter((n) => !owner.has(n));
    const byJob = names.filter((n) => owner.has(n)).map((n) => `Traefik Middleware ${n} is defined by job "${owner.get(n)}" of this run: apply its module in the same namespace`);
    const rest = elsewhere.length ? [`Traefik Middleware objects ${elsewhere.join(", ")} must exist in the module's namespace before the route works (defined outside this run: referenced as <namespace>-<name>@kubernetescrd)`] : [];
    d.message = d.message.replace(m[0], [...byJob, ...rest].join("; "));
  }
}

export const NO_ROUTES: JobRoutes = { routes: [], middlewares: [], wanted: [] };
