import { describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/diagnostics.js";
import { edgeRouterSkip } from "../../src/infer/edge-routers.js";
import type { NomadJob } from "../../src/nomad/model.js";

const job = (image: string, templates: string[], args: string[] = []): NomadJob =>
  ({
    name: "proxy",
    groups: [{ name: "g", services: [], tasks: [{ name: "t", path: "job.proxy.group.g.task.t", config: { image, args }, env: {}, services: [], templates: templates.map((data) => ({ data, destination: "local/x", env: false, path: "p" })) }] }],
  }) as unknown as NomadJob;

describe("edge-router jobs", () => {
  it("skips a Traefik whose YAML static config reads the Consul catalog, listing what the site's controller needs", () => {
    const yaml = ["entryPoints:", "  http:", '    address: ":80"', "  https:", '    address: ":443"', "    http:", "      tls:", "        certResolver: le", "providers:", "  consulCatalog:", "    exposedByDefault: false", "certificatesResolvers:", "  le:", "    acme: {}", "api:", "  dashboard: true", "http:", "  routers:", "    dash:", '      rule: "Host(`{{ env "node_fqdn" }}`)"', "tls:", "  certificates:", "    - certFile: /c.pem"].join("\n");
    const s = edgeRouterSkip(job("docker.io/library/traefik:2.10", [yaml]), new Diagnostics());
    expect(s?.reason).toMatch(/runs Traefik, the fleet's edge router: it routes the services of the Consul catalog provider/);
    expect(s?.hint).toContain("entrypoints http (:80), https (:443, TLS)");
    expect(s?.hint).toContain("ACME certificate resolvers le");
    expect(s?.hint).toContain("dashboard");
    expect(s?.hint).toContain("TLS certificates from files");
  });

  it("skips a Traefik v1 TOML config on the Nomad provider, but converts whoami and a file-provider Traefik", () => {
    expect(edgeRouterSkip(job("traefik:1.7", ['[entryPoints.http]\naddress = ":80"\n[providers.nomad]\n']), new Diagnostics())?.hint).toContain("entrypoints http (:80)");
    const d = new Diagnostics();
    expect(edgeRouterSkip(job("traefik/whoami", [], ["--providers.consulcatalog"]), d)).toBeUndefined();
    expect(edgeRouterSkip(job("traefik:3", [], ["--providers.file.directory=/etc/traefik"]), d)).toBeUndefined();
    expect(d.items.map((i) => i.code)).toEqual(["N2K-JOB-012"]);
  });

  it("takes router tags on the Traefik job's own services (config not visible) as the catalog provider", () => {
    const j = job("traefik:v3", []);
    (j.groups[0] as { services: unknown[] }).services = [{ name: "dash", tags: ["traefik.http.routers.dash.middlewares=acl@consulcatalog"], checks: [], path: "s" }];
    expect(edgeRouterSkip(j, new Diagnostics())?.reason).toContain("its own services carry traefik.* router tags");
  });

  it("skips Fabio unless its registry backend is static", () => {
    expect(edgeRouterSkip(job("fabiolb/fabio", [], ["-proxy.addr", ":9999"]), new Diagnostics())?.hint).toContain("listeners :9999");
    expect(edgeRouterSkip(job("fabiolb/fabio", [], ["-registry.backend", "static"]), new Diagnostics())).toBeUndefined();
  });
});
