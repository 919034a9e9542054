import type { Reader } from "./reader.js";
import type { UpdateStrategy } from "./model.js";
import { bool, duration, int, str } from "./fields.js";

/** A job's or group's `update` block; how much of it Kubernetes can follow is the plan's call. */
export function readUpdate(parent: Reader): UpdateStrategy | undefined {
  const u = parent.blocks("update")[0];
  if (!u) return undefined;
  const out: UpdateStrategy = { path: u.path, at: {} };
  const read = <K extends keyof UpdateStrategy["at"]>(field: K, key: string, value: UpdateStrategy[K] | undefined) => {
    if (value === undefined) return;
    out[field] = value;
    out.at[field] = `${u.path}.${key}`;
  };
  read("maxParallel", "max_parallel", u.get("max_parallel", int));
  read("canary", "canary", u.get("canary", int));
  read("minHealthyTime", "min_healthy_time", u.get("min_healthy_time", duration));
  read("healthyDeadline", "healthy_deadline", u.get("healthy_deadline", duration));
  read("progressDeadline", "progress_deadline", u.get("progress_deadline", duration));
  read("autoRevert", "auto_revert", u.get("auto_revert", bool));
  read("autoPromote", "auto_promote", u.get("auto_promote", bool));
  read("stagger", "stagger", u.get("stagger", duration));
  read("healthCheck", "health_check", u.get("health_check", str));
  u.finish();
  return out;
}

/** Nomad merges the job's `update` into each group's, field by field; the group's fields win. */
export function mergeUpdate(job: UpdateStrategy | undefined, group: UpdateStrategy | undefined): UpdateStrategy | undefined {
  if (!job || !group) return group ?? job;
  return { ...job, ...group, at: { ...job.at, ...group.at } };
}
