import { describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/diagnostics.js";
import { reportFleetRoutes, RouteIndex } from "../../src/plan/network/fleet-routes.js";

describe("routes across the jobs of a run", () => {
  const index = new RouteIndex();
  index.add("a", { routes: ["docs.example.org /guide", "* /"], middlewares: ["sso"], wanted: [] });
  index.add("b", { routes: ["docs.example.org /guide"], middlewares: [], wanted: ["sso", "ratelimit"] });
  index.add("c", { routes: ["docs.example.org /api"], middlewares: [], wanted: [] });

  it("tells each job of a shared host and path the other jobs, and who defines a middleware it wants", () => {
    expect(index.about("a", { routes: ["docs.example.org /guide", "* /"], middlewares: ["sso"], wanted: [] })).toEqual({ clashes: [["docs.example.org /guide", ["b"]]], definedBy: [] });
    expect(index.about("b", { routes: ["docs.example.org /guide"], middlewares: [], wanted: ["sso", "ratelimit"] })).toEqual({ clashes: [["docs.example.org /guide", ["a"]]], definedBy: [["sso", "a"]] });
    expect(index.about("c", { routes: ["docs.example.org /api"], middlewares: [], wanted: [] })).toBeUndefined();
  });

  it("reports a clash as a blocking step and names the defining job in the middleware step", () => {
    const diags = new Diagnostics({ job: "b" });
    diags.manual("N2K-INGRESS-004", "router r uses middlewares sso, ratelimit: Traefik Middleware objects sso, ratelimit must exist in the module's namespace before the route works (defined outside this job: referenced as <namespace>-<name>@kubernetescrd)", { path: "job.b.group.g.service.tags[0]" });
    reportFleetRoutes("b", { clashes: [["docs.example.org /guide", ["a"]]], definedBy: [["sso", "a"]] }, diags);
    const clash = diags.items.find((d) => d.code === "N2K-INGRESS-014")!;
    expect(clash.message).toBe('host docs.example.org path /guide is also routed by job "a" of this run: the ingress controller sends it to one of them only');
    expect(clash.blocking).toBe(true);
    const mw = diags.items.find((d) => d.code === "N2K-INGRESS-004")!;
    expect(mw.message).toContain('Traefik Middleware sso is defined by job "a" of this run');
    expect(mw.message).toContain("Traefik Middleware objects ratelimit must exist");
  });
});
