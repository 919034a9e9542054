import type { Diagnostics } from "../../diagnostics.js";
import type { HclVal } from "../hcl-value.js";
import type { InterpContext } from "../interpolate.js";
import type { EnvVar, SecretDataPlan, VolumeMountPlan } from "../model.js";
import type { ModuleSecrets } from "../secrets/module-secrets.js";
import type { ModuleCertificates } from "../secrets/certificates.js";
import type { PodVolumes } from "../storage/pod-volumes.js";

export interface TemplateContext {
  pod: PodVolumes;
  configMap: { tfName: string; data: Record<string, HclVal> };
  /** `kubernetes_config_map` or `kubernetes_config_map_v1`, per the site config. */
  configMapType: string;
  /** The group's own Secret, for template files and env values that hold secret material. */
  sensitive: SecretDataPlan;
  /** Env files given as module inputs: one Secret each, loaded with env_from. */
  envFiles: SecretDataPlan[];
  secretType: string;
  tfBase: string;
  secrets: ModuleSecrets;
  secretsRef: { env: HclVal; files: HclVal };
  certificates: ModuleCertificates;
  /** Allocations of the group (its count): what `NOMAD_ALLOC_INDEX` ranges over. */
  instances: number;
  interp: InterpContext;
  /** The container's downward API env vars (name → field path): env templates may add to them. */
  downward?: Map<string, string>;
  diags: Diagnostics;
}

/** A file a template writes: where Nomad put it (task path) and the mount that shows it there. */
export interface TemplateFile {
  dest: string;
  mount: VolumeMountPlan;
}

export interface TemplateResult {
  env: EnvVar[];
  envFrom: { secretName: HclVal; comment?: string }[];
  files: TemplateFile[];
}
