import { describe, expect, it } from "vitest";
import { defaultSiteConfig } from "../../src/config/site-config.js";
import { Diagnostics } from "../../src/diagnostics.js";
import type { Group, Service, Task } from "../../src/nomad/model.js";
import { splitImage } from "../../src/plan/workload/image.js";
import { resolveString, resolveValue, type InterpContext } from "../../src/plan/interpolate.js";
import { dataKey, dnsLabel, portName, tfIdent } from "../../src/plan/names.js";
import { mapConstraints } from "../../src/plan/workload/placement.js";
import { portsOf } from "../../src/plan/network/ports.js";
import { chooseTier, resourceEnv } from "../../src/plan/workload/resources.js";

const tiers = defaultSiteConfig().tiers;
const mib = (q: string) => (q.endsWith("Gi") ? Number(q.slice(0, -2)) * 1024 : Number(q.slice(0, -2)));
import { readRoutes } from "../../src/plan/network/routes.js";
import { planServicePorts } from "../../src/plan/network/service-ports.js";
import { claimPodPorts } from "../../src/plan/network/pod-ports.js";
import { portProtocols } from "../../src/plan/network/protocols.js";
import { kubernetesMiddleware } from "../../src/plan/network/traefik.js";
import { splitByAnnotations } from "../../src/plan/network/ingress.js";
import type { Route } from "../../src/plan/network/route-model.js";
import { readableRefs } from "../../src/plan/hcl-value.js";

const toInput = (label: string) => `${label}_port`;

const task = (resources: Task["resources"]): Task => ({
  name: "t", driver: "docker", config: { ports: [], capAdd: [], capDrop: [], volumes: [], mounts: [] }, env: {}, templates: [], resources, volumeMounts: [], services: [], devices: [], constraints: [], path: "job.x.group.g.task.t",
});

describe("names", () => {
  it.each([
    ["web", "web"],
    ["My App_v2", "my-app-v2"],
    ["../../etc/passwd", "etc-passwd"],
    ["---", "job"],
    ["a".repeat(80), "a".repeat(63)],
  ])("%j → DNS-1123 %j", (input, want) => expect(dnsLabel(input)).toBe(want));

  it("makes Terraform identifiers and port names", () => {
    expect(tfIdent("nginx-sites")).toBe("nginx_sites");
    expect(tfIdent("9lives")).toBe("_9lives");
    expect(portName("very-long-port-label-name")).toBe("very-long-port");
    expect(portName("8080")).toBe("port-8080");
    expect(portName("a__b")).toBe("a-b");
    expect(dataKey("my file (1).conf")).toBe("my_file_1_.conf");
  });
});

