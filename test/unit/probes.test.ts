import { describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/diagnostics.js";
import type { Check, NomadJob } from "../../src/nomad/model.js";
import { dispatchMetaEnv, metaInterpolations } from "../../src/plan/workload/dispatch-meta.js";
import { chooseProbes, type CheckCandidate } from "../../src/plan/workload/probe-roles.js";

const same = (s: string) => s;
const PATH = "job.j.group.g.service.check";
const choose = (checks: Partial<Check>[], port: number | null = 8080) => {
  const d = new Diagnostics();
  const candidates: CheckCandidate[] = checks.map((c, i) => ({ check: { type: "http", ...c }, service: "web", port: port ?? undefined, path: `${PATH}[${i}]` }));
  const p = chooseProbes(candidates, d, { name: "app", path: "job.j.group.g.task.app" }, same);
  return { p, codes: d.items.map((i) => `${i.code}:${i.severity}`), messages: d.items.map((i) => i.message) };
};
const probe = (check: Partial<Check>, port: number | null = 8080) => {
  const { p, codes } = choose([check], port);
  return { p: p.readiness ? { readiness: p.readiness, liveness: p.liveness, startup: p.startup } : undefined, codes };
};
const timing = (p: object | undefined) => {
  const { httpGet: _h, from: _f, ...rest } = (p ?? {}) as Record<string, unknown>;
  return JSON.parse(JSON.stringify(rest));
};

describe("checks as probes", () => {
  it("probes an https check with scheme HTTPS and says certificates are never verified", () => {
    const { p, codes } = probe({ protocol: "https", path: "/h", tlsSkipVerify: true });
    expect(p?.readiness.httpGet).toEqual({ path: "/h", port: 8080, scheme: "HTTPS", httpHeaders: undefined });
    expect(codes).toEqual(["N2K-CHECK-007:info"]);
    expect(probe({ protocol: "https" }).codes).toEqual(["N2K-CHECK-007:info"]);
    expect(probe({ protocol: "http" }).p?.readiness.httpGet?.scheme).toBeUndefined();
  });

  it("reports what an HTTP probe cannot send", () => {
    expect(probe({ method: "POST", body: "{}", protocol: "h2c", tlsServerName: "a.example" }).codes).toEqual([
      "N2K-CHECK-003:warning",
      "N2K-CHECK-008:warning",
      "N2K-CHECK-001:warning",
      "N2K-CHECK-002:warning",
    ]);
    expect(probe({ method: "get" }).codes).toEqual([]);
  });

  it("carries headers, one http_header per value", () => {
    const { p } = probe({ headers: { Host: ["a.example"], "X-A": ["1", "2"] } });
    expect(p?.readiness.httpGet?.httpHeaders).toEqual([
      { name: "Host", value: "a.example" },
      { name: "X-A", value: "1" },
      { name: "X-A", value: "2" },
    ]);
  });

  it("maps grpc to a grpc probe, and grpc_use_tls to a tcp_socket probe with a warning", () => {
    expect(probe({ type: "grpc", grpcService: "svc.v1" }).p?.readiness.grpc).toEqual({ port: 8080, service: "svc.v1" });
    const tls = probe({ type: "grpc", grpcUseTls: true });
    expect(tls.p?.readiness).toMatchObject({ tcpSocket: { port: 8080 } });
    expect(tls.codes).toEqual(["N2K-CHECK-009:warning"]);
  });

  it("maps script to exec (no port needed) and refuses a port-based check without a port", () => {
    expect(probe({ type: "script", command: "/bin/check", args: ["-q"] }, null).p?.readiness.exec).toEqual({ command: ["/bin/check", "-q"] });
    expect(probe({ type: "script" }, null).codes).toEqual(["N2K-CHECK-005:warning"]);
    expect(probe({ type: "tcp" }, null).codes).toEqual(["N2K-CHECK-004:warning"]);
  });

  it("makes a check a readiness probe with Consul's thresholds, and no liveness probe without check_restart", () => {
    const { p } = probe({ interval: "10s", timeout: "2s", successBeforePassing: 2, failuresBeforeCritical: 5 });
    expect(timing(p?.readiness)).toEqual({ periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 5, successThreshold: 2 });
    expect(p?.liveness).toBeUndefined();
    // limit = 0 is Nomad's default: never restart.
    expect(probe({ restart: { limit: 0, grace: "1m" } }).p?.liveness).toBeUndefined();
  });

  it("makes check_restart a liveness probe: limit → failure_threshold, a short grace → initial delay", () => {
    const { p } = probe({ interval: "10s", timeout: "2s", restart: { limit: 3, grace: "30s" }, failuresBeforeCritical: 5 });
    expect(timing(p?.liveness)).toEqual({ periodSeconds: 10, timeoutSeconds: 2, initialDelaySeconds: 30, failureThreshold: 3 });
    expect(p?.startup).toBeUndefined();
    expect(p?.liveness?.httpGet).toEqual(p?.readiness.httpGet);
  });

  it("holds liveness back with a startup probe when grace is long", () => {
    const { p, codes } = choose([{ interval: "10s", timeout: "2s", restart: { limit: 3, grace: "90s" } }]);
    expect(timing(p.liveness)).toEqual({ periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 3 });
    // 90 s of grace at one probe every 10 s, then the 3 failures Nomad waited for.
    expect(timing(p.startup)).toEqual({ periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 12 });
    expect(codes).toEqual(["N2K-CHECK-010:info"]);
  });

  it("takes readiness from the …-ready check and liveness from the restarting …-alive one", () => {
    const alive = { name: "api-alive", path: "/health/live", restart: { limit: 3, grace: "10s" } };
    const ready = { name: "api-ready", path: "/health/ready" };
    for (const order of [[alive, ready], [ready, alive]]) {
      const { p, codes } = choose(order);
      expect(p.readiness?.httpGet?.path).toBe("/health/ready");
      expect(p.liveness?.httpGet?.path).toBe("/health/live");
      expect(codes).toEqual([]);
    }
    // Without check_restart the …-alive check restarted nothing: no liveness, and it is reported.
    const { p, codes, messages } = choose([{ ...alive, restart: undefined }, ready]);
    expect([p.readiness?.httpGet?.path, p.liveness]).toEqual(["/health/ready", undefined]);
    expect(codes).toEqual(["N2K-CHECK-006:warning"]);
    expect(messages[0]).toContain('not carried over: http check "api-alive" of service "web"');
  });

  it("trusts a check's name over its path", () => {
    const health = { name: "Healthiness Check", path: "/ready", restart: { limit: 5 } };
    const ready = { name: "Readiness Check", path: "/ready", interval: "5s" };
    const { p, codes } = choose([health, ready]);
    expect([p.readiness?.periodSeconds, p.liveness?.failureThreshold]).toEqual([5, 5]);
    expect(codes).toEqual([]);
  });

  it("reports the checks beyond one readiness and one liveness probe", () => {
    const { p, codes } = choose([{ path: "/a" }, { type: "tcp" }, { path: "/c", restart: { limit: 2 } }]);
    expect([p.readiness?.httpGet?.path, p.liveness?.httpGet?.path]).toEqual(["/a", "/c"]);
    expect(codes).toEqual(["N2K-CHECK-006:warning"]);
    expect(choose([{ type: "tcp" }, { path: "/x" }], null).p).toEqual({});
  });
});

describe("dispatch meta", () => {
  const job = { name: "j", parameterized: { metaRequired: ["URL"], metaOptional: ["size", "a.b"], payload: "optional", payloadRead: false, meta: { size: "10", owner: "x" }, path: "job.j.parameterized" } } as unknown as NomadJob;

  it("gives every declared key and job meta key an env var, with the meta value as default", () => {
    expect(dispatchMetaEnv(job).map((e) => [e.name, e.value])).toEqual([
      ["NOMAD_META_URL", ""],
      ["NOMAD_META_size", "10"],
      ["NOMAD_META_a_b", ""],
      ["NOMAD_META_owner", "x"],
    ]);
    expect(dispatchMetaEnv({ ...job, parameterized: undefined })).toEqual([]);
  });

  it("resolves both spellings Nomad sets (as written and upper case)", () => {
    const m = metaInterpolations(dispatchMetaEnv(job));
    expect(m.get("NOMAD_META_size")).toEqual({ env: "NOMAD_META_size", value: "10" });
    expect(m.get("NOMAD_META_SIZE")).toEqual({ env: "NOMAD_META_size", value: "10" });
    expect(m.get("NOMAD_META_URL")).toEqual({ env: "NOMAD_META_URL", value: undefined });
    expect(m.get("NOMAD_META_other")).toBeUndefined();
  });
});
