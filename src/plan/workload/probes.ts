import type { Diagnostics } from "../../diagnostics.js";
import type { Check } from "../../nomad/model.js";
import { durationSeconds } from "../../nomad/fields.js";
import type { Probe } from "../model.js";

/** Resolves Nomad runtime interpolations in a check value (`${NOMAD_TASK_DIR}/health.sh`). */
export type ResolveText = (s: string, path: string) => string;

/** From this `check_restart` grace on, a startup probe holds liveness back instead of a fixed delay. */
export const STARTUP_GRACE_SECONDS = 60;

/** What the kubelet runs for a check, with the check's interval and timeout (no thresholds). */
export function checkProbe(check: Check, port: number | undefined, diags: Diagnostics, path: string, resolve: ResolveText): Probe | undefined {
  const action = probeAction(check, port, diags, path, resolve);
  if (!action) return undefined;
  return { ...action, periodSeconds: durationSeconds(check.interval), timeoutSeconds: durationSeconds(check.timeout) };
}

/**
 * A failing Consul check takes the instance out of the service (it does not restart it): the
 * readiness probe, with Consul's pass/fail thresholds.
 */
export function readinessProbe(check: Check, probe: Probe): Probe {
  return { ...probe, successThreshold: check.successBeforePassing || undefined, failureThreshold: check.failuresBeforeCritical || undefined };
}

/**
 * `check_restart` restarts the task after `limit` failures in a row, not before `grace` has
 * passed since it started: the liveness probe. A long grace becomes a startup probe that allows
 * the grace plus `limit` failures, so liveness starts as soon as the app is up. `limit = 0` (the
 * default) never restarts: no liveness probe.
 */
export function livenessProbes(check: Check, probe: Probe): { liveness?: Probe; startup?: Probe } {
  const limit = check.restart?.limit;
  if (!limit || limit < 0) return {};
  const grace = durationSeconds(check.restart?.grace);
  const liveness: Probe = { ...probe, failureThreshold: limit };
  if (!grace || grace < STARTUP_GRACE_SECONDS) return { liveness: { ...liveness, initialDelaySeconds: grace } };
  return { liveness, startup: { ...probe, failureThreshold: Math.ceil(grace / (probe.periodSeconds ?? 10)) + limit } };
}

function probeAction(check: Check, port: number | undefined, diags: Diagnostics, path: string, resolve: ResolveText): Probe | undefined {
  const type = check.type.toLowerCase();
  if ((type === "http" || type === "tcp" || type === "grpc") && port === undefined) {
    diags.warn("N2K-CHECK-004", `${type} check has no resolvable port; no probe generated`, { path });
    return undefined;
  }
  if (type === "http") return { httpGet: httpGet(check, port!, diags, path, resolve) };
  if (type === "tcp") return { tcpSocket: { port: port! } };
  if (type === "grpc") {
    if (check.grpcUseTls) {
      diags.warn("N2K-CHECK-009", "grpc_use_tls: Kubernetes gRPC probes cannot use TLS, so the probe only checks that the port accepts connections (tcp_socket)", {
        path: `${path}.grpc_use_tls`,
        hint: "probe a plaintext gRPC health port, or use an exec probe running grpc_health_probe -tls",
      });
      return { tcpSocket: { port: port! } };
    }
    return { grpc: { port: port!, service: check.grpcService } };
  }
  if (type === "script") {
    if (!check.command) {
      diags.warn("N2K-CHECK-005", "script check has no command; no probe generated", { path });
      return undefined;
    }
    const argv = [check.command, ...(check.args ?? [])].map((a, i) => resolve(a, i ? `${path}.args[${i - 1}]` : `${path}.command`));
    return { exec: { command: argv } };
  }
  diags.warn("N2K-CHECK-005", `check type "${check.type}" is not carried over`, { path });
  return undefined;
}

function httpGet(check: Check, port: number, diags: Diagnostics, path: string, resolve: ResolveText): NonNullable<Probe["httpGet"]> {
  const protocol = check.protocol?.toLowerCase();
  const https = protocol === "https";
  if (protocol && !https && protocol !== "http") diags.warn("N2K-CHECK-003", `check protocol "${check.protocol}" is not carried over; the probe uses HTTP`, { path: `${path}.protocol` });
  if (https) {
    const message = check.tlsSkipVerify
      ? "tls_skip_verify: Kubernetes HTTPS probes never verify the certificate, so nothing changes"
      : "the HTTPS probe does not verify the certificate (Kubernetes probes never do); Nomad's check did";
    diags.changed("N2K-CHECK-007", message, { path: check.tlsSkipVerify ? `${path}.tls_skip_verify` : `${path}.protocol` });
  }
  if (check.tlsServerName) {
    diags.warn("N2K-CHECK-008", `tls_server_name "${check.tlsServerName}" is not carried over: the kubelet connects to the pod IP and sends no TLS server name`, {
      path: `${path}.tls_server_name`,
      hint: "if the app needs that name (SNI), use an exec probe such as curl --resolve",
    });
  }
  const method = check.method?.toUpperCase();
  if (method && method !== "GET") diags.warn("N2K-CHECK-001", `HTTP method ${method} is not carried over: Kubernetes probes always send GET`, { path: `${path}.method` });
  if (check.body !== undefined) diags.warn("N2K-CHECK-002", "the check body is not carried over: Kubernetes probes send no body", { path: `${path}.body` });
  const httpHeaders = Object.entries(check.headers ?? {}).flatMap(([name, values]) => values.map((v, i) => ({ name, value: resolve(v, `${path}.header.${name}${values.length > 1 ? `[${i}]` : ""}`) })));
  return {
    path: resolve(check.path ?? "/", `${path}.path`),
    port,
    scheme: https ? "HTTPS" : undefined,
    httpHeaders: httpHeaders.length ? httpHeaders : undefined,
  };
}