describe("resource tiers", () => {
  it.each([
    [{ cpu: 50, memory: 64 }, "light"],
    [{ cpu: 51, memory: 64 }, "medium"],
    [{ cpu: 100, memory: 128, memoryMax: 512 }, "medium"],
    [{ cpu: 300, memory: 600 }, "heavy"],
    [{ cpu: 500, memory: 1024 }, "heavy"],
    [{ cpu: 125, memory: 512 }, "heavy"],
    [{ cores: 1, memory: 64 }, "custom"],
    [{ cpu: 100, memory: 128, memoryMax: 600 }, "custom"],
  ])("%j → %s", (res, want) => {
    expect(chooseTier(task(res), tiers, { gpu: false }, new Diagnostics()).tier).toBe(want);
  });

  it("never reserves more than 2× the Nomad memory or 4× its cpu (the MAPPING.md example)", () => {
    const d = new Diagnostics();
    // Heavy would be the smallest fit: a 1Gi request for 150 MB is 6.8×.
    const t = chooseTier(task({ cpu: 100, memory: 150 }), tiers, { gpu: false }, d);
    expect(t).toMatchObject({ tier: "custom", requests: { cpu: "100m", memory: "150Mi" }, limits: { cpu: "500m", memory: "300Mi" } });
    expect(d.items.map((i) => [i.code, i.severity])).toEqual([["N2K-RES-006", "info"]]);
    expect(d.items[0].message).toContain("heavy tier would over-provision (memory request 6.8×");
  });

  it("takes memory_max as the memory limit and the CPU limit of the tier that covers the cpu", () => {
    const t = chooseTier(task({ cpu: 200, memory: 256, memoryMax: 1024 }), tiers, { gpu: false }, new Diagnostics());
    expect(t).toMatchObject({ tier: "custom", requests: { cpu: "200m", memory: "256Mi" }, limits: { cpu: "2000m", memory: "1Gi" } });
    // Over on CPU only: light's 50m is 5× of 10 MHz; the CPU limit is light's own.
    const small = chooseTier(task({ cpu: 10, memory: 48 }), tiers, { gpu: false }, new Diagnostics());
    expect(small).toMatchObject({ tier: "custom", requests: { cpu: "10m", memory: "48Mi" }, limits: { cpu: "200m", memory: "96Mi" } });
  });

  it("sizes a task without resources from Nomad's defaults (cpu 100, memory 300)", () => {
    const d = new Diagnostics();
    const t = chooseTier(task({}), tiers, { gpu: false }, d);
    expect(t).toMatchObject({ tier: "custom", requests: { cpu: "100m", memory: "300Mi" }, limits: { cpu: "500m", memory: "600Mi" }, nomad: { cpu: 100, memory: 300, defaulted: true } });
    expect(d.items.map((i) => i.code)).toEqual(["N2K-RES-002"]);
  });

  it("keeps a site tier that fits within the bounds", () => {
    const site = [{ name: "s", cpuRequest: 100, cpuLimit: 400, memoryRequest: 256, memoryLimit: 512, gpu: false }];
    expect(chooseTier(task({ cpu: 100, memory: 128 }), site, { gpu: false }, new Diagnostics()).tier).toBe("s");
    expect(chooseTier(task({ cpu: 100, memory: 127 }), site, { gpu: false }, new Diagnostics()).tier).toBe("custom");
  });

  it("sizes from the Nomad values when no tier covers the job: an info within the largest tier's limits", () => {
    const d = new Diagnostics();
    // 1 CPU / 1 GB: above heavy's 500m request, within its 2000m / 4Gi limits.
    const t = chooseTier(task({ cpu: 1000, memory: 1024 }), tiers, { gpu: false }, d);
    expect(t).toMatchObject({ tier: "custom", requests: { cpu: "1000m", memory: "1Gi" }, limits: { cpu: "2000m", memory: "2Gi" } });
    expect(d.items.map((i) => [i.code, i.severity])).toEqual([["N2K-RES-007", "info"]]);
    expect(d.items[0].message).toContain("within the heavy tier's limits");
  });

  it("warns when a job needs more than the largest tier's limits", () => {
    const d = new Diagnostics();
    const t = chooseTier(task({ cpu: 3000, memory: 5000 }), tiers, { gpu: false }, d);
    expect(t).toMatchObject({ tier: "custom", requests: { cpu: "3000m", memory: "5056Mi" }, limits: { cpu: "6000m", memory: "10112Mi" } });
    expect(d.items.map((i) => [i.code, i.severity])).toEqual([["N2K-RES-004", "warning"]]);
    expect(d.items[0].message).toContain("limited to 2000m / 4Gi");
    // memory_max alone beyond the largest limit is beyond it too.
    const d2 = new Diagnostics();
    chooseTier(task({ cpu: 1000, memory: 1024, memoryMax: 8192 }), tiers, { gpu: false }, d2);
    expect(d2.items.map((i) => i.code)).toEqual(["N2K-RES-004"]);
  });

  it("caps the memory limit at memory_max beyond the largest tier, as Nomad does", () => {
    const t = chooseTier(task({ cpu: 2000, memory: 6000, memoryMax: 8192 }), tiers, { gpu: false }, new Diagnostics());
    expect(t).toMatchObject({ tier: "custom", requests: { cpu: "2000m", memory: "6016Mi" }, limits: { cpu: "4000m", memory: "8Gi" } });
  });

  it("sizes a GPU job the GPU tier does not cover from the Nomad values, warning beyond its limits", () => {
    const within = new Diagnostics();
    // An ollama-like task: 2 CPU / 4 GB is above the GPU tier's 500m / 2Gi requests.
    expect(chooseTier(task({ cpu: 2000, memory: 4096 }), tiers, { gpu: true }, within)).toMatchObject({ tier: "custom", requests: { cpu: "2000m", memory: "4Gi" }, limits: { cpu: "4000m", memory: "8Gi" } });
    expect(within.items.map((i) => [i.code, i.severity])).toEqual([["N2K-RES-007", "info"]]);
    const beyond = new Diagnostics();
    expect(chooseTier(task({ cpu: 4000, memory: 16384 }), tiers, { gpu: true }, beyond)).toMatchObject({ tier: "custom", requests: { cpu: "4000m", memory: "16Gi" } });
    expect(beyond.items.map((i) => [i.code, i.severity])).toEqual([["N2K-RES-005", "warning"]]);
  });

  it("gives GPU work the GPU tier only when it neither under- nor over-provisions, and honours an override", () => {
    expect(chooseTier(task({ cpu: 400, memory: 1500 }), tiers, { gpu: true }, new Diagnostics()).tier).toBe("gpu");
    // Nomad's defaults (cpu 100, memory 300) under the GPU tier's 2Gi request would be 6.8×.
    const d = new Diagnostics();
    expect(chooseTier(task({}), tiers, { gpu: true }, d)).toMatchObject({ tier: "custom", requests: { cpu: "100m", memory: "300Mi" }, limits: { cpu: "2000m", memory: "600Mi" } });
    expect(d.items.map((i) => i.code)).toEqual(["N2K-RES-002"]);
    expect(chooseTier(task({ cpu: 10 }), tiers, { gpu: false, override: "heavy" }, new Diagnostics()).tier).toBe("heavy");
    expect(chooseTier(task({ cpu: 10 }), tiers, { gpu: true, override: "gpu" }, new Diagnostics()).tier).toBe("gpu");
  });
});

