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
  for (const c of containers) {
    const name = typeof c.name === "string" ? c.name : appName;
    c.ports = c.ports.filter((p) => {
      const owner = listening.get(p.containerPort) ?? (p.hostPort !== undefined ? bound.get(p.hostPort) : undefined);
      if (owner !== undefined) {
        const what = listening.has(p.containerPort) ? `port ${p.containerPort}` : `host port ${p.hostPort}`;
        const by = owner === name ? "another port of the same container" : `container "${owner}"`;
        diags.warn("N2K-PORT-004", `container "${name}": ${what} is already declared by ${by}; a pod declares each port once`, { path, hint: "check the Nomad ports did not need separate network namespaces, or UDP and TCP both on this number" });
        return false;
      }
      listening.set(p.containerPort, name);
      if (p.hostPort !== undefined) bound.set(p.hostPort, name);
      return true;
    });
  }
}
