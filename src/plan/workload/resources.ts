import type { Diagnostics } from "../../diagnostics.js";
import type { Tier } from "../../config/site-config.js";
import type { Task } from "../../nomad/model.js";

export interface TierChoice {
  tier: string;
  requests: Record<string, string>;
  limits: Record<string, string>;
  nomad: { cpu?: number; memory?: number; memoryMax?: number };
}

export const cpuText = (m: number) => `${m}m`;
export const memText = (mi: number) => (mi % 1024 === 0 ? `${mi / 1024}Gi` : `${mi}Mi`);

/**
 * Smallest tier whose requests cover the Nomad reservation (cpu MHz read as millicores,
 * memory MB as Mi) and whose memory limit covers memory_max; GPU work takes the GPU tier.
 */
export function chooseTier(task: Task, tiers: Tier[], opts: { gpu: boolean; override?: string }, diags: Diagnostics): TierChoice {
  const r = task.resources;
  const cpu = r.cores ? r.cores * 1000 : r.cpu;
  const nomad = { cpu, memory: r.memory, memoryMax: r.memoryMax };
  const pick = (t: Tier): TierChoice => ({ tier: t.name, requests: { cpu: cpuText(t.cpuRequest), memory: memText(t.memoryRequest) }, limits: { cpu: cpuText(t.cpuLimit), memory: memText(t.memoryLimit) }, nomad });
  if (opts.override) {
    const t = tiers.find((x) => x.name === opts.override);
    if (t) return pick(t);
    diags.warn("N2K-RES-003", `tier "${opts.override}" from the site config does not exist; inferred instead`, { path: task.path });
  }
  if (opts.gpu) {
    const t = tiers.find((x) => x.gpu);
    if (t) {
      const memory = Math.max(r.memory ?? 0, r.memoryMax ?? 0);
      if ((cpu ?? 0) > t.cpuLimit || memory > t.memoryLimit) {
        diags.warn("N2K-RES-005", `task "${task.name}" reserves more (cpu ${cpu ?? "-"}, memory ${memory || "-"}) than the ${t.name} tier's limits allow`, { path: task.path, hint: "raise the GPU tier in the site config" });
      }
      return pick(t);
    }
  }
  if (cpu === undefined && r.memory === undefined && r.memoryMax === undefined) {
    const lightest = tiers.filter((t) => !t.gpu).sort(bySize)[0] ?? tiers[0];
    diags.info("N2K-RES-002", `task "${task.name}" declares no resources; the ${lightest.name} tier is used`, { path: task.path });
    return pick(lightest);
  }
  const want = { cpu: cpu ?? 100, memory: r.memory ?? 300 };
  const fit = tiers
    .filter((t) => !t.gpu)
    .sort(bySize)
    .find((t) => t.cpuRequest >= want.cpu && t.memoryRequest >= want.memory && (r.memoryMax === undefined || t.memoryLimit >= r.memoryMax));
  if (fit) return pick(fit);
  const cpuReq = roundUp(want.cpu, 50);
  const memReq = roundUp(want.memory, 64);
  const memLim = roundUp(Math.max(r.memoryMax ?? 0, memReq * 2), 64);
  diags.warn("N2K-RES-004", `task "${task.name}" needs more than any tier (cpu ${want.cpu}, memory ${want.memory}${r.memoryMax ? `, memory_max ${r.memoryMax}` : ""}); sized from the Nomad values`, {
    path: task.path,
    hint: "add a larger tier to the site config",
  });
  return { tier: "custom", requests: { cpu: cpuText(cpuReq), memory: memText(memReq) }, limits: { cpu: cpuText(cpuReq * 2), memory: memText(memLim) }, nomad };
}

function bySize(a: Tier, b: Tier): number {
  return a.cpuRequest - b.cpuRequest || a.memoryRequest - b.memoryRequest || a.memoryLimit - b.memoryLimit;
}

function roundUp(n: number, step: number): number {
  return Math.ceil(n / step) * step;
}
