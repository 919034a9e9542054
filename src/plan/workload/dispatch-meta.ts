import type { NomadJob } from "../../nomad/model.js";

/** One `NOMAD_META_<key>` env var of a parameterized job, with the job meta's default. */
export interface MetaEnv {
  name: string;
  value: string;
  /** Whether the job's meta gives the value (else it is a required or optional key without one). */
  hasDefault: boolean;
  path: string;
}

/** Nomad puts every character of a meta key that env names cannot hold as `_`. */
export function metaEnvName(key: string): string {
  return `NOMAD_META_${key.replace(/[^A-Za-z0-9_]/g, "_")}`;
}

/**
 * The env vars a dispatched allocation sees: the declared dispatch keys (required first, then
 * optional), then the job's other meta keys, which Nomad exposes the same way.
 */
export function dispatchMetaEnv(job: NomadJob): MetaEnv[] {
  const p = job.parameterized;
  if (!p) return [];
  const keys = [...new Set([...p.metaRequired, ...p.metaOptional, ...Object.keys(p.meta)])];
  return keys.map((key) => ({ name: metaEnvName(key), value: p.meta[key] ?? "", hasDefault: key in p.meta, path: key in p.meta ? `job.${job.name}.meta.${key}` : p.path }));
}

/**
 * `${NOMAD_META_key}` and `${NOMAD_META_KEY}` (Nomad sets both) → the env var name carrying it
 * (written `$(NOMAD_META_key)` where Kubernetes expands env vars) and its default, if any.
 */
export function metaInterpolations(env: MetaEnv[]): Map<string, { env: string; value?: string }> {
  const out = new Map<string, { env: string; value?: string }>();
  for (const e of env) {
    const v = { env: e.name, value: e.hasDefault ? e.value : undefined };
    out.set(e.name, v);
    out.set(`NOMAD_META_${e.name.slice("NOMAD_META_".length).toUpperCase()}`, v);
  }
  return out;
}
