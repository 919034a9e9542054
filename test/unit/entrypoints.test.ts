import { describe, expect, it } from "vitest";
import { siteConfigSchema } from "../../src/config/site-config.js";
import { Diagnostics } from "../../src/diagnostics.js";
import type { Service } from "../../src/nomad/model.js";
import { listenerAnnotations, reportEntryPoints, routeListeners } from "../../src/plan/network/entrypoints.js";
import { readRoutes } from "../../src/plan/network/routes.js";

const service = (tags: string[]): Service => ({ name: "web", port: "http", tags: ["traefik.enable=true", "traefik.http.routers.app.rule=Host(`app.example.com`)", ...tags], checks: [], path: "s" });
const config = siteConfigSchema.parse({});
const listeners = (tags: string[], site = config) => readRoutes(service(tags), new Diagnostics()).flatMap((r) => routeListeners(r, site));

// Where a router listened on Nomad's Traefik is what clients dial: the Ingress keeps it.
describe("Traefik entrypoints and TLS of a router", () => {
  it("keeps a plain-HTTP router plain, on its entrypoint", () => {
    expect(listeners(["traefik.http.routers.app.entrypoints=web"])).toEqual([{ entryPoints: ["web"], tls: false, siteDefault: false }]);
    const [l] = listeners(["traefik.http.routers.app.entrypoints=http"]);
    expect(listenerAnnotations(l, config)).toEqual({ "traefik.ingress.kubernetes.io/router.entrypoints": "http" });
  });

  it("serves TLS when the router had it (tls=true, a cert resolver) or its entrypoint is the TLS one", () => {
    expect(listeners(["traefik.http.routers.app.entrypoints=https", "traefik.http.routers.app.tls.certresolver=le"])).toEqual([{ entryPoints: ["https"], tls: true, siteDefault: false }]);
    expect(listeners(["traefik.http.routers.app.tls=true"])).toEqual([{ entryPoints: ["websecure"], tls: true, siteDefault: false }]);
    expect(listeners(["traefik.http.routers.app.entrypoints=websecure"])).toEqual([{ entryPoints: ["websecure"], tls: true, siteDefault: false }]);
  });

  it("gives a router on plain and TLS entrypoints one listener each, and a silent router the site default", () => {
    expect(listeners(["traefik.http.routers.app.entryPoints=web,websecure"])).toEqual([
      { entryPoints: ["web"], tls: false, siteDefault: false },
      { entryPoints: ["websecure"], tls: true, siteDefault: false },
    ]);
    const [l] = listeners([]);
    expect(l).toEqual({ entryPoints: ["websecure"], tls: true, siteDefault: true });
    expect(listenerAnnotations(l, config)).toEqual(config.ingress.annotations);
  });

  it("renames entrypoints the site config maps and reports the names it does not know", () => {
    const site = siteConfigSchema.parse({ ingress: { entryPoints: { web: "web", websecure: "websecure", http: "web" } } });
    expect(listeners(["traefik.http.routers.app.entrypoints=http"], site)).toEqual([{ entryPoints: ["web"], tls: false, siteDefault: false }]);
    const d = new Diagnostics();
    const routes = readRoutes(service(["traefik.http.routers.app.entrypoints=pihole-ui,http"]), d);
    reportEntryPoints(routes, site, d);
    expect(d.items.filter((i) => i.code === "N2K-INGRESS-015").map((i) => [i.severity, i.message])).toEqual([
      ["manual", expect.stringContaining(`entrypoint "pihole-ui": the Ingress keeps that entrypoint`)],
    ]);
  });
});
