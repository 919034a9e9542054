import type { Diagnostics } from "../diagnostics.js";
import { MODULE_REF, splitTemplate } from "../nomad/template-string.js";
import { expr, moduleRef, readableRefs, tpl, type HclVal } from "./hcl-value.js";
import type { ModuleInputs } from "./module-inputs.js";
import { reportConsulAddresses } from "./network/consul-addresses.js";

export interface InterpContext {
  ports: Map<string, number>;
  appName: string;
  group: string;
  task: string;
  hostname?: string;
  /** Task directories (/local, /secrets, /alloc) referenced, so they get empty_dir volumes. */
  usedDirs: Set<string>;
  /**
   * Set where Kubernetes expands `$(VAR)` (env values, command, args): node and pod facts
   * then come from the downward API, recorded here as env name → field path.
   */
  downward?: Map<string, string>;
  /** Connect upstreams of the group, by the name `NOMAD_UPSTREAM_*_<name>` uses. */
  upstreams?: Map<string, { service: string; bindPort: number }>;
  /** Where `${NOMAD_UPSTREAM_*}` values landed, for the run-wide rewrite to Services. */
  upstreamRefs?: UpstreamRef[];
  /** A parameterized job's `NOMAD_META_*` interpolations → the env var carrying each, and its default. */
  meta?: Map<string, { env: string; value?: string }>;
  /** Meta of the job, group and task merged (task wins), template form. */
  metaValues?: Record<string, string>;
  /** Facts of the Nomad job known when converting. */
  nomad?: { region?: string; datacenter?: string };
  /** The task's env (template form), for `${FOO}` where FOO is one of them. */
  env?: Record<string, string>;
  /** The container loads an env file only known when Terraform runs (env_from): `${X}` may come from it. */
  envFile?: boolean;
  /** NOMAD_MEMORY_LIMIT, NOMAD_CPU_LIMIT, … as the container is sized (resourceEnv). */
  resources?: Record<string, string>;
  /** Where unresolved values of fields Kubernetes validates become module variables. */
  inputs?: ModuleInputs;
  diags: Diagnostics;
}

export interface UpstreamRef {
  path: string;
  kind: "addr" | "ip" | "port";
  service: string;
  bindPort: number;
}

/** The name Nomad gives an upstream in `NOMAD_UPSTREAM_ADDR_<name>`. */
export function upstreamEnvName(service: string): string {
  return service.replace(/[^A-Za-z0-9_]/g, "_");
}

// Nomad runtime facts the downward API knows, as the env var that carries each.
const DOWNWARD: [RegExp, string, string][] = [
  [/^attr\.unique\.network\.ip-address$|^NOMAD_HOST_IP_.+$/, "HOST_IP", "status.hostIP"],
  [/^node\.unique\.name$|^attr\.unique\.hostname$/, "NODE_NAME", "spec.nodeName"],
  [/^NOMAD_(?:ALLOC_)?IP_.+$/, "POD_IP", "status.podIP"],
  [/^NOMAD_ALLOC_ID$/, "POD_UID", "metadata.uid"],
  [/^NOMAD_ALLOC_NAME$/, "POD_NAME", "metadata.name"],
  [/^NOMAD_NAMESPACE$/, "POD_NAMESPACE", "metadata.namespace"],
];

/** The downward API env var and field that carry a Nomad node or allocation fact, if one does. */
export function downwardField(name: string): { env: string; field: string } | undefined {
  const hit = DOWNWARD.find(([re]) => re.test(name));
  return hit && { env: hit[1], field: hit[2] };
}

/** A value only a Nomad client knows (node attributes, meta, NOMAD_* runtime variables). */
export function isNomadRuntime(name: string): boolean {
  return /^(?:attr\.|node\.|meta\.|NOMAD_)/.test(name);
}

/**
 * The name a port label takes in Nomad's env var names: Nomad cleans every env var name,
 * replacing what an env var name may not hold by `_` (`minio-api` → `NOMAD_PORT_minio_api`).
 */
export function envLabel(label: string): string {
  return label.replace(/[^A-Za-z0-9_.]/g, "_");
}

/** The container port a label names, as written or as its env var names spell it. */
export function portNumber(label: string, ports: Map<string, number>): number | undefined {
  const exact = ports.get(label);
  if (exact !== undefined) return exact;
  const want = envLabel(label);
  for (const [l, n] of ports) if (envLabel(l) === want) return n;
  return undefined;
}

const DIRS: Record<string, string> = { NOMAD_TASK_DIR: "/local", NOMAD_SECRETS_DIR: "/secrets", NOMAD_ALLOC_DIR: "/alloc" };