describe("routes", () => {
  const svc = (tags: string[]): Service => ({ tags, checks: [], path: "s", port: "http" });
  const rules = (tags: string[], d = new Diagnostics()) => readRoutes(svc(tags), d).map((r) => r.rules);

  it("reads Host || Host, && with a parenthesised ||, and middlewares", () => {
    const d = new Diagnostics();
    const routes = readRoutes(svc(["traefik.http.routers.r.rule=Host(`a.x`) || Host(`b.x`) && (PathPrefix(`/api`) || Path(`/v`))", "traefik.http.routers.r.middlewares=m1, m2"]), d);
    expect(routes.map((r) => [r.router, r.rules, r.middlewares])).toEqual([
      [
        "r",
        [
          { host: "a.x", paths: [{ path: "/", type: "Prefix" }] },
          { host: "b.x", paths: [{ path: "/api", type: "Prefix" }] },
          { host: "b.x", paths: [{ path: "/v", type: "Exact" }] },
        ],
        ["m1", "m2"],
      ],
    ]);
    expect(d.items.map((i) => i.code)).toEqual(["N2K-INGRESS-004"]);
  });

  it("maps HostRegexp to a one-label wildcard or to any host, and path-only rules to no host", () => {
    expect(rules(["traefik.http.routers.w.rule=HostRegexp(`{sub:[a-z0-9-]+}.example.com`)"])).toEqual([[{ host: "*.example.com", paths: [{ path: "/", type: "Prefix" }] }]]);
    expect(rules(["traefik.http.routers.w.rule=HostRegexp(`^[a-z]+\\.example\\.com$`)"])).toEqual([[{ host: "*.example.com", paths: [{ path: "/", type: "Prefix" }] }]]);
    expect(rules(["traefik.http.routers.w.rule=HostRegexp(`{any:.+}`) && PathPrefix(`/p`)"])).toEqual([[{ paths: [{ path: "/p", type: "Prefix" }] }]]);
    expect(rules(["traefik.http.routers.p.rule=PathPrefix(`/whoami`)"])).toEqual([[{ paths: [{ path: "/whoami", type: "Prefix" }] }]]);
    const d = new Diagnostics();
    // Not one label: the router keeps its rule in an IngressRoute, with no Ingress rule.
    const multi = readRoutes(svc(["traefik.http.routers.w.rule=HostRegexp(`{sub:[a-z.]+}.example.com`)"]), d);
    expect(multi.map((r) => [r.rules, r.ingressRoute])).toEqual([[[], { match: "HostRegexp(`{sub:[a-z.]+}.example.com`)", syntax: "v2" }]]);
    expect(d.items.map((i) => i.code)).toEqual(["N2K-INGRESS-013"]);
  });

  it("keeps v2 rules an Ingress cannot express in an IngressRoute, and reports rules it cannot read", () => {
    const d = new Diagnostics();
    const whole = readRoutes(svc(["traefik.http.routers.r.rule=Host(`a.x`) && PathRegexp(`^/v[0-9]+`)", "traefik.http.routers.p.rule=Host(`b.x`)", "traefik.http.routers.p.priority=5"]), d);
    expect(whole.map((r) => [r.router, r.rules, r.ingressRoute])).toEqual([
      ["r", [], { match: "Host(`a.x`) && PathRegexp(`^/v[0-9]+`)" }],
      ["p", [], { match: "Host(`b.x`)", priority: 5 }],
    ]);
    expect(rules(["traefik.http.routers.m.rule=Method(`PUT`)", "traefik.http.routers.i.rule=Host(`10.1.1.1`)", "traefik.http.routers.b.rule=Host(`a.x`"], d)).toEqual([[], []]);
    expect(d.items.map((i) => i.code)).toEqual(["N2K-INGRESS-013", "N2K-INGRESS-013", "N2K-INGRESS-007", "N2K-INGRESS-013", "N2K-INGRESS-013"]);
    // Traefik v1 frontends still drop what an Ingress cannot check, and say so.
    const v1 = new Diagnostics();
    expect(rules(["traefik.frontend.rule=Host:a.x;Method:GET"], v1)).toEqual([[{ host: "a.x", paths: [{ path: "/", type: "Prefix" }] }]]);
    expect(v1.items.map((i) => i.code)).toEqual(["N2K-INGRESS-002"]);
  });

  it("reads Traefik v1 frontend rules; path stripping becomes a StripPrefix Middleware", () => {
    const d = new Diagnostics();
    expect(rules(["traefik.frontend.rule=Host:a.x,b.x", "traefik.frontend.entryPoints=https"], d)).toEqual([
      [
        { host: "a.x", paths: [{ path: "/", type: "Prefix" }] },
        { host: "b.x", paths: [{ path: "/", type: "Prefix" }] },
      ],
    ]);
    expect(rules(["traefik.frontend.rule=Host:a.x;PathPrefixStrip:/x"], d)).toEqual([[{ host: "a.x", paths: [{ path: "/x", type: "Prefix" }] }]]);
    expect(d.items.map((i) => [i.code, i.severity])).toEqual([["N2K-INGRESS-008", "info"]]);
    expect(readRoutes(svc(["traefik.frontend.rule=Host:a.x;PathPrefixStrip:/x"]), d, new Set(), "web")[0].rewrite).toEqual({ name: "web-strip-x", spec: { stripPrefix: { prefixes: ["/x"] } } });
    const port = readRoutes(svc(["traefik.frontend.rule=Host:a.x", "traefik.port=9000"]), new Diagnostics());
    expect(port[0].port).toBe(9000);
  });

  it("reads Fabio urlprefix tags; a TCP route is reported", () => {
    const d = new Diagnostics();
    expect(rules(["urlprefix-a.x/", "urlprefix-/api strip=/api", "urlprefix-:3306 proto=tcp"], d)).toEqual([
      [{ host: "a.x", paths: [{ path: "/", type: "Prefix" }] }],
      [{ paths: [{ path: "/api", type: "Prefix" }] }],
    ]);
    expect(d.items.map((i) => i.code)).toEqual(["N2K-INGRESS-008", "N2K-INGRESS-007"]);
  });

  it("honours traefik.enable=false, picks the router's service port, and reports TCP routers", () => {
    const d = new Diagnostics();
    expect(readRoutes(svc(["traefik.enable=false", "traefik.http.routers.r.rule=Host(`a`)"]), d)).toEqual([]);
    const r = readRoutes(svc(["traefik.http.routers.r.rule=Host(`a.x`)", "traefik.http.routers.r.service=s", "traefik.http.services.s.loadbalancer.server.port=9090"]), d);
    expect(r[0].port).toBe(9090);
    readRoutes(svc(["traefik.tcp.routers.t.rule=HostSNI(`*`)"]), d);
    expect(d.items.map((i) => i.code)).toEqual(["N2K-INGRESS-007"]);
  });

  it("reads router tags under a custom Traefik prefix", () => {
    expect(rules(["edge.enable=true", "edge.http.routers.r.rule=Host(`a.x`)"])).toEqual([[{ host: "a.x", paths: [{ path: "/", type: "Prefix" }] }]]);
  });

  it("says when Traefik is enabled without a router rule", () => {
    const d = new Diagnostics();
    expect(readRoutes(svc(["traefik.enable=true"]), d)).toEqual([]);
    expect(d.items.map((i) => i.code)).toEqual(["N2K-INGRESS-010"]);
  });
});

