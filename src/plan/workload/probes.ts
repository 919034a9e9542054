import type { Diagnostics } from "../../diagnostics.js";
import type { Check } from "../../nomad/model.js";
import { durationSeconds } from "../../nomad/fields.js";
import type { Probe } from "../model.js";

/** A Nomad service check as a Kubernetes probe (used for both liveness and readiness). */
export function checkToProbe(check: Check, port: number | undefined, diags: Diagnostics, path: string): Probe | undefined {
  const timing = {
    periodSeconds: durationSeconds(check.interval),
    timeoutSeconds: durationSeconds(check.timeout),
  };
  const type = check.type.toLowerCase();
  if ((type === "http" || type === "tcp" || type === "grpc") && port === undefined) {
    diags.warn("N2K-CHECK-004", `${type} check has no resolvable port; no probe generated`, { path });
    return undefined;
  }
  if (type === "http") return { httpGet: { path: check.path ?? "/", port: port! }, ...timing };
  if (type === "tcp") return { tcpSocket: { port: port! }, ...timing };
  if (type === "grpc") return { grpc: { port: port!, service: check.grpcService }, ...timing };
  if (type === "script" && check.command) return { exec: { command: [check.command, ...(check.args ?? [])] }, ...timing };
  diags.warn("N2K-CHECK-005", `check type "${check.type}" is not carried over`, { path });
  return undefined;
}
