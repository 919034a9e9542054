import { basename } from "node:path";
import { dnsLabel } from "./names.js";

/** Where a job goes when it shares its name or its module folder with an earlier job of the run. */
export interface Placement {
  module: string | null;
  /** N2K-JOB-007, when the job clashes with an earlier one. */
  warning?: { message: string; hint: string };
}

/** One record per job, shared by both maps. */
type Placed = { job: string; file: string; module: string | null };

/**
 * The one cross-job index of names: job name → first file and module, module folder → job.
 * A few short strings per job, so a fleet of any size costs little to remember.
 */
export class FleetIndex {
  private readonly seen = new Map<string, Placed>();
  private readonly dirs = new Map<string, Placed>();

  /** Records a job in input order and says where it goes; later jobs never move earlier ones. */
  place(job: string, file: string, module: string | null): Placement {
    const dup = this.seen.get(job);
    const wanted = module;
    const dirClash = module ? this.dirs.get(module) : undefined;
    // Nomad accepts each file (step1/step2 variants of one job): each gets its own folder.
    if (module && dirClash) module = distinctModule(module, file, this.dirs);
    let warning: Placement["warning"];
    if (dup || dirClash) {
      const where = dirClash ? `; converted into ${module}/` : "";
      const message = dup
        ? `job "${job}" is also defined in ${dup.file}${where}${dup.module && module ? `; both modules create Kubernetes resources of the same names` : ""}`
        : `job "${job}" maps to the module folder "${wanted}" already used by job "${dirClash!.job}" (${dirClash!.file})${where} instead`;
      warning = { message, hint: "apply only one of them, or into different namespaces" };
    }
    const placed: Placed = { job, file, module };
    if (!dup) this.seen.set(job, placed);
    if (module) this.dirs.set(module, placed);
    return { module, ...(warning ? { warning } : {}) };
  }
}

/** `<module>-<file stem>` (then `-2`, `-3`…) for a second job of the same name: deterministic, a DNS label. */
function distinctModule(module: string, file: string, taken: Map<string, unknown>): string {
  const stem = basename(file).replace(/\.(nomad\.hcl|nomad\.json|nomad|hcl|json|job)$/, "");
  const base = dnsLabel(`${module}-${stem}`);
  let name = base;
  for (let i = 2; taken.has(name); i++) name = dnsLabel(`${base.slice(0, 58)}-${i}`);
  return name;
}
