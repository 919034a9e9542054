import { describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/diagnostics.js";
import { consulAddresses, reportConsulAddresses } from "../../src/plan/network/consul-addresses.js";
import { answerPort } from "../../src/plan/network/service-directory.js";
import { renderServiceRanges, serviceRanges } from "../../src/plan/network/service-lookups.js";

describe("Consul addresses", () => {
  it("reads the service, tag, port and form of each address; SRV names are none", () => {
    const text = "postgres://db.service.consul:5432 http.nomad.service.consul:4646 web.virtual.consul loki.service.dc1.consul:3100 _mqtt._tcp.service.consul";
    expect(consulAddresses(text)).toEqual([
      { text: "db.service.consul:5432", service: "db", port: 5432, kind: "service" },
      { text: "http.nomad.service.consul:4646", service: "nomad", tag: "http", port: 4646, kind: "service" },
      { text: "web.virtual.consul", service: "web", kind: "virtual" },
      { text: "loki.service.dc1.consul:3100", service: "loki", port: 3100, kind: "service" },
    ]);
  });

  it("is one manual step per address, naming it and what replaces it", () => {
    const d = new Diagnostics();
    reportConsulAddresses("redis.service.consul:6379 redis.service.consul:6379 consul.service.consul:8500 _mqtt._tcp.service.consul", d, "p", '"X"');
    expect(d.items.map((i) => [i.code, i.message])).toEqual([
      ["N2K-CONSUL-001", 'Consul address redis.service.consul:6379 in "X": no job of this run registers "redis"'],
      ["N2K-CONSUL-001", 'Consul address consul.service.consul:8500 in "X": no job of this run registers "consul"'],
      ["N2K-CONSUL-001", 'Consul DNS name _mqtt._tcp.service.consul in "X": Kubernetes DNS does not answer it'],
    ]);
    expect(d.items[0].hint).toContain("<service>.<namespace>.svc.cluster.local:6379");
    expect(d.items[1].hint).toContain("the Consul servers");
  });
});

describe("range service", () => {
  const target = (s: string) => (s === "app" ? { host: "app.ns.svc.cluster.local", port: 8080 } : undefined);

  it("renders a block of a known service once, with trim markers and without its else branch", () => {
    const text = 'a\n{{- range service "tag.app|passing" }}\n  server {{ .Node }} {{ .Address }}:{{ .Port }}\n{{- else }}\n  none\n{{- end }}\nb';
    expect(renderServiceRanges(text, target)).toEqual({ text: "a\n  server app app.ns.svc.cluster.local:8080\nb", rendered: ["app"] });
  });

  it("leaves unknown services and bodies reading more than the instance's address", () => {
    const text = '{{ range service "other" }}{{ .Address }}{{ end }} {{ range service "app" }}{{ .ServiceMeta.x }}{{ end }}';
    expect(renderServiceRanges(text, target)).toEqual({ text, rendered: [] });
    expect(serviceRanges(text).map((r) => r.service)).toEqual(["other", "app"]);
  });
});

describe("the port a Consul name answers on", () => {
  it("is one rule for addresses without a port and range service: the name's port, else the Service's only one", () => {
    expect(answerPort({ ports: { web: 80, api: 9000 } }, "api")).toBe(9000);
    expect(answerPort({ ports: { web: 80 } }, "web-alias")).toBe(80);
    expect(answerPort({ ports: { web: 80, api: 9000 } }, "other")).toBeUndefined();
  });
});
