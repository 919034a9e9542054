import type { Volume, VolumeMountPlan } from "../model.js";
import { dnsLabel } from "../names.js";

/** The volumes of one pod: names are unique and stable, identical sources are shared. */
export class PodVolumes {
  readonly volumes: Volume[] = [];
  private readonly emptyDirs = new Map<string, string>();

  private add(base: string, spec: Omit<Volume, "name">): string {
    const bare = (x: Omit<Volume, "name">) => JSON.stringify({ ...x, name: undefined, comment: undefined, origin: undefined });
    const same = this.volumes.find((v) => !v.emptyDir && bare(v) === bare(spec));
    if (same) return same.name;
    let name = dnsLabel(base);
    for (let i = 2; this.volumes.some((v) => v.name === name); i++) name = `${dnsLabel(base)}-${i}`;
    this.volumes.push({ name, ...spec });
    return name;
  }

  hostPath(base: string, path: string, type?: string, origin?: Volume["origin"], nodeData?: boolean): string {
    return this.add(base, { hostPath: { path, type: type ?? "" }, origin, ...(nodeData ? { nodeData } : {}) });
  }
  nfs(base: string, nfs: Volume["nfs"], origin?: Volume["origin"]): string {
    return this.add(base, { nfs, origin });
  }
  /** Empty dirs are shared by purpose (their base name), never merged because they look alike. */
  emptyDir(base: string, opts: { medium?: string; sizeLimit?: string } = {}, origin?: Volume["origin"]): string {
    const key = `${base}\0${JSON.stringify(opts)}`;
    const known = this.emptyDirs.get(key);
    if (known) return known;
    let name = dnsLabel(base);
    for (let i = 2; this.volumes.some((v) => v.name === name); i++) name = `${dnsLabel(base)}-${i}`;
    this.volumes.push({ name, emptyDir: opts, ...(origin ? { origin } : {}) });
    this.emptyDirs.set(key, name);
    return name;
  }
  configMap(base: string, name: Volume["configMap"]): string {
    return this.add(base, { configMap: name });
  }
  secret(base: string, secret: Volume["secret"]): string {
    return this.add(base, { secret });
  }
  serviceAccountToken(base: string, token: Volume["serviceAccountToken"]): string {
    return this.add(base, { serviceAccountToken: token });
  }
  /** Gives volume `from` the name `to`, dropping the volume that had it (the caller knows it is unused). */
  takeName(from: string, to: string): void {
    const gone = this.volumes.findIndex((v) => v.name === to);
    if (gone >= 0) this.volumes.splice(gone, 1);
    const v = this.volumes.find((x) => x.name === from);
    if (v) v.name = to;
    for (const [key, name] of this.emptyDirs) if (name === from) this.emptyDirs.set(key, to);
  }
  get(name: string): Volume | undefined {
    return this.volumes.find((v) => v.name === name);
  }
}

export function mount(name: string, mountPath: string, opts: { subPath?: string; readOnly?: boolean } = {}): VolumeMountPlan {
  return { name, mountPath: normalizeMountPath(mountPath), ...(opts.subPath ? { subPath: opts.subPath } : {}), ...(opts.readOnly ? { readOnly: true } : {}) };
}

/**
 * One spelling per directory: `/data/`, `/data//` and `/./data` are all `/data` to the
 * container runtime, and two mounts there would clash without looking alike.
 */
export function normalizeMountPath(p: string): string {
  const out = p.replace(/\/+/g, "/").replace(/\/(?:\.\/)+/g, "/").replace(/\/\.$/, "/");
  return out.length > 1 ? out.replace(/\/$/, "") : out;
}