describe("runtime interpolation", () => {
  const ctx = (): InterpContext => ({ ports: new Map([["http", 8080]]), appName: "app", group: "g", task: "t", hostname: "app.example.com", usedDirs: new Set(), diags: new Diagnostics() });
  it("resolves ports, addresses and task directories", () => {
    const c = ctx();
    expect(resolveString("${NOMAD_PORT_http} ${NOMAD_HOST_PORT_http} ${NOMAD_ADDR_http} ${NOMAD_TASK_DIR}/x ${NOMAD_ALLOC_DIR}", c, "p")).toBe("8080 8080 localhost:8080 /local/x /alloc");
    expect([...c.usedDirs].sort()).toEqual(["/alloc", "/local"]);
  });
  it("finds a port whose label has a hyphen by the env var name Nomad gives it", () => {
    const c: InterpContext = { ...ctx(), ports: new Map([["minio-api", 9000], ["http", 8080]]) };
    // Nomad cleans env var names: port "minio-api" is NOMAD_PORT_minio_api.
    expect(resolveString("${NOMAD_PORT_minio_api} ${NOMAD_HOST_PORT_minio_api} ${NOMAD_ALLOC_PORT_minio_api} ${NOMAD_ADDR_minio_api} ${NOMAD_ALLOC_ADDR_minio_api}", c, "p")).toBe("9000 9000 9000 localhost:9000 localhost:9000");
    // Escaped in HCL2 (`$${…}`), Nomad still fills it in args and env values.
    expect(resolveString("0.0.0.0:$${NOMAD_PORT_minio_api}", { ...c, downward: new Map() }, "p")).toBe("0.0.0.0:9000");
    expect(resolveString("${NOMAD_IP_minio_api} ${NOMAD_ALLOC_IP_minio_api}", c, "p")).toBe("0.0.0.0 0.0.0.0");
    expect(c.diags.items.filter((i) => i.code === "N2K-INTERP-001")).toEqual([]);
    expect(resolveString("${NOMAD_PORT_minio_ui}", c, "p")).toBe("${NOMAD_PORT_minio_ui}");
  });
  it("reports node attributes and keeps them as text", () => {
    const c = ctx();
    expect(resolveString("${attr.unique.hostname}", c, "p")).toBe("${attr.unique.hostname}");
    expect(c.diags.items.map((i) => [i.code, i.severity])).toEqual([["N2K-INTERP-001", "warning"]]);
    // In env, command or args, left as text the app reads a wrong value: blocking, not a warning.
    const env = { ...ctx(), downward: new Map<string, string>() };
    expect(resolveString("--rack=${meta.rack} --os=${attr.kernel.name}", env, "p")).toBe("--rack=${meta.rack} --os=${attr.kernel.name}");
    expect(env.diags.items.map((i) => [i.code, i.severity, i.blocking])).toEqual([["N2K-INTERP-001", "manual", true], ["N2K-INTERP-001", "manual", true]]);
  });
  it("fills Nomad's resource variables with Nomad's numbers within the container's sizing, in MiB and MHz-as-millicores", () => {
    const sized = (res: Task["resources"]) => resourceEnv(chooseTier(task(res), tiers, { gpu: false }, new Diagnostics()));
    const t = chooseTier(task({ cpu: 500, memory: 512 }), tiers, { gpu: false }, new Diagnostics());
    const env = sized({ cpu: 500, memory: 512 });
    // No memory_max: Nomad gave the task 512 MiB (a heap sized from it ran so), within the container's limit.
    expect(mib(t.limits.memory)).toBeGreaterThanOrEqual(512);
    expect(env.NOMAD_MEMORY_LIMIT).toBe("512");
    expect(env.NOMAD_MEMORY_MAX_LIMIT).toBe("512");
    expect(env.NOMAD_CPU_LIMIT).toBe(t.limits.cpu.replace(/m$/, ""));
    // memory_max: NOMAD_MEMORY_LIMIT is Nomad's reservation, the max memory_max, each capped by request/limit.
    const withMax = chooseTier(task({ cpu: 200, memory: 256, memoryMax: 1024 }), tiers, { gpu: false }, new Diagnostics());
    expect(resourceEnv(withMax)).toMatchObject({
      NOMAD_MEMORY_LIMIT: String(Math.min(256, mib(withMax.requests.memory))),
      NOMAD_MEMORY_MAX_LIMIT: String(Math.min(1024, mib(withMax.limits.memory))),
    });
    // A container limit below Nomad's number caps it: the heap never outgrows the container.
    expect(resourceEnv({ ...t, limits: { cpu: "2500m", memory: "384Mi" } })).toMatchObject({ NOMAD_CPU_CORES: "0-1", NOMAD_MEMORY_LIMIT: "384", NOMAD_CPU_LIMIT: "2500" });
    expect(resourceEnv({ ...t, limits: { cpu: "500m", memory: "1Gi" } })).toMatchObject({ NOMAD_CPU_CORES: "0", NOMAD_MEMORY_LIMIT: "512" });
    const c = { ...ctx(), resources: { NOMAD_MEMORY_LIMIT: "1024", NOMAD_CPU_CORES: "0-1" }, downward: new Map<string, string>() };
    expect(resolveString("-Xmx${NOMAD_MEMORY_LIMIT}m", c, "p")).toBe("-Xmx1024m");
    // Written escaped ($${…} in HCL2) Nomad fills it too in args.
    expect(resolveString("-Xmx$${NOMAD_MEMORY_LIMIT}m -XX:ActiveProcessorCount=${NOMAD_CPU_CORES}", c, "p")).toBe("-Xmx1024m -XX:ActiveProcessorCount=0-1");
    expect(c.diags.items.map((i) => i.code)).toEqual(["N2K-INTERP-006", "N2K-INTERP-007"]);
  });
  it("takes node and pod facts from the downward API where Kubernetes expands $(VAR)", () => {
    const c = { ...ctx(), downward: new Map<string, string>() };
    expect(resolveString("http://${attr.unique.network.ip-address}:${NOMAD_PORT_http} on ${node.unique.name} as ${NOMAD_ALLOC_ID}", c, "p")).toBe("http://$(HOST_IP):8080 on $(NODE_NAME) as $(POD_UID)");
    expect([...c.downward]).toEqual([["HOST_IP", "status.hostIP"], ["NODE_NAME", "spec.nodeName"], ["POD_UID", "metadata.uid"]]);
    expect(c.diags.items.map((i) => i.code)).toEqual(["N2K-INTERP-002", "N2K-INTERP-002", "N2K-INTERP-002"]);
  });

  it("turns the ingress URL into var.hostname", () => {
    expect(resolveValue("https://app.example.com", ctx(), "p")).toEqual({ $tpl: ["https://", { $expr: "var.hostname" }, ""] });
    expect(resolveValue("app.example.com", ctx(), "p")).toEqual({ $expr: "var.hostname" });
  });
  it("resolves Connect upstream variables to Nomad's local address and records where they landed", () => {
    const c: InterpContext = { ...ctx(), upstreams: new Map([["count_api", { service: "count-api", bindPort: 8080 }]]), upstreamRefs: [] };
    expect(resolveString("http://${NOMAD_UPSTREAM_ADDR_count_api}/ ${NOMAD_UPSTREAM_PORT_count_api}", c, "job.x.env.U")).toBe("http://127.0.0.1:8080/ 8080");
    expect(c.upstreamRefs!.map((r) => r.kind)).toEqual(["addr", "port"]);
    expect(c.diags.items.map((i) => i.code)).toEqual(["N2K-CONNECT-002", "N2K-CONNECT-002"]);
    expect(resolveString("${NOMAD_UPSTREAM_ADDR_other}", c, "p")).toBe("${NOMAD_UPSTREAM_ADDR_other}");
  });
  it("flags Consul DNS names as a manual step", () => {
    const c = ctx();
    resolveString("db.service.consul:5432", c, "job.x.env.DB");
    expect(c.diags.items.map((i) => i.code)).toEqual(["N2K-CONSUL-001"]);
  });
});

