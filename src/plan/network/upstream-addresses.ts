import type { Diagnostics } from "../../diagnostics.js";
import { dnsLabel } from "../names.js";
import { readableRefs, type HclVal } from "../hcl-value.js";
import type { ModulePlan, Workload } from "../model.js";
import { forEachValue, hostFor, namespaceNote, type DirectoryEntry } from "./service-directory.js";

const LOCAL_ADDRESS = /\b(?:localhost|127\.0\.0\.1):(\d+)\b/g;

/**
 * Consul Connect upstreams reached other services on 127.0.0.1:<local_bind_port>. When the
 * upstream is a service of a job in this run, the address (from `${NOMAD_UPSTREAM_ADDR_x}`, its
 * IP/PORT halves, or a literal localhost address on the bind port) becomes that Service's.
 */
export function rewriteUpstreams(plan: ModulePlan, job: string, directory: Map<string, DirectoryEntry>, diags: Diagnostics): void {
  rewriteWorkloadUpstreams(plan, job, directory, diags);
  settleUpstreamSteps(plan, job, directory, diags);
}

function rewriteWorkloadUpstreams(plan: ModulePlan, job: string, directory: Map<string, DirectoryEntry>, diags: Diagnostics): void {
  for (const w of plan.workloads) {
    if (!w.upstreams) continue;
    const known = new Map<number, { service: string; host: string; port: number; entry: DirectoryEntry }>();
    for (const u of w.upstreams.services) {
      const entry = directory.get(u.service);
      const port = entry?.ports[u.service];
      if (entry && port !== undefined) known.set(u.bindPort, { service: u.service, host: hostFor(entry, plan), port, entry });
    }
    const note = (services: Set<string>) => namespaceNote([...known.values()].filter((k) => services.has(k.service)).map((k) => k.entry), plan);
    if (!known.size) continue;
    for (const d of diags.items) {
      if (d.code !== "N2K-CONNECT-001" || !d.path?.startsWith(`job.${job}.`)) continue;
      const k = [...known.values()].find((x) => d.message.includes(`upstream ${x.service} (`));
      if (k) d.hint = `in this run it is the Kubernetes Service ${readableRefs(k.host)}:${k.port}`;
    }
    const value = (v: HclVal, path: string): HclVal => {
      if (typeof v !== "string") return v;
      let out = v;
      const used = new Set<string>();
      for (const ref of w.upstreams!.refs.filter((r) => r.path === path && r.kind !== "addr")) {
        const k = known.get(ref.bindPort);
        if (!k) continue;
        if (ref.kind === "ip" && out === "127.0.0.1") out = k.host;
        else if (ref.kind === "port" && out === String(ref.bindPort)) out = String(k.port);
        else continue;
        used.add(k.service);
      }
      out = out.replace(LOCAL_ADDRESS, (all, port: string) => {
        const k = known.get(Number(port));
        if (k) used.add(k.service);
        return k ? `${k.host}:${k.port}` : all;
      });
      // A port the Service kept is the same text, yet rewritten all the same.
      if (!used.size) return v;
      const refs = w.upstreams!.refs.filter((r) => r.path === path);
      if (refs.every((r) => known.has(r.bindPort))) {
        for (let i = diags.items.length - 1; i >= 0; i--) if (diags.items[i].code === "N2K-CONNECT-002" && diags.items[i].path === path) diags.items.splice(i, 1);
      }
      diags.changed("N2K-CONNECT-003", `Connect upstream ${[...used].join(", ")} rewritten to the Kubernetes Service of a job in this run (${note(used)})`, { path });
      return out;
    };
    forEachValue(w, job, value);
    rewriteTemplateFiles(plan, w, job, known, diags);
  }
}

/**
 * Static templates (`{{ env "NOMAD_UPSTREAM_ADDR_x" }}`) rendered the upstream's local address
 * into the group's ConfigMap: the same rewrite there.
 */
function rewriteTemplateFiles(plan: ModulePlan, w: Workload, job: string, known: Map<number, { service: string; host: string; port: number; entry: DirectoryEntry }>, diags: Diagnostics): void {
  const single = plan.workloads.every((x) => x.group === w.group);
  const cm = plan.configMaps.find((c) => c.tfName === (single ? "config" : `${w.tfName}_config`));
  if (!cm) return;
  const used = new Set<string>();
  for (const [key, v] of Object.entries(cm.data)) {
    if (typeof v !== "string") continue;
    cm.data[key] = v.replace(LOCAL_ADDRESS, (all, port: string) => {
      const k = known.get(Number(port));
      if (k) used.add(k.service);
      return k ? `${k.host}:${k.port}` : all;
    });
    reportLocalDials(key, cm.data[key] as string, known, job, w.group, diags);
  }
  if (!used.size) return;
  const base = `job.${job}.group.${w.group}.task.`;
  for (let i = diags.items.length - 1; i >= 0; i--) {
    const d = diags.items[i];
    if (d.code === "N2K-CONNECT-002" && d.path?.startsWith(base) && d.path.includes(".template") && [...used].some((u) => d.message.includes(`"${u}"`))) diags.items.splice(i, 1);
  }
  diags.changed("N2K-CONNECT-003", `Connect upstream ${[...used].join(", ")} rewritten in the ConfigMap of templates to the Kubernetes Service of a job in this run (${namespaceNote([...known.values()].filter((k) => used.has(k.service)).map((k) => k.entry), plan)})`, { path: `job.${job}.group.${w.group}.template` });
}

