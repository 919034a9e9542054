import { describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/diagnostics.js";
import type { Check, NomadJob } from "../../src/nomad/model.js";
import { dispatchMetaEnv, metaInterpolations } from "../../src/plan/workload/dispatch-meta.js";
import { checkToProbes } from "../../src/plan/workload/probes.js";

const same = (s: string) => s;
const probe = (check: Partial<Check>, port: number | null = 8080) => {
  const d = new Diagnostics();
  const p = checkToProbes({ type: "http", ...check }, port ?? undefined, d, "job.j.group.g.service.check", same);
  return { p, codes: d.items.map((i) => `${i.code}:${i.severity}`) };
};

describe("checks as probes", () => {
  it("probes an https check with scheme HTTPS and says certificates are never verified", () => {
    const { p, codes } = probe({ protocol: "https", path: "/h", tlsSkipVerify: true });
    expect(p?.liveness.httpGet).toEqual({ path: "/h", port: 8080, scheme: "HTTPS", httpHeaders: undefined });
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
    expect(p?.liveness.httpGet?.httpHeaders).toEqual([
      { name: "Host", value: "a.example" },
      { name: "X-A", value: "1" },
      { name: "X-A", value: "2" },
    ]);
  });

  it("maps grpc to a grpc probe, and grpc_use_tls to a tcp_socket probe with a warning", () => {
    expect(probe({ type: "grpc", grpcService: "svc.v1" }).p?.liveness.grpc).toEqual({ port: 8080, service: "svc.v1" });
    const tls = probe({ type: "grpc", grpcUseTls: true });
    expect(tls.p?.liveness).toMatchObject({ tcpSocket: { port: 8080 } });
    expect(tls.codes).toEqual(["N2K-CHECK-009:warning"]);
  });

  it("maps script to exec (no port needed) and refuses a port-based check without a port", () => {
    expect(probe({ type: "script", command: "/bin/check", args: ["-q"] }, null).p?.liveness.exec).toEqual({ command: ["/bin/check", "-q"] });
    expect(probe({ type: "script" }, null).codes).toEqual(["N2K-CHECK-005:warning"]);
    expect(probe({ type: "tcp" }, null).codes).toEqual(["N2K-CHECK-004:warning"]);
  });

  it("puts check_restart on liveness and the pass/fail thresholds on readiness", () => {
    const { p } = probe({ interval: "10s", timeout: "2s", restart: { limit: 3, grace: "1m" }, successBeforePassing: 2, failuresBeforeCritical: 5 });
    const { httpGet: _l, ...liveness } = p!.liveness;
    const { httpGet: _r, ...readiness } = p!.readiness;
    expect(JSON.parse(JSON.stringify(liveness))).toEqual({ periodSeconds: 10, timeoutSeconds: 2, initialDelaySeconds: 60, failureThreshold: 3 });
    expect(JSON.parse(JSON.stringify(readiness))).toEqual({ periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 5, successThreshold: 2 });
    // limit = 0 is Nomad's "never restart": the liveness probe keeps the Kubernetes defaults.
    const never = probe({ restart: { limit: 0, grace: "1m" } }).p!.liveness;
    expect([never.initialDelaySeconds, never.failureThreshold]).toEqual([undefined, undefined]);
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