describe("placement and ports", () => {
  it("maps node name and arch constraints; reports others", () => {
    const d = new Diagnostics();
    const p = mapConstraints(
      [
        { attribute: "${node.unique.name}", value: "Hestia", path: "a" },
        { attribute: "${attr.cpu.arch}", operator: "!=", value: "x86_64", path: "b" },
        { attribute: "${meta.tier}", value: "gold", path: "c" },
      ],
      d,
    );
    expect(p).toEqual({ nodeSelector: { "kubernetes.io/hostname": "hestia" }, archValues: ["amd64"], archOperator: "NotIn" });
    expect(d.items.map((i) => [i.code, i.path])).toEqual([["N2K-PLACE-001", "c"]]);
  });

  it("maps an attr.unique.hostname constraint like node.unique.name, with an info; escaped or not", () => {
    const d = new Diagnostics();
    const p = mapConstraints([{ attribute: "$${attr.unique.hostname}", value: "Node-7", path: "a" }], d);
    expect(p.nodeSelector).toEqual({ "kubernetes.io/hostname": "node-7" });
    expect(d.items.map((i) => [i.code, i.severity])).toEqual([["N2K-PLACE-004", "info"]]);
    const other = new Diagnostics();
    // Only equality is a node selector; a regexp or a set stays a manual step.
    expect(mapConstraints([{ attribute: "${attr.unique.hostname}", operator: "regexp", value: "node-[0-9]+", path: "b" }], other).nodeSelector).toEqual({});
    expect(other.items.map((i) => i.code)).toEqual(["N2K-PLACE-001"]);
  });

  it("numbers ports: to, then static, then a fixed port for dynamic ones (blocking where the app is never told it)", () => {
    const d = new Diagnostics();
    const svc = (port: string): Service => ({ name: port, port, tags: [], checks: [], path: "s" });
    const g = { ports: [{ label: "a", to: 80 }, { label: "b", static: 9100 }, { label: "c" }, { label: "z", to: 0 }], services: [svc("c"), svc("z")], tasks: [], path: "g" } as unknown as Group;
    const ports = portsOf(g, d, toInput);
    expect([...ports.numbers]).toEqual([["a", 80], ["b", 9100], ["c", 8080], ["z", 8081]]);
    // The app's real port is the operator's to give: a required module input, never a guess.
    expect([...ports.inputs]).toEqual([["c", "c_port"], ["z", "z_port"]]);
    expect(d.items.map((i) => [i.code, i.blocking])).toEqual([["N2K-PORT-008", true], ["N2K-PORT-008", true]]);
    expect(d.items[0].message).toContain('set variable "c_port"');
  });

  it("reads a dynamic port's number from an env template (PORT=3000), as from env", () => {
    const d = new Diagnostics();
    const task = { name: "t", services: [], env: {}, config: { ports: ["web"], args: [] }, templates: [{ env: true, destination: "local/app.env", path: "p", data: 'LOG_LEVEL=info\nWEB_PORT="3000"\n{{ with secret "x" }}TOKEN={{ .Data.t }}{{ end }}\n' }] };
    const g = { ports: [{ label: "web" }], services: [{ name: "web", port: "web", tags: [], checks: [], path: "s" }], tasks: [task], path: "g" } as unknown as Group;
    const ports = portsOf(g, d, toInput);
    expect([...ports.numbers]).toEqual([["web", 3000]]);
    expect(ports.inputs.size).toBe(0);
    expect(d.items.map((i) => i.code)).toEqual(["N2K-PORT-001"]);
    // A file template (not env) is no env var of the task.
    const d2 = new Diagnostics();
    const file = { ...task, templates: [{ ...task.templates[0], env: false }] };
    expect([...portsOf({ ...g, tasks: [file] } as unknown as Group, d2, toInput).inputs]).toEqual([["web", "web_port"]]);
  });

  it("gives a dynamic port the number the app learns from Nomad, or the one its env or args name", () => {
    const d = new Diagnostics();
    const task = { name: "t", services: [], env: { ADMIN_PORT: "7001", OTHER: "5" }, config: { ports: ["http", "admin", "metrics"], args: ["--listen", ":${NOMAD_PORT_http}", "--metrics-port=9102"] }, templates: [] };
    const g = { ports: [{ label: "http" }, { label: "admin" }, { label: "metrics" }], services: [], tasks: [task], path: "g" } as unknown as Group;
    expect([...portsOf(g, d, toInput).numbers]).toEqual([["http", 8080], ["admin", 7001], ["metrics", 9102]]);
    expect(d.items.map((i) => i.code)).toEqual(["N2K-PORT-001", "N2K-PORT-001", "N2K-PORT-001"]);
    // Two candidate numbers and none naming the label: unsure, so a blocking step.
    const d2 = new Diagnostics();
    const vague = { ...task, env: { PORT_A: "3000", PORT_B: "4000" }, config: { ports: ["web"], args: [] } };
    const served = { ...g, ports: [{ label: "web" }], services: [{ name: "web", port: "web", tags: [], checks: [], path: "s" }], tasks: [vague] };
    expect([...portsOf(served as unknown as Group, d2, toInput).numbers]).toEqual([["web", 8080]]);
    expect(d2.items.map((i) => i.code)).toEqual(["N2K-PORT-008"]);
  });

  it("drops ports only Envoy listened on; an expose listener stands for the app port it forwarded to", () => {
    const d = new Diagnostics();
    const connect: Service = { name: "s", port: "9000", tags: [], checks: [], path: "s", connectPorts: { envoy: null, metrics: 9300, health: "9000", fixed: "9000" } };
    const g = { ports: [{ label: "envoy" }, { label: "metrics" }, { label: "health", to: -1 }, { label: "fixed", to: 7000 }, { label: "web" }], services: [connect], tasks: [], path: "g" } as unknown as Group;
    expect([...portsOf(g, d, toInput).numbers]).toEqual([["metrics", 9300], ["health", 9000], ["fixed", 7000]]);
    expect(d.items.map((i) => [i.code, i.path])).toEqual([
      ["N2K-CONNECT-004", "g.network.port.envoy"],
      ["N2K-CONNECT-004", "g.network.port.metrics"],
      ["N2K-CONNECT-004", "g.network.port.health"],
      ["N2K-PORT-009", "g.network.port.web"],
    ]);
  });

  it("drops a dynamic port nothing uses; a used one's input says truly what uses it", () => {
    const d = new Diagnostics();
    // A legacy task port no service, check, env, arg or template names, while the app listens on 8080.
    const app = { name: "t", services: [{ name: "app", port: "web", tags: [], checks: [{ type: "http", path: "/", port: "admin" }], path: "s" }], env: {}, config: { ports: ["web", "http", "admin"], args: [] }, templates: [] };
    const g = { ports: [{ label: "web", to: 8080 }, { label: "http" }, { label: "admin" }], services: [], tasks: [app], path: "g" } as unknown as Group;
    const ports = portsOf(g, d, (label, users) => `${label}_port: ${users}`);
    expect([...ports.numbers]).toEqual([["web", 8080], ["admin", 8081]]);
    expect([...ports.inputs]).toEqual([["admin", "admin_port: container_port and the probe of its check"]]);
    expect(d.items.map((i) => [i.code, i.path, i.blocking])).toEqual([
      ["N2K-PORT-009", "g.network.port.http", undefined],
      ["N2K-PORT-008", "g.network.port.admin", true],
    ]);
    // Only the check uses "admin": the message claims no Service target_port.
    expect(d.items[1].message).toContain("container_port and the probe of its check use it");
    expect(d.items[1].message).not.toContain("Service");
    // A service naming it: the Service target_port, and the number the Service answers on.
    const d2 = new Diagnostics();
    const served = { ...g, services: [{ name: "api", port: "http", tags: [], checks: [], path: "s2" }] } as unknown as Group;
    portsOf(served, d2, toInput);
    expect(d2.items.find((i) => i.path === "g.network.port.http")?.message).toContain('container_port and the Service target_port (service "api") use it (the Service answers on 8081)');
  });

  it("infers UDP from labels, service names, well-known numbers and Traefik UDP routers", () => {
    const d = new Diagnostics();
    const s = (name: string, port: string, tags: string[] = []): Service => ({ name, port, tags, checks: [], path: "s" });
    const g = {
      ports: [{ label: "dns", to: 53 }, { label: "dns-tcp", to: 53 }, { label: "ntp", to: 123 }, { label: "game" }, { label: "logs", to: 7000 }, { label: "web", to: 80 }, { label: "q-udp", to: 9 }],
      services: [s("game-udp", "game"), s("logs", "logs", ["traefik.udp.routers.l.entrypoints=l"]), s("web", "web")],
      tasks: [],
      path: "g",
    } as unknown as Group;
    const ports = new Map([["dns", 53], ["dns-tcp", 53], ["ntp", 123], ["game", 8080], ["logs", 7000], ["web", 80], ["q-udp", 9]]);
    const both = { tcp: true, udp: true };
    expect([...portProtocols(g, ports, d)]).toEqual([
      ["dns", { tcp: false, udp: true }],
      ["ntp", both],
      ["game", both],
      ["logs", both],
      ["q-udp", { tcp: false, udp: true }],
    ]);
    expect(d.items.every((i) => i.code === "N2K-PORT-007" && i.severity === "info")).toBe(true);
  });

  it("names Traefik middlewares as the Kubernetes CRD provider does; other providers stay", () => {
    expect(["auth", "sso@consulcatalog", "acl@consul", "gzip@file", "x@kubernetescrd", "noop@internal"].map((m) => readableRefs(kubernetesMiddleware(m)))).toEqual([
      "${var.namespace}-auth@kubernetescrd",
      "${var.namespace}-sso@kubernetescrd",
      "${var.namespace}-acl@kubernetescrd",
      "gzip@file",
      "x@kubernetescrd",
      "noop@internal",
    ]);
  });

  it("splits an Ingress per middleware set and listener", () => {
    const web = { entryPoints: ["web"], tls: false, siteDefault: false };
    const secure = { entryPoints: ["websecure"], tls: true, siteDefault: true };
    const r = (router: string, middlewares: string[], listener = secure) => ({ route: { router, middlewares } as unknown as Route, listener });
    const sets = splitByAnnotations([r("a", []), r("b", ["auth"]), r("c", []), r("d", ["auth"]), r("e", ["auth", "gzip"]), r("f", [], web)]);
    expect(sets.map((set) => set.map((x) => x.route.router))).toEqual([["a", "c"], ["b", "d"], ["e"], ["f"]]);
  });

  it("splits images with registries, tags and digests", () => {
    expect(splitImage("registry:5000/team/app:1.2")).toEqual({ repo: "registry:5000/team/app", tag: "1.2", digest: undefined });
    expect(splitImage("nginx")).toEqual({ repo: "nginx", digest: undefined });
    expect(splitImage("nginx:1@sha256:abc")).toEqual({ repo: "nginx", tag: "1", digest: "sha256:abc" });
  });
});

