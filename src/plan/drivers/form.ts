import type { SiteConfig } from "../../config/site-config.js";
import type { Diagnostics } from "../../diagnostics.js";
import type { Group, NomadJob, Task } from "../../nomad/model.js";

/** Why a task on a non-container driver keeps its job from converting: the reason, its code and hint. */
export interface DriverSkip {
  code: string;
  reason: string;
  hint?: string;
}

export interface FormContext {
  job: NomadJob;
  group: Group;
  config: SiteConfig;
  diags: Diagnostics;
  /** A required module input the form needs (a variable without default), with its description. */
  requireInput: (task: Task, description: string) => string;
  /** A lifecycle helper: converted only when no input is needed (else dropped, as before). */
  helper: boolean;
}

/** A task's container form, a reason to skip the job, or nothing known (N2K-DRIVER-001). */
export type DriverForm = { task: Task } | { skip: DriverSkip } | undefined;
