import type { Diagnostics } from "../../diagnostics.js";
import type { Tier } from "../../config/site-config.js";
import type { Task } from "../../nomad/model.js";
import type { Pod } from "../model.js";

export interface TierChoice {
  tier: string;
  requests: Record<string, string>;
  limits: Record<string, string>;
  /** What Nomad reserves; `defaulted` when the task declares nothing and Nomad's defaults apply. */
  nomad: { cpu?: number; memory?: number; memoryMax?: number; defaulted?: boolean };
}

export const cpuText = (m: number) => `${m}m`;
export const memText = (mi: number) => (mi % 1024 === 0 ? `${mi / 1024}Gi` : `${mi}Mi`);

/** A helper container the module adds (Litestream, an artifact fetch): the lightest tier without a GPU. */
export function helperResources(tiers: Tier[]): { requests: Record<string, string>; limits: Record<string, string> } {
  const light = [...tiers].filter((t) => !t.gpu).sort((a, b) => a.cpuRequest - b.cpuRequest)[0] ?? tiers[0];
  return { requests: { cpu: cpuText(light.cpuRequest), memory: memText(light.memoryRequest) }, limits: { cpu: cpuText(light.cpuLimit), memory: memText(light.memoryLimit) } };
}

/** What Nomad reserves for a task whose `resources` leave cpu or memory out. */
export const NOMAD_DEFAULTS = { cpu: 100, memory: 300 };

/** A tier may not reserve more than this many times what Nomad reserved (MAPPING.md). */
const MAX_OVER = { memory: 2, cpu: 4 };

/**
 * Smallest tier whose requests cover the Nomad reservation (cpu MHz read as millicores,
 * memory MB as Mi) and whose memory limit covers memory_max; GPU work looks among the GPU
 * tiers. A tier that would reserve far more than Nomad did is replaced by the Nomad values,
 * and so is a job no tier covers.
 */
export function chooseTier(task: Task, tiers: Tier[], opts: { gpu: boolean; override?: string }, diags: Diagnostics): TierChoice {
  const r = task.resources;
  const cpu = r.cores ? r.cores * 1000 : r.cpu;
  const declared = cpu !== undefined || r.memory !== undefined || r.memoryMax !== undefined;
  const nomad = declared ? { cpu, memory: r.memory, memoryMax: r.memoryMax } : { ...NOMAD_DEFAULTS, defaulted: true };
  const pick = (t: Tier): TierChoice => {
    // memory_max was the task's hard limit on Nomad: a tier allowing more loosens it.
    if (r.memoryMax !== undefined && t.memoryLimit > r.memoryMax) {
      diags.warn("N2K-RES-008", `task "${task.name}": memory_max = ${r.memoryMax} MB was its hard memory limit on Nomad; the ${t.name} tier's limit of ${memText(t.memoryLimit)} loosens it`, {
        path: task.path,
        hint: `choose a tier whose memory limit is ${r.memoryMax} Mi (jobs.<job>.tier in the site config), or set the limit in main_override.tf`,
      });
    }
    return { tier: t.name, requests: { cpu: cpuText(t.cpuRequest), memory: memText(t.memoryRequest) }, limits: { cpu: cpuText(t.cpuLimit), memory: memText(t.memoryLimit) }, nomad };
  };
  if (opts.override) {
    const t = tiers.find((x) => x.name === opts.override);
    if (t) return pick(t);
    diags.warn("N2K-RES-003", `tier "${opts.override}" from the site config does not exist; inferred instead`, { path: task.path });
  }
  if (!declared) {
    diags.changed("N2K-RES-002", `task "${task.name}" declares no resources; sized from Nomad's defaults (cpu ${NOMAD_DEFAULTS.cpu}, memory ${NOMAD_DEFAULTS.memory})`, { path: task.path });
  }
  // Nomad gives a task whose resources block leaves cpu or memory out the default amount.
  const want = { cpu: Math.max(1, cpu ?? NOMAD_DEFAULTS.cpu), memory: Math.max(1, r.memory ?? NOMAD_DEFAULTS.memory), memoryMax: r.memoryMax };
  // GPU work is sized among the GPU tiers (any tier when the site has none).
  const gpu = opts.gpu && tiers.some((t) => t.gpu);
  const sized = tiers.filter((t) => !!t.gpu === gpu).sort(bySize);
  const fit = sized.find((t) => t.cpuRequest >= want.cpu && t.memoryRequest >= want.memory && (want.memoryMax === undefined || t.memoryLimit >= want.memoryMax));
  if (fit) {
    const memOver = fit.memoryRequest / want.memory;
    const cpuOver = fit.cpuRequest / want.cpu;
    if (memOver <= MAX_OVER.memory && cpuOver <= MAX_OVER.cpu) return pick(fit);
    return fromNomadValues(task, want, fit, sized, { memOver, cpuOver }, nomad, diags);
  }
  return beyondTiers(task, want, sized, gpu, nomad, diags);
}

