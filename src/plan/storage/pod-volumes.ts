import type { Volume, VolumeMountPlan } from "../model.js";
import { dnsLabel } from "../names.js";

/** The volumes of one pod: names are unique and stable, identical sources are shared. */
export class PodVolumes {
  readonly volumes: Volume[] = [];

  private add(base: string, spec: Omit<Volume, "name">): string {
    const same = this.volumes.find((v) => JSON.stringify({ ...v, name: undefined, comment: undefined }) === JSON.stringify({ ...spec, name: undefined, comment: undefined }));
    if (same) return same.name;
    let name = dnsLabel(base);
    for (let i = 2; this.volumes.some((v) => v.name === name); i++) name = `${dnsLabel(base)}-${i}`;
    this.volumes.push({ name, ...spec });
    return name;
  }

  hostPath(base: string, path: string, type?: string, comment?: string): string {
    return this.add(base, { hostPath: { path, type: type ?? "" }, comment });
  }
  emptyDir(base: string, opts: { medium?: string; sizeLimit?: string } = {}, comment?: string): string {
    return this.add(base, { emptyDir: opts, comment });
  }
  configMap(base: string, name: Volume["configMap"]): string {
    return this.add(base, { configMap: name });
  }
  secret(base: string, secret: Volume["secret"]): string {
    return this.add(base, { secret });
  }
  get(name: string): Volume | undefined {
    return this.volumes.find((v) => v.name === name);
  }
}

export function mount(name: string, mountPath: string, opts: { subPath?: string; readOnly?: boolean } = {}): VolumeMountPlan {
  return { name, mountPath, ...(opts.subPath ? { subPath: opts.subPath } : {}), ...(opts.readOnly ? { readOnly: true } : {}) };
}
