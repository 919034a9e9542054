import type { Diagnostics } from "../../diagnostics.js";
import type { Container } from "../model.js";

/**
 * The containers of a pod share one network: a port number can be listened on once per
 * protocol, and a host port bound once per protocol (the API rejects a pod that binds one
 * twice). The first container to declare a port keeps it; a later claim is reported and not
 * emitted. Host ports that remain are reported once each.
 */
export function claimPodPorts(containers: Container[], appName: string, diags: Diagnostics, path: string): void {
  const listening = new Map<string, string>();
  const bound = new Map<string, string>();
  const key = (n: number, p: Container["ports"][number]) => `${n}/${p.protocol ?? "TCP"}`;
  const dropped = new Set<Container["ports"][number]>();
  // Ports a task listed claim first; ports only assumed from services yield to them quietly.
  for (const inferred of [false, true]) {
    for (const c of containers) {
      const name = typeof c.name === "string" ? c.name : appName;
      for (const p of c.ports.filter((x) => !!x.inferred === inferred)) {
        const owner = listening.get(key(p.containerPort, p)) ?? (p.hostPort !== undefined ? bound.get(key(p.hostPort, p)) : undefined);
        if (owner !== undefined) {
          dropped.add(p);
          if (inferred) continue;
          const what = listening.has(key(p.containerPort, p)) ? `port ${p.containerPort}` : `host port ${p.hostPort}`;
          const by = owner === name ? "another port of the same container" : `container "${owner}"`;
          diags.warn("N2K-PORT-006", `container "${name}": ${what}${p.protocol ? ` (${p.protocol})` : ""} is already declared by ${by}; a pod declares each port once per protocol`, { path, hint: "check the Nomad ports did not need separate network namespaces" });
          continue;
        }
        listening.set(key(p.containerPort, p), name);
        if (p.hostPort !== undefined) bound.set(key(p.hostPort, p), name);
      }
    }
  }
  const reported = new Set<string>();
  for (const c of containers) {
    c.ports = c.ports.filter((p) => !dropped.has(p)).map(({ inferred: _, label, ...p }) => {
      if (p.hostPort !== undefined && label !== undefined && !reported.has(label)) {
        reported.add(label);
        diags.warn("N2K-PORT-003", `static port ${label} = ${p.hostPort} becomes a host_port; prefer the Service`, { path: `${path}.port.${label}` });
      }
      return p;
    });
  }
}
