import ejs from "ejs";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { SiteConfig } from "../config/site-config.js";
import type { ModulePlan } from "../plan/model.js";
import { resourceType } from "../plan/resource-types.js";
import * as hcl from "./hcl.js";
import { layoutHcl } from "./layout.js";
import { certificateManifest, externalSecretManifest, ingressRouteManifest, middlewareManifest, virtualMachineManifest, vpaManifest } from "./manifests.js";
import { withHeader } from "./header.js";

const TEMPLATE_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "templates");
const cache = new Map<string, (data: object) => string>();

// Compiled without EJS's `with (locals)` block, line tracking and copy of the data at every
// call: with them, every name a template reads (even its own loop variables) was looked up
// through the data object, and each render paid a try/catch and a line counter; the output
// is the same. Names a template reads from its data are declared up front instead: a
// top-level file gets `it` (plan, types) and `h`; a partial gets the object it was called
// with, `{ it, h, <its own> }`, whose keys must be listed here.
const PARTIAL_LOCALS = ["it", "h", "w", "c", "block", "cm", "s", "ing"];
const FAST = { _with: false, compileDebug: false, unsafePrototypeLocals: true };

// Templates are compiled once per process; partials go through this cache rather than EJS
// `include`, which looks the file up on disk at every call.
function template(name: string, partial = false): (data: object) => string {
  let t = cache.get(name);
  if (!t) {
    const filename = join(TEMPLATE_DIR, name);
    const locals = partial ? { localsName: "locals", destructuredLocals: PARTIAL_LOCALS } : { localsName: "it", destructuredLocals: ["h"] };
    t = ejs.compile(readFileSync(filename, "utf8"), { filename, ...locals, ...FAST }) as unknown as (data: object) => string;
    cache.set(name, t);
  }
  return t;
}

const helpers = { ...hcl, externalSecretManifest, certificateManifest, middlewareManifest, ingressRouteManifest, virtualMachineManifest, vpaManifest, partial: (name: string, data: object) => template(`${name}.ejs`, true)(data) };

export type ModuleFiles = Record<string, string>;

/**
 * A plan → the module's files, in canonical layout, with the generated-file header. The plan
 * is typed by its zod schema; `--verify` also validates it at run time (see check-files).
 */
export function renderModule(plan: ModulePlan, config: SiteConfig): ModuleFiles {
  const types = { service: resourceType(config, "service"), config_map: resourceType(config, "config_map"), secret: resourceType(config, "secret") };
  const data = { plan, types };
  const files: ModuleFiles = {};
  const render = (out: string, name: string) => {
    const text = template(name)({ ...data, h: helpers });
    files[out] = withHeader(layoutHcl(text), plan.job, out);
  };
  render("main.tf", "main.tf.ejs");
  render("variables.tf", "variables.tf.ejs");
  render("versions.tf", "versions.tf.ejs");
  render("outputs.tf", "outputs.tf.ejs");
  if (plan.externalSecrets.length || plan.certificates.length) render("secrets.tf", "secrets.tf.ejs");
  if (plan.vpa?.targets.length) render("vpa.tf", "vpa.tf.ejs");
  return files;
}