/** The value of one Nomad runtime variable inside a pod, or undefined when there is none. */
export function runtimeValue(name: string, ctx: InterpContext, path?: string): string | undefined {
  if (name in DIRS) {
    ctx.usedDirs.add(DIRS[name]);
    return DIRS[name];
  }
  const sized = ctx.resources?.[name];
  if (sized !== undefined) {
    if (name === "NOMAD_CPU_CORES") {
      ctx.diags.warn("N2K-INTERP-007", `\${${name}} becomes "${sized}", as many cores as the container's CPU limit gives: Kubernetes does not pin these core IDs to the container`, { path, hint: "fine for a thread or processor count; a process that pins itself to these cores (taskset) shares them with other pods" });
    } else {
      ctx.diags.changed("N2K-INTERP-006", `\${${name}} becomes ${sized}, the task's Nomad value, within the container's resources as the module sets them`, { path });
    }
    return sized;
  }
  // NOMAD_PORT_x, NOMAD_HOST_PORT_x and NOMAD_ALLOC_PORT_x: in a pod, all the container port.
  const port = /^NOMAD_(?:HOST_|ALLOC_)?PORT_(.+)$/.exec(name);
  const portNum = port ? portNumber(port[1], ctx.ports) : undefined;
  if (portNum !== undefined) return String(portNum);
  const addr = /^NOMAD_(?:HOST_|ALLOC_)?ADDR_(.+)$/.exec(name);
  const addrNum = addr ? portNumber(addr[1], ctx.ports) : undefined;
  if (addrNum !== undefined) {
    ctx.diags.warn("N2K-INTERP-003", `\${${name}} becomes localhost:${addrNum}: right for reaching the port from the pod, but an app that listens on it is unreachable through the Service`, {
      path,
      hint: `listen on 0.0.0.0:${addrNum} instead if that is what it does`,
    });
    return `localhost:${addrNum}`;
  }
  const up = /^NOMAD_UPSTREAM_(ADDR|IP|PORT)_(.+)$/.exec(name);
  const upstream = up ? ctx.upstreams?.get(up[2]) : undefined;
  if (up && upstream) {
    const kind = up[1].toLowerCase() as UpstreamRef["kind"];
    ctx.diags.manual("N2K-CONNECT-002", `\${${name}} was Connect upstream "${upstream.service}" on 127.0.0.1:${upstream.bindPort}; no mesh proxy listens there in Kubernetes`, {
      path,
      hint: `point it at ${upstream.service}'s Kubernetes Service (<service>.<namespace>.svc.cluster.local:<port>)`,
    });
    if (path) ctx.upstreamRefs?.push({ path, kind, ...upstream });
    return kind === "addr" ? `127.0.0.1:${upstream.bindPort}` : kind === "ip" ? "127.0.0.1" : String(upstream.bindPort);
  }
  const meta = ctx.meta?.get(name);
  if (meta && ctx.downward) return `$(${meta.env})`;
  if (meta?.value !== undefined) {
    // Where Kubernetes expands no env vars, a dispatch cannot change the value: the job meta default stays.
    // The default is template form: module references (`${var.x}`) and runtime values resolve as anywhere else.
    const value = resolveNested(meta.value, ctx, path) ?? meta.value;
    ctx.diags.warn("N2K-DISPATCH-004", `\${${name}} is fixed to the job meta default "${readableRefs(value)}" here: Kubernetes does not expand env vars in this field, so a dispatch cannot change it`, { path });
    return value;
  }
  const down = ctx.downward && downwardField(name);
  if (ctx.downward && down) {
    if (!ctx.downward.has(down.env)) ctx.diags.changed("N2K-INTERP-002", `\${${name}} becomes $(${down.env}), an env var from the downward API (${down.field})`, { path });
    ctx.downward.set(down.env, down.field);
    return `$(${down.env})`;
  }
  const ip = /^NOMAD_(?:HOST_|ALLOC_)?IP_(.+)$/.exec(name);
  if (ip && portNumber(ip[1], ctx.ports) !== undefined) return "0.0.0.0";
  if (name === "NOMAD_JOB_NAME" || name === "NOMAD_JOB_ID") return ctx.appName;
  if (name === "NOMAD_GROUP_NAME") return ctx.group;
  if (name === "NOMAD_TASK_NAME") return ctx.task;
  return knownValue(name, ctx, path);
}

/** Meta, namespace, region, datacenter and the task's own env: known when converting. */
function knownValue(name: string, ctx: InterpContext, path?: string): string | undefined {
  const meta = /^(?:NOMAD_META_|meta\.)(.+)$/.exec(name);
  const values = ctx.metaValues;
  if (meta && values) {
    // Nomad sets NOMAD_META_<key> as written and upper-cased.
    const key = meta[1] in values ? meta[1] : Object.keys(values).find((k) => k.toUpperCase() === meta[1].toUpperCase());
    if (key !== undefined) return resolveNested(values[key], ctx, path);
  }
  if (name === "NOMAD_NAMESPACE") return moduleRef("var.namespace");
  if (name === "NOMAD_REGION") return ctx.nomad?.region ?? "global";
  if (name === "NOMAD_DC" && ctx.nomad?.datacenter) return ctx.nomad.datacenter;
  if (ctx.env && name in ctx.env) {
    // Kubernetes expands $(FOO) in env values, command and args; elsewhere the value is used.
    if (ctx.downward) return `$(${name})`;
    return resolveNested(ctx.env[name], ctx, path);
  }
  return undefined;
}

