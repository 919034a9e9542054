import type { Diagnostics } from "../../diagnostics.js";
import type { Constraint } from "../../nomad/model.js";

export interface Placement {
  nodeSelector: Record<string, string>;
  archValues: string[];
  archOperator: string;
}

/**
 * Nomad constraints as Kubernetes placement: node name or hostname → node_selector, cpu arch → the
 * arch affinity; anything else is reported.
 */
export function mapConstraints(constraints: Constraint[], diags: Diagnostics): Placement {
  const out: Placement = { nodeSelector: {}, archValues: ["amd64", "arm64"], archOperator: "In" };
  for (const c of constraints) {
    // `$${x}` is how an HCL2 job hands Nomad the same `${x}`.
    const attr = (c.attribute ?? "").replace(/\s+/g, "").replace(/^\$\$\{/, "${");
    const op = c.operator ?? "=";
    const eq = op === "=" || op === "==" || op === "is";
    if (attr === "${node.unique.name}" && eq && c.value) out.nodeSelector["kubernetes.io/hostname"] = c.value.toLowerCase();
    else if (attr === "${attr.unique.hostname}" && eq && c.value) {
      out.nodeSelector["kubernetes.io/hostname"] = c.value.toLowerCase();
      diags.info("N2K-PLACE-004", `constraint attr.unique.hostname = ${c.value} becomes node_selector kubernetes.io/hostname = ${c.value.toLowerCase()}`, {
        path: c.path,
        hint: "the Kubernetes node must carry that hostname label (usually its hostname, lower-cased)",
      });
    } else if (attr === "${attr.cpu.arch}" && c.value && (eq || op === "!=" || op === "not")) {
      const arch = normalizeArch(c.value);
      if (eq) {
        out.archValues = [arch];
        out.archOperator = "In";
      } else {
        out.archValues = [arch];
        out.archOperator = "NotIn";
      }
    } else if (attr === "${attr.kernel.name}" && c.value === "linux" && eq) {
      diags.info("N2K-IGNORED", "constraint kernel.name = linux: Kubernetes Linux nodes already", { path: c.path });
    } else {
      diags.warn("N2K-PLACE-001", `constraint ${c.attribute ?? ""} ${op} ${c.value ?? ""} is not carried over`, { path: c.path, hint: "label the nodes and add a node_selector or affinity by hand" });
    }
  }
  return out;
}

export interface NodePool {
  name: string;
  path: string;
  /** The site config's node labels for the pool, if it has them. */
  labels?: Record<string, string>;
}

/** A node pool kept the job off the other nodes: the pool's labels do the same, or the operator is told the pods may land anywhere. */
function placeInPool(placement: Placement, pool: NodePool, diags: Diagnostics): void {
  if (!pool.labels) {
    diags.warn("N2K-PLACE-006", `node pool "${pool.name}" is not carried over: the pods may run on any node, not only on the pool's`, {
      path: pool.path,
      hint: `label the pool's nodes, map the pool to that label in the site config (nodePools.${pool.name} = { "<label>": "<value>" }) and convert again`,
    });
    return;
  }
  const shown = Object.entries(pool.labels).map(([k, v]) => `${k} = ${v}`).join(", ");
  Object.assign(placement.nodeSelector, pool.labels);
  diags.info("N2K-PLACE-006", `node pool "${pool.name}" becomes node_selector ${shown} (site config nodePools)`, { path: pool.path });
}

function normalizeArch(a: string): string {
  const v = a.toLowerCase();
  if (v === "x86_64" || v === "x86-64") return "amd64";
  if (v === "aarch64") return "arm64";
  return v;
}

// Release names say which CPU they were built for; `arm64` is matched before `arm`.
const ARCH_NAMES: [RegExp, string][] = [
  [/(?<![a-z0-9])(?:amd64|x86_64|x86-64|x64)(?![a-z0-9])/, "amd64"],
  [/(?<![a-z0-9])(?:arm64|aarch64)(?![a-z0-9])/, "arm64"],
  [/(?<![a-z0-9])(?:armv[5-7]l?|armv[5-7]hf|armhf|armel|arm)(?![a-z0-9])/, "arm"],
];

/** The node architecture the fetched binaries were built for, when their names say one (and only one). */
export function artifactArch(sources: string[]): { arch: string; source: string } | undefined {
  const found = sources.flatMap((source) => {
    const name = source.toLowerCase().split("?")[0];
    const hit = ARCH_NAMES.find(([re]) => re.test(name));
    return hit ? [{ arch: hit[1], source }] : [];
  });
  return found.length && found.every((f) => f.arch === found[0].arch) ? found[0] : undefined;
}

export interface PodPlacement extends Placement {
  tolerations: { key?: string; operator: string; effect?: string }[];
}

/** Where the pod may run: Nomad constraints of every level, the job's node pool, plus the GPU node and toleration. */
export function planPlacement(constraints: Constraint[], gpuCount: number, gpu: { siteNode: string; overrideNode?: string }, diags: Diagnostics, fetched?: { arch: string; source: string; path: string }, pool?: NodePool): PodPlacement {
  const placement = mapConstraints(constraints, diags);
  if (pool) placeInPool(placement, pool, diags);
  // A binary the pod fetches runs only on its own architecture, as it did on the Nomad nodes.
  const constrained = constraints.some((c) => /attr\.cpu\.arch/.test(c.attribute ?? ""));
  if (fetched && !constrained) {
    placement.archValues = [fetched.arch];
    placement.archOperator = "In";
    diags.warn("N2K-PLACE-005", `artifact ${fetched.source} is built for ${fetched.arch}: the pod runs on kubernetes.io/arch = ${fetched.arch} nodes`, { path: fetched.path });
  }
  const nodeSelector = { ...placement.nodeSelector };
  const tolerations: PodPlacement["tolerations"] = [];
  if (gpuCount > 0) {
    tolerations.push({ key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" });
    // A GPU node chosen in the site config for this job wins over the Nomad constraint.
    if (gpu.overrideNode) nodeSelector["kubernetes.io/hostname"] = gpu.overrideNode.toLowerCase();
    else nodeSelector["kubernetes.io/hostname"] ??= gpu.siteNode.toLowerCase();
  }
  return { ...placement, nodeSelector, tolerations };
}