/** Local dials written another way than host:port (`nc -z localhost 5432`) cannot be rewritten safely. */
function reportLocalDials(key: string, text: string, known: Map<number, { service: string; host: string; port: number }>, job: string, group: string, diags: Diagnostics): void {
  for (const line of text.split("\n")) {
    if (!/\b(localhost|127\.0\.0\.1)\b/.test(line)) continue;
    for (const [bind, k] of known) {
      if (!new RegExp(`(^|[^:\\d])${bind}\\b`).test(line) || line.includes(`:${bind}`)) continue;
      diags.manual("N2K-CONNECT-005", `template ${key} dials the Connect upstream ${k.service} on localhost port ${bind} in a form that was not rewritten: ${line.trim().slice(0, 120)}`, {
        path: `job.${job}.group.${group}.template`,
        blocking: true,
        hint: `point it at ${readableRefs(k.host)} port ${k.port}`,
      });
    }
  }
}

const UPSTREAM_STEP = /^Consul Connect upstream (\S+) \(localhost:(\d+|\?)\)/;

/**
 * An upstream step stays only while the app may still dial localhost: every use the module
 * shows was rewritten → no step (N2K-CONNECT-003 says where); a use left, or none found (the
 * app's config is in the image or an opaque input) → required before apply, with the address.
 */
function settleUpstreamSteps(plan: ModulePlan, job: string, directory: Map<string, DirectoryEntry>, diags: Diagnostics): void {
  const texts = moduleTexts(plan);
  for (let i = diags.items.length - 1; i >= 0; i--) {
    const d = diags.items[i];
    const m = d.code === "N2K-CONNECT-001" && d.path?.startsWith(`job.${job}.`) ? UPSTREAM_STEP.exec(d.message) : null;
    if (!m) continue;
    const [, service, bind] = m;
    const local = bind === "?" ? null : new RegExp(`\\b(?:localhost|127\\.0\\.0\\.1):${bind}\\b`);
    const envRef = new RegExp(`NOMAD_UPSTREAM_(?:ADDR|IP|PORT)_${service.replace(/[-_]/g, "[-_]")}\\b`, "i");
    const left = texts.filter((t) => (local && local.test(t.text)) || envRef.test(t.text)).map((t) => t.where);
    const rewritten = diags.items.some((x) => x.code === "N2K-CONNECT-003" && x.path?.startsWith(`job.${job}.`) && x.message.includes(service));
    if (rewritten && !left.length) {
      diags.items.splice(i, 1);
      continue;
    }
    const entry = directory.get(service);
    const port = entry?.ports[service];
    const address = entry && port !== undefined ? `${readableRefs(hostFor(entry, plan))}:${port}` : undefined;
    d.blocking = true;
    d.message = `${d.message}: ${left.length ? `the app still dials localhost${bind === "?" ? "" : `:${bind}`} in ${[...new Set(left)].join(", ")}, which the tool could not rewrite` : "no use of it the tool could rewrite is in the module: the app's own configuration (image, file, or a module input) dials it"}`;
    d.hint = address
      ? `make the app dial ${address} (the Kubernetes Service of job ${entry!.module}) instead of localhost${bind === "?" ? "" : `:${bind}`}`
      : `make the app dial the Kubernetes Service that serves ${service} (not a job of this run; e.g. ${dnsLabel(service)}.<namespace>.svc.cluster.local on its Service port) instead of localhost${bind === "?" ? "" : `:${bind}`}`;
  }
}

/** The module's values an app reads (env, args, files, Secrets, inputs' defaults), each with where it is. */
function moduleTexts(plan: ModulePlan): { where: string; text: string }[] {
  const out: { where: string; text: string }[] = [];
  const add = (where: string, v: unknown) => v !== undefined && out.push({ where, text: typeof v === "string" ? v : JSON.stringify(v) });
  for (const w of plan.workloads) {
    for (const c of [...w.pod.initContainers, ...w.pod.containers]) {
      const name = c.task ?? readableRefs(String(c.name));
      for (const e of c.env) add(`env ${e.name} of container ${name}`, e.value);
      add(`the args of container ${name}`, [...(c.command ?? []), ...(c.args ?? [])]);
    }
  }
  for (const cm of plan.configMaps) for (const [k, v] of Object.entries(cm.data)) add(`file ${k} (ConfigMap)`, v);
  for (const s of plan.secretData) {
    if (s.data && typeof s.data === "object" && !Array.isArray(s.data)) for (const [k, v] of Object.entries(s.data)) add(`${k} (Secret)`, v);
  }
  for (const es of plan.externalSecrets) for (const [k, v] of Object.entries(es.template ?? {})) add(`template ${k} (ExternalSecret)`, v);
  for (const v of plan.variables) if (v.default !== undefined) add(`the default of variable ${v.name}`, v.default);
  return out;
}
