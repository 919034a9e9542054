import { describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/diagnostics.js";
import type { Service } from "../../src/nomad/model.js";
import { readMiddlewares } from "../../src/plan/network/traefik-middlewares.js";

const service = (tags: string[]): Service => ({ name: "web", port: "http", tags, checks: [], path: "s" });

// The options a tag may set are read from the Middleware CRD's shape (traefik-middleware-spec.ts),
// the one the check holds written objects against.
describe("Traefik middleware tags", () => {
  it("carries every option the CRD has, nested ones at any depth, with the CRD's spelling and type", () => {
    const d = new Diagnostics();
    const defs = readMiddlewares(
      [service(["traefik.http.middlewares.lim.ratelimit.average=10", "traefik.http.middlewares.lim.ratelimit.sourcecriterion.ipstrategy.depth=2", "traefik.http.middlewares.csp.headers.contentsecuritypolicyreportonly=default-src 'self'"])],
      d,
    );
    expect(defs.map((x) => [x.name, x.spec])).toEqual([
      ["lim", { rateLimit: { average: 10, sourceCriterion: { ipStrategy: { depth: 2 } } } }],
      ["csp", { headers: { contentSecurityPolicyReportOnly: "default-src 'self'" } }],
    ]);
    expect(d.items.filter((i) => i.severity !== "info")).toEqual([]);
  });

  it("leaves a middleware with an option the CRD does not have to the operator; basicAuth users go to a Secret", () => {
    const d = new Diagnostics();
    const defs = readMiddlewares([service(["traefik.http.middlewares.x.ratelimit.bogus=1", "traefik.http.middlewares.auth.basicauth.users=a:$apr1$x"])], d);
    expect(defs.map((x) => [x.name, x.users])).toEqual([["auth", ["a:$apr1$x"]]]);
    expect(d.items.map((i) => i.message)).toEqual([expect.stringMatching(/^Traefik middleware x: traefik\.http\.middlewares\.x\.ratelimit\.bogus cannot be written/)]);
  });
});
