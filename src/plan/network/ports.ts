import type { Diagnostics } from "../../diagnostics.js";
import type { Group } from "../../nomad/model.js";
import { envLabel } from "../interpolate.js";

/**
 * Port label → container port. `to` wins, then a static port; a dynamic port with neither
 * gets a fixed number, and `${NOMAD_PORT_x}` resolves to that same number.
 */
export function portsOf(group: Group, diags: Diagnostics): Map<string, number> {
  const out = new Map<string, number>();
  let next = 8080;
  const taken = new Set(group.ports.map((p) => (p.to && p.to > 0 ? p.to : p.static)).filter((n): n is number => !!n));
  for (const p of group.ports) {
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
