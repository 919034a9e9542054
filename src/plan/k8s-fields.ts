import { posix } from "node:path";
import type { Diagnostics } from "../diagnostics.js";
import type { NomadJob } from "../nomad/model.js";
import { matchBrace, MODULE_REF } from "../nomad/template-string.js";
import { isTpl, moduleRef, type HclVal } from "./hcl-value.js";
import { runtimeValue, type InterpContext } from "./interpolate.js";
import type { ModuleInputs } from "./module-inputs.js";
import type { ModulePlan, Variable, VolumeMountPlan } from "./model.js";

// Kubernetes validates some fields (image, ingress host, host path, mount path, sub path,
// schedule, node selector): a Nomad interpolation left there breaks `terraform apply`. Each is
// resolved when the value is known at conversion, else it becomes a required module variable.

// `${X}` as the model keeps it, or `$${X}` (escaped in HCL2, which hands `${X}` to Nomad).
const INTERP = /\$?\$\{([^{}\uE000\uE001]*)\}/g;

/** One field's string: runtime values resolved, the rest module variables. */
export function guardString(s: string, ctx: InterpContext, path: string, what: string): string {
  if (!s.includes("${")) return s;
  s = moduleRefsOf(s);
  const plain: InterpContext = { ...ctx, downward: undefined };
  return s.replace(INTERP, (all, e: string) => {
    const name = e.trim().replace(/^env\./, "");
    const v = runtimeValue(name, plain, path);
    if (v !== undefined && !v.includes("${")) return v;
    if (!ctx.inputs) return all;
    return moduleRef(`var.${ctx.inputs.need(e.trim(), what, path, ctx.diags)}`);
  });
}

/** Template-form module references (`${<MODULE_REF>var.x}`) → the plan's marked references. */
function moduleRefsOf(s: string): string {
  const open = "${" + MODULE_REF;
  let out = "";
  let at = 0;
  for (let i = s.indexOf(open); i >= 0; i = s.indexOf(open, at)) {
    const end = matchBrace(s, i + 1);
    if (end < 0) break;
    out += s.slice(at, i) + moduleRef(s.slice(i + open.length, end));
    at = end + 1;
  }
  return out + s.slice(at);
}

export function guardValue(v: HclVal, ctx: InterpContext, path: string, what: string): HclVal {
  if (typeof v === "string") return guardString(v, ctx, path, what);
  if (isTpl(v)) return { $tpl: v.$tpl.map((p) => (typeof p === "string" ? guardString(p, ctx, path, what) : p)) };
  return v;
}

/** The context of a group (and task) for resolving its values after the plan is built. */
export function fieldContext(job: NomadJob, groupName: string, taskName: string | undefined, appName: string, inputs: ModuleInputs, diags: Diagnostics): InterpContext {
  const group = job.groups.find((g) => g.name === groupName);
  const task = group?.tasks.find((t) => t.name === taskName);
  return {
    ports: new Map(),
    appName,
    group: groupName,
    task: taskName ?? "",
    usedDirs: new Set(),
    metaValues: { ...job.meta, ...group?.meta, ...task?.meta },
    nomad: { region: job.region, datacenter: job.datacenters[0] },
    env: task?.env,
    inputs,
    diags,
  };
}