describe("service ports", () => {
  const svc = (port: string): Service => ({ port, tags: [], checks: [], path: `s.${port}` });
  const group = (services: Service[]): Group => ({ name: "g", count: 1, ports: [], services, volumes: [], tasks: [], constraints: [], distinctHosts: false, path: "g" });
  const ports = new Map([["http", 8080], ["admin", 80], ["api", 9000]]);
  const main = task({});
  const route = (s: Service, port?: number) => ({ router: "r", service: s, rules: [{ host: "a.x", paths: [{ path: "/", type: "Prefix" as const }] }], middlewares: [], port });

  it("keeps the number clients dialled (the static host port, else the app's port) and names a lone port not", () => {
    expect(planServicePorts([main], main, group([svc("http")]), ports, [], new Diagnostics()).ports).toEqual([{ port: 8080, targetPort: 8080 }]);
    const g = { ...group([svc("pg")]), ports: [{ label: "pg", to: 5432, static: 15432 }] };
    expect(planServicePorts([main], main, g, new Map([["pg", 5432]]), [], new Diagnostics()).ports).toEqual([{ port: 15432, targetPort: 5432 }]);
  });

  it("puts the routed port on 80 and names every port", () => {
    const d = new Diagnostics();
    const http = svc("http");
    const out = planServicePorts([main], main, group([svc("api"), http]), ports, [route(http)], d);
    expect(out.ports).toEqual([
      { name: "http", port: 80, targetPort: 8080 },
      { name: "api", port: 9000, targetPort: 9000 },
    ]);
    expect(d.items).toEqual([]);
  });

  it("leaves 80 to a port clients dialled on 80 and moves a number taken twice aside", () => {
    const http = svc("http");
    const g = { ...group([svc("admin"), http, svc("api"), svc("legacy")]), ports: [{ label: "legacy", to: 7000, static: 9000 }] };
    const out = planServicePorts([main], main, g, new Map([...ports, ["legacy", 7000]]), [route(http)], new Diagnostics());
    expect(out.ports.map((p) => [p.name, p.port, p.targetPort])).toEqual([
      ["http", 8080, 8080],
      ["admin", 80, 80],
      ["api", 9000, 9000],
      ["legacy", 17000, 7000],
    ]);
  });

  it("sends each route to its own Service port; a router-named port joins the Service", () => {
    const http = svc("http");
    const api = svc("api");
    const r1 = route(http);
    const r2 = route(api);
    const r3 = route(http, 9100);
    const out = planServicePorts([main], main, group([http, api]), ports, [r1, r2, r3], new Diagnostics());
    expect(out.ports.map((p) => [p.name, p.port, p.targetPort])).toEqual([
      ["http", 80, 8080],
      ["api", 9000, 9000],
      ["port-9100", 9100, 9100],
    ]);
    expect([r1, r2, r3].map((r) => out.byTarget.get(out.routeTargets.get(r)!))).toEqual([80, 9000, 9100]);
  });
});

