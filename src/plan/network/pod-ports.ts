import type { Diagnostics } from "../../diagnostics.js";
import type { Container } from "../model.js";

/**
 * The containers of a pod share one network: a port number can be listened on once, and a
 * host port bound once (the API rejects a pod that binds one twice). The first container to
 * declare a port keeps it; a later claim is reported and not emitted.
 */
export function claimPodPorts(containers: Container[], appName: string, diags: Diagnostics, path: string): void {
  const listening = new Map<number, string>();
  const bound = new Map<number, string>();
  const dropped = new Set<Container["ports"][number]>();
  // Ports a task listed claim first; ports only assumed from services yield to them quietly.
  for (const inferred of [false, true]) {
    for (const c of containers) {
      const name = typeof c.name === "string" ? c.name : appName;
      for (const p of c.ports.filter((x) => !!x.inferred === inferred)) {
        const owner = listening.get(p.containerPort) ?? (p.hostPort !== undefined ? bound.get(p.hostPort) : undefined);
        if (owner !== undefined) {
          dropped.add(p);
          if (inferred) continue;
          const what = listening.has(p.containerPort) ? `port ${p.containerPort}` : `host port ${p.hostPort}`;
          const by = owner === name ? "another port of the same container" : `container "${owner}"`;
          diags.warn("N2K-PORT-006", `container "${name}": ${what} is already declared by ${by}; a pod declares each port once`, { path, hint: "check the Nomad ports did not need separate network namespaces, or UDP and TCP both on this number" });
          continue;
        }
        listening.set(p.containerPort, name);
        if (p.hostPort !== undefined) bound.set(p.hostPort, name);
      }
    }
  }
  for (const c of containers) c.ports = c.ports.filter((p) => !dropped.has(p)).map(({ inferred: _, ...p }) => p);
}
