import type { Diagnostics } from "../../diagnostics.js";
import type { Group } from "../../nomad/model.js";
import { envLabel } from "../interpolate.js";

/**
 * Port label → container port. `to` wins, then a static port; a dynamic port with neither
 * gets a fixed number, and `${NOMAD_PORT_x}` resolves to that same number. Ports the Connect
 * sidecar listened on go with the mesh; an expose listener becomes the app port it exposed.
 */
export function portsOf(group: Group, diags: Diagnostics): Map<string, number> {
  const out = new Map<string, number>();
  const sidecar = connectPorts(group, diags);
  let next = 8080;
  const kept = group.ports.filter((p) => !sidecar.has(p.label));
  const taken = new Set(kept.map((p) => (p.to && p.to > 0 ? p.to : p.static)).filter((n): n is number => !!n));
  for (const p of group.ports) {
    const local = sidecar.get(p.label);
    if (local !== undefined) {
      if (local !== null) out.set(p.label, local);
      continue;
    }
    if (p.to && p.to > 0) out.set(p.label, p.to);
    else if (p.static) out.set(p.label, p.static);
    else {
      while (taken.has(next)) next++;
      taken.add(next);
      out.set(p.label, next);
      diags.warn("N2K-PORT-001", `port "${p.label}" is dynamic in Nomad; fixed to ${next} (NOMAD_PORT_${envLabel(p.label)} resolves to it)`, { path: `${group.path}.network.port.${p.label}`, hint: "make sure the app listens on this port" });
    }
  }
  return out;
}

/**
 * Group port labels the Connect sidecar (Envoy) listened on → the app's local port an expose
 * listener forwarded to, or null (Envoy's own metrics port).
 */
function connectPorts(group: Group, diags: Diagnostics): Map<string, number | null> {
  const services = [...group.services, ...group.tasks.flatMap((t) => t.services)];
  const own = new Set([...services.map((s) => s.port), ...group.tasks.flatMap((t) => t.config.ports)].filter((l): l is string => !!l));
  const out = new Map<string, number | null>();
  for (const s of services) {
    for (const [label, local] of Object.entries(s.connectPorts ?? {})) {
      const port = group.ports.find((p) => p.label === label);
      // Envoy's own port is the app's too when a service or task names it; an expose listener
      // stands for the app port it forwarded to whoever dialled it.
      if (!port || out.has(label) || (own.has(label) && (local === null || typeof local === "string"))) continue;
      let to: number | null = null;
      if (typeof local === "number") to = local;
      else if (typeof local === "string") {
        // An `expose = true` check: Nomad's listener forwards to the service port. A listener
        // the job gave a fixed number is read as a port the app serves itself.
        if ((port.to && port.to > 0) || port.static) continue;
        const svc = group.ports.find((p) => p.label === local);
        to = /^\d+$/.test(local) ? Number(local) : svc ? (svc.to && svc.to > 0 ? svc.to : (svc.static ?? null)) : null;
      }
      out.set(label, to);
      diags.info(
        "N2K-CONNECT-004",
        to === null ? `port "${label}" was the Connect sidecar's (Envoy) own listener; dropped with the mesh` : `port "${label}" was a Connect expose listener forwarding to the app's port ${to}: it stands for that port (Service, probes)`,
        { path: `${group.path}.network.port.${label}` },
      );
    }
  }
  return out;
}