/**
 * A job no tier's requests cover: requests are the Nomad values rounded up, the memory limit
 * memory_max (or twice the request), the CPU limit twice the request. That is an ordinary
 * outcome while the job stays within what the largest tier may use (its limits): an info.
 * Beyond that, nothing in the site's table is that large, so the operator checks a node fits.
 */
function beyondTiers(task: Task, want: { cpu: number; memory: number; memoryMax?: number }, sized: Tier[], gpu: boolean, nomad: TierChoice["nomad"], diags: Diagnostics): TierChoice {
  const cpuReq = roundUp(want.cpu, 50);
  const memReq = roundUp(want.memory, 64);
  // As Nomad: memory_max is the hard limit when set.
  const memLim = roundUp(Math.max(memReq, want.memoryMax ?? memReq * 2), 64);
  const asked = `cpu ${want.cpu}, memory ${want.memory}${want.memoryMax ? `, memory_max ${want.memoryMax}` : ""}`;
  const sizedAs = `requests ${cpuText(cpuReq)} / ${memText(memReq)}, limits ${cpuText(cpuReq * 2)} / ${memText(memLim)}`;
  const largest = sized[sized.length - 1];
  const kind = gpu ? "GPU tier" : "tier";
  const within = largest && want.cpu <= largest.cpuLimit && Math.max(want.memory, want.memoryMax ?? 0) <= largest.memoryLimit;
  if (within) {
    diags.changed("N2K-RES-007", `task "${task.name}" (${asked}) is above every ${kind}'s requests but within the ${largest.name} tier's limits; sized from the Nomad values as tier "custom" (${sizedAs})`, { path: task.path });
  } else {
    const message = `task "${task.name}" (${asked}) needs more than every ${kind} allows${largest ? ` (the largest, ${largest.name}, is limited to ${cpuText(largest.cpuLimit)} / ${memText(largest.memoryLimit)})` : ""}; sized from the Nomad values as tier "custom" (${sizedAs})`;
    const hint = `check a node has room for it, or add a larger ${kind} to the site config`;
    if (gpu) diags.warn("N2K-RES-005", message, { path: task.path, hint });
    else diags.warn("N2K-RES-004", message, { path: task.path, hint });
  }
  return { tier: "custom", requests: { cpu: cpuText(cpuReq), memory: memText(memReq) }, limits: { cpu: cpuText(cpuReq * 2), memory: memText(memLim) }, nomad };
}

/**
 * The over-provision rule: requests are exactly what Nomad reserved, the memory limit is
 * memory_max (or twice the memory), and the CPU limit is that of the smallest tier whose CPU
 * request covers the Nomad cpu — the tier the job would have had on CPU alone.
 */