/** Walks the plan's validated fields. */
export function guardPlan(plan: ModulePlan, job: NomadJob, inputs: ModuleInputs, diags: Diagnostics): void {
  for (const w of plan.workloads) {
    const groupPath = job.groups.find((g) => g.name === w.group)?.path ?? `job.${job.name}`;
    for (const c of [...w.pod.initContainers, ...w.pod.containers]) {
      const ctx = fieldContext(job, w.group, c.task, plan.appName, inputs, diags);
      const path = job.groups.find((g) => g.name === w.group)?.tasks.find((t) => t.name === c.task)?.path ?? groupPath;
      c.image = guardValue(c.image, ctx, `${path}.config.image`, "an image");
      for (const m of c.volumeMounts) {
        m.mountPath = guardString(m.mountPath, ctx, path, "a mount path");
        if (m.subPath) m.subPath = guardString(m.subPath, ctx, path, "a sub path");
      }
      c.volumeMounts = c.volumeMounts.filter((m) => staysInside(m, c.task ?? String(c.name), path, diags));
    }
    const ctx = fieldContext(job, w.group, undefined, plan.appName, inputs, diags);
    for (const v of w.pod.volumes) if (v.hostPath) v.hostPath.path = guardString(v.hostPath.path, ctx, groupPath, "a host path");
    if (w.pod.nodeSelector) for (const k of Object.keys(w.pod.nodeSelector)) w.pod.nodeSelector[k] = guardString(w.pod.nodeSelector[k], ctx, groupPath, "a node selector");
    if (w.schedule) w.schedule = guardValue(w.schedule, ctx, groupPath, "a schedule");
  }
  const first = job.groups[0]?.name ?? "";
  for (const ing of plan.ingresses) {
    const ctx = fieldContext(job, first, undefined, plan.appName, inputs, diags);
    for (const r of ing.rules) if (r.host !== undefined) r.host = guardValue(r.host, ctx, `job.${job.name}`, "an ingress host");
    ing.tlsHosts = ing.tlsHosts.map((h) => guardValue(h, ctx, `job.${job.name}`, "an ingress host"));
  }
  dropInterpolatedDefaults(plan.variables, job, diags);
}

const climbs = (p: string) => p.split("/").includes("..");

/**
 * A mount whose sub path is absolute or climbs out of its volume with `..` (a docker volume
 * `local/../../etc`), or whose mount path climbs (a template destination `local/../../etc/passwd`,
 * which Nomad refuses as outside the allocation), is refused: the job fails naming it.
 * A sub path with `..` that stays inside (`x/../y`) is written plainly, as Kubernetes wants.
 */
function staysInside(m: VolumeMountPlan, task: string, path: string, diags: Diagnostics): boolean {
  if (m.subPath !== undefined && (m.subPath.includes("/.") || m.subPath.startsWith("."))) {
    const sub = posix.normalize(m.subPath).replace(/(.)\/+$/, "$1");
    if (sub !== "." && !climbs(sub)) m.subPath = sub;
    else if (sub === ".") delete m.subPath;
  }
  const sub = m.subPath ?? "";
  const bad = sub.startsWith("/") ? `its sub path ${JSON.stringify(sub)} is absolute` : climbs(sub) ? `its sub path ${JSON.stringify(sub)} climbs out of the volume with ".."` : climbs(m.mountPath) ? `its mount path climbs with ".." (to ${posix.normalize(m.mountPath)})` : undefined;
  if (!bad) return true;
  diags.error("N2K-VOL-014", `task "${task}": the mount of volume "${m.name}" at ${JSON.stringify(m.mountPath)} is not written: ${bad}, reaching outside the volume or over the container's own files`, {
    path,
    hint: "give a path inside the task directory (Nomad refuses a template destination outside the allocation; Kubernetes refuses such a sub path)",
  });
  return false;
}

/** A variable default never holds a Nomad interpolation: such a variable becomes required. */
function dropInterpolatedDefaults(variables: Variable[], job: NomadJob, diags: Diagnostics): void {
  for (const v of variables) {
    if (typeof v.default !== "string" || !/\$\{|\uE000/.test(v.default)) continue;
    const was = v.default.replace(/\uE000|\uE001/g, "");
    delete v.default;
    diags.manual("N2K-INTERP-005", `set variable "${v.name}": its value came from ${JSON.stringify(was)}, which Nomad filled at run time`, {
      path: `job.${job.name}`,
      blocking: true,
      hint: `give it with -var ${v.name}=… before terraform apply`,
    });
  }
}