const nesting = new WeakMap<InterpContext, number>();

/** A value that may itself hold interpolations (a meta value naming another meta key). */
function resolveNested(s: string, ctx: InterpContext, path?: string): string | undefined {
  const depth = nesting.get(ctx) ?? 0;
  if (depth > 5) return undefined;
  nesting.set(ctx, depth + 1);
  try {
    const parts = splitTemplate(s);
    let out = "";
    for (const p of parts) {
      if (p.kind === "text") out += p.text;
      else if (p.kind === "interp" && p.expr.startsWith(MODULE_REF)) out += moduleRef(p.expr.slice(1));
      else {
        const v = p.kind === "interp" ? runtimeValue(p.expr.replace(/^env\./, ""), ctx, path) : undefined;
        if (v === undefined) return undefined;
        out += v;
      }
    }
    return out;
  } finally {
    nesting.set(ctx, depth);
  }
}

/**
 * Resolves `${NOMAD_*}` runtime interpolations in a normalized string; what has no pod
 * equivalent is reported and kept as literal text.
 */
export function resolveString(s: string, ctx: InterpContext, path: string, opts: { consulCheck?: boolean } = {}): string {
  let out = "";
  for (const p of splitTemplate(s)) {
    if (p.kind === "text") {
      // In env values, command and args Nomad also fills a `${X}` written escaped (`$${X}` in HCL2).
      out += ctx.downward ? p.text.replace(/\$\{([A-Za-z_][\w.-]*)\}/g, (all, name: string) => runtimeValue(name.replace(/^env\./, ""), ctx, path) ?? envFileValue(name, ctx, path) ?? all) : p.text;
      continue;
    }
    if (p.kind === "interp" && p.expr.startsWith(MODULE_REF)) {
      out += moduleRef(p.expr.slice(1));
      continue;
    }
    const name = p.expr.replace(/^env\./, "");
    const v = p.kind === "interp" ? runtimeValue(name, ctx, path) : undefined;
    if (v !== undefined) out += v;
    else {
      out += `\${${p.expr}}`;
      // var/local references and functions were already reported by the HCL2 evaluation.
      if (/^(var|local)\.|\(/.test(p.expr)) continue;
      const hint = "replace it by hand (downward API, a ConfigMap value, or a fixed value)";
      // A node attribute, meta key or runtime variable left as text in env, command or args is a
      // value the app reads wrong (templates report their own: TPL-013, PKI-004).
      if (ctx.downward && isNomadRuntime(name)) ctx.diags.manual("N2K-INTERP-001", `\${${p.expr}} has no Kubernetes equivalent; kept as literal text`, { path, hint, blocking: true });
      else ctx.diags.warn("N2K-INTERP-001", `\${${p.expr}} has no Kubernetes equivalent; kept as literal text`, { path, hint });
    }
  }
  if (opts.consulCheck !== false) reportConsulAddress(out, ctx, path);
  return out;
}

/** `${X}` where the env file loaded with env_from may define X: Kubernetes expands `$(X)` from it. */
function envFileValue(name: string, ctx: InterpContext, path: string): string | undefined {
  if (!ctx.envFile || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return undefined;
  ctx.diags.changed("N2K-TPL-010", `\${${name}} becomes $(${name}): Kubernetes expands it from the env file Secret the container loads with env_from (if the file defines ${name})`, { path });
  return `$(${name})`;
}

/** Consul addresses in a value are manual steps naming each (templates check their own text). */
export function reportConsulAddress(text: string, ctx: Pick<InterpContext, "diags">, path: string, where = `"${path.split(".").pop()}"`, line?: number): void {
  reportConsulAddresses(text, ctx.diags, path, where, line);
}

/** As resolveString, and a value naming the ingress host becomes `var.hostname`. */
export function resolveValue(s: string, ctx: InterpContext, path: string): HclVal {
  return hostValue(resolveString(s, ctx, path), ctx);
}

/** A resolved value naming the ingress host (or its URL) as `var.hostname`. */
export function hostValue(v: string, ctx: InterpContext): HclVal {
  const host = ctx.hostname;
  if (host) {
    if (v === host) return expr("var.hostname");
    for (const scheme of ["https://", "http://"]) {
      if (v === scheme + host || v === `${scheme}${host}/`) return tpl(scheme, expr("var.hostname"), v.endsWith("/") ? "/" : "");
    }
  }
  return v;
}