function fromNomadValues(
  task: Task,
  want: { cpu: number; memory: number; memoryMax?: number },
  fit: Tier,
  sized: Tier[],
  over: { memOver: number; cpuOver: number },
  nomad: TierChoice["nomad"],
  diags: Diagnostics,
): TierChoice {
  const cpuTier = sized.find((t) => t.cpuRequest >= want.cpu) ?? fit;
  const memLimit = Math.max(want.memory, want.memoryMax ?? 2 * want.memory);
  const why = [over.memOver > MAX_OVER.memory && `memory request ${times(over.memOver)} the Nomad memory`, over.cpuOver > MAX_OVER.cpu && `CPU request ${times(over.cpuOver)} the Nomad cpu`].filter(Boolean).join(", ");
  // A task without resources already has its RES-002 note; the rule is Nomad's defaults at work.
  if (!nomad.defaulted) diags.changed("N2K-RES-006", `task "${task.name}": the ${fit.name} tier would over-provision (${why}); sized from the Nomad values as tier "custom" (CPU limit of the ${cpuTier.name} tier)`, { path: task.path });
  return {
    tier: "custom",
    requests: { cpu: cpuText(want.cpu), memory: memText(want.memory) },
    limits: { cpu: cpuText(Math.max(cpuTier.cpuLimit, want.cpu)), memory: memText(memLimit) },
    nomad,
  };
}

function times(n: number): string {
  return `${Math.round(n * 10) / 10}×`;
}

function bySize(a: Tier, b: Tier): number {
  return a.cpuRequest - b.cpuRequest || a.memoryRequest - b.memoryRequest || a.memoryLimit - b.memoryLimit;
}

function roundUp(n: number, step: number): number {
  return Math.ceil(n / step) * step;
}

/** The GPU resources (`nvidia.com/gpu`, …) the pod's containers claim: the one test of whether a pod needs a GPU. */
export function podGpus(pod: Pick<Pod, "containers" | "initContainers">): string[] {
  const keys = [...pod.initContainers, ...pod.containers].flatMap((c) => Object.keys(c.resources.limits));
  return [...new Set(keys.filter((k) => /(^|\.)gpu|\/gpu$/.test(k)))];
}

/** Mi of a memory quantity this module writes (`4Gi`, `640Mi`). */
function mebibytes(q: string): number | undefined {
  const m = /^(\d+)(Gi|Mi)$/.exec(q);
  return m ? Number(m[1]) * (m[2] === "Gi" ? 1024 : 1) : undefined;
}

/** Millicores of a CPU quantity this module writes (`2000m`, `2`). */
function millicores(q: string): number | undefined {
  const m = /^(\d+)(m?)$/.exec(q);
  return m ? Number(m[1]) * (m[2] ? 1 : 1000) : undefined;
}

/**
 * The values of Nomad's resource env vars in the container as the module sizes it, so a heap
 * or a thread count derived from them fits the container. NOMAD_MEMORY_LIMIT is the memory
 * limit (Nomad's hard limit when memory_max is unset); with memory_max it is the reservation
 * (the request) and NOMAD_MEMORY_MAX_LIMIT the limit. CPU reads MHz as millicores, as the
 * tiers do. NOMAD_CPU_CORES is Nomad's cpuset list, as many cores as the CPU limit gives.
 */
export function resourceEnv(tier: TierChoice): Record<string, string> {
  const out: Record<string, string> = {};
  const limit = mebibytes(tier.limits.memory ?? "");
  const request = mebibytes(tier.requests.memory ?? "");
  // The number Nomad gave the task (a JVM's -Xmx sized from it ran so), never above the
  // container's limit: a heap as large as the tier's limit would be OOM-killed.
  const atMost = (nomad: number | undefined, k8s: number) => String(nomad !== undefined ? Math.min(nomad, k8s) : k8s);
  if (limit !== undefined) {
    out.NOMAD_MEMORY_MAX_LIMIT = atMost(tier.nomad.memoryMax ?? tier.nomad.memory, limit);
    const soft = tier.nomad.memoryMax !== undefined ? request : limit;
    if (soft !== undefined) out.NOMAD_MEMORY_LIMIT = atMost(tier.nomad.memory, soft);
  }
  const cpu = millicores(tier.limits.cpu ?? "");
  if (cpu !== undefined) {
    out.NOMAD_CPU_LIMIT = String(cpu);
    const cores = Math.max(1, Math.floor(cpu / 1000));
    out.NOMAD_CPU_CORES = cores === 1 ? "0" : `0-${cores - 1}`;
  }
  return out;
}