describe("pod ports", () => {
  const container = (name: string, ports: { containerPort: number; hostPort?: number }[]) => ({ name, image: "i", ports, env: [], envFrom: [], volumeMounts: [], resources: { requests: {}, limits: {} }, comments: [] });
  it("declares each port number and host port once per pod, first container wins", () => {
    const d = new Diagnostics();
    const a = container("a", [{ containerPort: 8080 }, { containerPort: 53, hostPort: 53 }]);
    const b = container("b", [{ containerPort: 8080 }, { containerPort: 5353, hostPort: 53 }, { containerPort: 9000 }]);
    claimPodPorts([a, b], "app", d, "g");
    expect(a.ports).toEqual([{ containerPort: 8080 }, { containerPort: 53, hostPort: 53 }]);
    expect(b.ports).toEqual([{ containerPort: 9000 }]);
    expect(d.items.map((i) => i.code)).toEqual(["N2K-PORT-006", "N2K-PORT-006"]);
  });

  it("claims a port number once per protocol; host ports kept are reported once, dropped ones not", () => {
    const d = new Diagnostics();
    const a = container("a", [
      { containerPort: 53, hostPort: 53, label: "dns" },
      { containerPort: 53, hostPort: 53, protocol: "UDP", label: "dns" },
    ] as never);
    const b = container("b", [{ containerPort: 53, hostPort: 53, protocol: "UDP", label: "dns2" }] as never);
    claimPodPorts([a, b], "app", d, "g.network");
    expect(a.ports).toEqual([{ containerPort: 53, hostPort: 53 }, { containerPort: 53, hostPort: 53, protocol: "UDP" }]);
    expect(b.ports).toEqual([]);
    expect(d.items.map((i) => [i.code, i.path])).toEqual([
      ["N2K-PORT-006", "g.network"],
      ["N2K-PORT-003", "g.network.port.dns"],
    ]);
  });
});
