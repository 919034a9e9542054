import type { Diagnostics } from "../../diagnostics.js";
import type { VolumeMountPlan } from "../model.js";
import { normalizeMountPath } from "./pod-volumes.js";

/**
 * A container mounts one volume per path: the API rejects two mounts at the same path. The
 * same mount written twice is one; a different volume at a taken path is reported, not emitted.
 */
export function uniqueMounts(mounts: VolumeMountPlan[], container: string, diags: Diagnostics, path: string): VolumeMountPlan[] {
  const kept = new Map<string, VolumeMountPlan>();
  for (const m of mounts) {
    const at = normalizeMountPath(m.mountPath);
    const first = kept.get(at);
    if (!first) {
      kept.set(at, { ...m, mountPath: at });
      continue;
    }
    if (first.name === m.name && first.subPath === m.subPath) continue;
    diags.warn("N2K-VOL-009", `container "${container}": volume "${m.name}"${m.subPath ? ` (${m.subPath})` : ""} and volume "${first.name}"${first.subPath ? ` (${first.subPath})` : ""} both mount at ${at}; only the first is kept`, {
      path,
      hint: "give one of them another mount path",
    });
  }
  return [...kept.values()];
}
