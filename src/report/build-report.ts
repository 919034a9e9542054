import type { ConvertResult, JobResult } from "../convert.js";
import type { Diagnostic } from "../diagnostics.js";
import type { HclVal } from "../plan/hcl-value.js";
import { isExpr, isTpl, readableRefs } from "../plan/hcl-value.js";
import type { Workload } from "../plan/model.js";
import { beforeApply, type ApplyEntry, type BeforeApply, type Prerequisite, type SiteValue } from "./before-apply.js";

export interface ReportDiag {
  code: string;
  message: string;
  path?: string;
  line?: number;
  hint?: string;
  /** "error" for a manual step that must be done before `terraform apply`. */
  severity?: "error";
}

export interface JobReport {
  job: string;
  file: string;
  /** Present when the file is not HCL2: "hcl1" or "json" (Nomad API JSON). */
  format?: "hcl1" | "json";
  line?: number;
  status: JobResult["status"];
  module: string | null;
  pattern: string | null;
  error?: string;
  reason?: string;
  evidence: string[];
  workloads: { group: string; pattern: string; resource: string; evidence: string[] }[];
  mapping: { nomad: string; kubernetes: string }[];
  resources: { container: string; tier: string; nomad: string; requests: string; limits: string }[];
  hosts: string[];
  volumes: { name: string; kind: string; source: string }[];
  /** Where the job's persistent data lived on Nomad and where it lives now, with the copy step. */
  data: { container: string; path: string; nomad: string; kubernetes: string; copy: string }[];
  /** `source` names what fills the Secret when it is not an ExternalSecret. */
  secrets: { name: string; keys: string[]; source?: string }[];
  configMaps: string[];
  droppedTasks: { task: string; reason: string }[];
  /** Files the job's file functions read (path from the working folder, size): present when any. */
  filesRead?: string[];
  warnings: ReportDiag[];
  manual: ReportDiag[];
  ignored: ReportDiag[];
  /** Infos on what was carried over with a change (an address rewritten, a value resolved). Absent in reports of older versions. */
  changed?: ReportDiag[];
  errors: ReportDiag[];
  /** What the module needs before apply (converted jobs): the report's "Before you apply" adds these up. */
  prerequisites?: Prerequisite[];
  siteValues?: SiteValue[];
  /** Module variables without a default: the fleet's root module asks for them. */
  requiredInputs?: { name: string; type: string; description: string; sensitive?: boolean }[];
}

export interface MigrationReport extends BeforeApply {
  generator: "nomad2k8s";
  summary: { jobs: number; converted: number; skipped: number; failed: number; warnings: number; manual: number };
  jobs: JobReport[];
}

/** A diagnostic as the report holds it. Fields are set one by one (same key order as spreads): one object per diagnostic, of which a fleet has many. */
export function slim(d: Diagnostic): ReportDiag {
  const out: ReportDiag = { code: d.code, message: readableRefs(d.message) };
  if (d.path) out.path = d.path;
  if (d.line) out.line = d.line;
  if (d.hint) out.hint = readableRefs(d.hint);
  if (d.blocking) out.severity = "error";
  return out;
}

/** Text of a plan value for humans: `local.app_name` reads better as the app's name. */
export function show(v: HclVal | undefined, app: string): string {
  if (v === undefined) return "";
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return readableRefs(String(v));
  if (isExpr(v)) return v.$expr === "local.app_name" ? app : v.$expr;
  if (isTpl(v)) return v.$tpl.map((p) => (typeof p === "string" ? p : show(p, app))).join("");
  return JSON.stringify(v);
}

export function buildReport(result: ConvertResult): MigrationReport {
  return reportOf(result.jobs.map(jobReport));
}

/** A report from its job entries: the summary is always counted from them. */
export function reportOf(jobs: JobReport[]): MigrationReport {
  return { generator: "nomad2k8s", summary: summaryOf(jobs.map((j) => ({ status: j.status, warnings: j.warnings.length, manual: j.manual.length }))), ...beforeApply(jobs.map(applyEntry)), jobs };
}

/** What "Before you apply" takes of a job's entry. */
export function applyEntry(j: JobReport): ApplyEntry {
  return { job: j.job, file: j.file, module: j.status === "converted" ? j.module : null, requiredInputs: j.requiredInputs, prerequisites: j.prerequisites, siteValues: j.siteValues, blocking: j.manual.filter((d) => d.severity === "error") };
}

/** The report's summary, counted from each job's status and numbers of warnings and manual steps. */
export function summaryOf(jobs: { status: JobReport["status"]; warnings: number; manual: number }[]): MigrationReport["summary"] {
  const count = (s: string) => jobs.filter((j) => j.status === s).length;
  return {
    jobs: jobs.length,
    converted: count("converted"),
    skipped: count("skipped"),
    failed: count("failed"),
    warnings: jobs.reduce((n, j) => n + j.warnings, 0),
    manual: jobs.reduce((n, j) => n + j.manual, 0),
  };
}

/** A read by a file function: listed under the job's files read, not as a diagnostic. */
const FILE_READ = "N2K-FILE-002";
/** A parser error after the first (info, so the terminal shows it with --verbose only): the report lists it with the errors. */
const PARSE_FOLLOW_ON = "N2K-PARSE-002";

export function jobReport(r: JobResult): JobReport {
  const by = (s: Diagnostic["severity"]) => r.diagnostics.filter((d) => d.severity === s);
  const plan = r.plan;
  const app = plan?.appName ?? r.job;
  const workloads = (r.inference?.groups ?? []).map((g, i) => {
    const w = [...(plan?.workloads ?? []), ...(plan?.virtualMachines ?? []).map((vm) => ({ ...vm, resourceType: "kubectl_manifest" }))].filter((x) => x.group === g.group);
    return { group: g.group, pattern: g.pattern, resource: w.map((x) => `${x.resourceType}.${x.tfName}`).join(", ") || (plan ? "" : "(none)"), evidence: g.evidence.map((e) => readableRefs(e.detail)), index: i };
  });
  const report: JobReport = {
    job: r.job,
    file: r.file,
    ...(r.line ? { line: r.line } : {}),
    ...(r.format ? { format: r.format } : {}),
    status: r.status,
    module: r.module,
    pattern: r.pattern,
    ...(r.status === "failed" ? { error: readableRefs(r.reason ?? "") } : r.reason ? { reason: readableRefs(r.reason) } : {}),
    evidence: r.evidence.map((e) => readableRefs(e.detail)),
    workloads: workloads.map(({ index: _i, ...w }) => w),
    mapping: r.status === "converted" ? mappingRows(r) : [],
    resources: [],
    hosts: (r.facts?.hosts ?? []).map(readableRefs),
    volumes: [],
    data: [],
    secrets: [
      ...(plan?.externalSecrets.map((s) => ({ name: show(s.targetName, app), keys: [...s.data.map((d) => d.secretKey), ...(s.extract ?? []).map((k) => `every key of ${k}`)] })) ?? []),
      ...(plan?.certificates.map((c) => ({ name: show(c.secretName, app), keys: ["tls.crt", "tls.key", "ca.crt", ...(c.combinedPem ? ["tls-combined.pem"] : [])], source: "cert-manager Certificate" })) ?? []),
    ],
    configMaps: plan?.configMaps.map((c) => show(c.name, app)) ?? [],
    droppedTasks: r.facts?.droppedTasks ?? [],
    warnings: by("warning").map(slim),
    manual: by("manual").map(slim),
    ignored: by("info").filter((d) => !d.changed && d.code !== FILE_READ && d.code !== PARSE_FOLLOW_ON).map(slim),
    changed: by("info").filter((d) => d.changed).map(slim),
    errors: [...by("error"), ...by("info").filter((d) => d.code === PARSE_FOLLOW_ON)].map(slim),
  };
  if (r.status === "converted" && r.needs) {
    report.prerequisites = r.needs.prerequisites;
    report.siteValues = r.needs.siteValues;
    report.requiredInputs = (plan?.variables ?? []).filter((v) => v.default === undefined).map((v) => ({ name: v.name, type: v.type, description: readableRefs(v.description), ...(v.sensitive ? { sensitive: true } : {}) }));
  }
  const reads = r.diagnostics.filter((d) => d.code === FILE_READ).map((d) => d.message.replace(/^read /, ""));
  if (reads.length) report.filesRead = reads;
  if (plan && r.status === "converted") {
    for (const w of plan.workloads) {
      for (const c of [...w.pod.initContainers, ...w.pod.containers]) {
        const name = show(c.name, app);
        const tier = c.task ? r.facts?.tiers[c.task] : undefined;
        report.resources.push({
          container: `${show(w.name, app)}/${name}`,
          tier: tier?.tier ?? "light (generated by nomad2k8s)",
          nomad: tier ? nomadRes(tier.nomad) : "-",
          requests: Object.entries(c.resources.requests).map(([k, v]) => `${k}=${v}`).join(", "),
          limits: Object.entries(c.resources.limits).map(([k, v]) => `${k}=${v}`).join(", "),
        });
      }
      // The app's own mounts first: a restore container's read-only view of the same data is not another row.
      for (const c of [...w.pod.containers, ...w.pod.initContainers]) {
        for (const m of c.volumeMounts) {
          const v = w.pod.volumes.find((x) => x.name === m.name);
          if (!v?.origin || report.data.some((d) => d.path === m.mountPath && d.nomad === readableRefs(v.origin!.nomad))) continue;
          const where = v.nfs ? `nfs ${v.nfs.server}:${v.nfs.path}` : `${v.hostPath ? "host_path" : "empty_dir"} ${readableRefs(volSource(v, plan))}`;
          report.data.push({ container: `${show(w.name, app)}/${show(c.name, app)}`, path: m.mountPath, nomad: readableRefs(v.origin.nomad), kubernetes: `volume \`${v.name}\`: ${where}${m.subPath ? ` (${m.subPath})` : ""}${m.readOnly ? ", read-only" : ""}`, copy: readableRefs(v.origin.copy) });
        }
      }
      for (const v of w.pod.volumes) {
        if (report.volumes.some((x) => x.name === v.name && x.source === volSource(v, plan))) continue;
        report.volumes.push({ name: v.name, kind: v.hostPath ? "host_path" : v.nfs ? "nfs" : v.emptyDir ? "empty_dir" : v.configMap ? "config_map" : v.serviceAccountToken ? "projected" : "secret", source: readableRefs(volSource(v, plan)) });
      }
    }
  }
  return report;
}

function nomadRes(n: { cpu?: number; memory?: number; memoryMax?: number; defaulted?: boolean }): string {
  if (n.defaulted) return `(none; Nomad defaults cpu=${n.cpu}MHz, memory=${n.memory}MB)`;
  const parts = [n.cpu !== undefined && `cpu=${n.cpu}MHz`, n.memory !== undefined && `memory=${n.memory}MB`, n.memoryMax !== undefined && `memory_max=${n.memoryMax}MB`].filter(Boolean);
  return parts.join(", ") || "(none)";
}

function volSource(v: NonNullable<JobResult["plan"]>["workloads"][number]["pod"]["volumes"][number], plan: NonNullable<JobResult["plan"]>): string {
  if (v.hostPath) return v.hostPath.path;
  if (v.nfs) return `${v.nfs.server}:${v.nfs.path}${v.nfs.readOnly ? " (read-only)" : ""}`;
  if (v.emptyDir) return [v.emptyDir.medium === "Memory" ? "in memory" : "on the node", v.emptyDir.sizeLimit && `up to ${v.emptyDir.sizeLimit}`].filter(Boolean).join(", ");
  if (v.serviceAccountToken) return `service account token ${v.serviceAccountToken.path}${v.serviceAccountToken.audience ? ` (audience ${v.serviceAccountToken.audience})` : ""}`;
  const ref = show(v.configMap?.name ?? v.secret?.secretName, plan.appName);
  const cm = [...plan.configMaps, ...plan.secretData].find((c) => ref.endsWith(`.${c.tfName}.metadata[0].name`));
  return cm ? show(cm.name, plan.appName) : ref;
}

function mappingRows(r: JobResult): { nomad: string; kubernetes: string }[] {
  const rows: { nomad: string; kubernetes: string }[] = [];
  const plan = r.plan!;
  const app = plan.appName;
  rows.push({ nomad: `job "${r.job}" (type ${r.nomad?.type})`, kubernetes: `module ${r.module}/` });
  const p = r.nomad?.parameterized;
  if (p) {
    const keys = [...p.metaRequired, ...p.metaOptional];
    rows.push({ nomad: `parameterized (payload ${p.payload}${keys.length ? `, meta ${keys.join(", ")}` : ""})`, kubernetes: `suspended CronJob as dispatch template${keys.length ? "; NOMAD_META_* env vars" : ""}` });
  }
  for (const g of r.nomad?.groups ?? []) {
    const ws = plan.workloads.filter((w) => w.group === g.name);
    rows.push({ nomad: `group "${g.name}" (count ${g.count})`, kubernetes: ws.map((w) => `${w.resourceType}.${w.tfName}${w.replicas !== undefined ? ` (replicas ${w.replicas})` : ""}${w.completions ? ` (${w.completions} pods per run)` : ""}${w.suspend ? " (suspended)" : ""}`).join(", ") });
    const vm = plan.virtualMachines.find((x) => x.group === g.name);
    if (vm) rows[rows.length - 1].kubernetes = `kubectl_manifest.${vm.tfName} (KubeVirt VirtualMachine)`;
    for (const t of g.tasks) {
      const dropped = r.facts?.droppedTasks.find((d) => d.task === t.name);
      if (t.name === vm?.task) {
        rows.push({ nomad: `task "${t.name}" (qemu)`, kubernetes: `VirtualMachine ${show(vm.name, app)}: ${vm.cores} cores, ${vm.memory}, ${vm.disk.dataVolume ? "DataVolume imported by CDI" : "containerDisk"}` });
        continue;
      }
      const w = ws[0];
      const init = w?.pod.initContainers.some((c) => c.task === t.name || show(c.name, app) === t.name);
      rows.push({ nomad: `task "${t.name}" (${t.driver}${t.lifecycle ? `, ${t.lifecycle.hook}${t.lifecycle.sidecar ? " sidecar" : ""}` : ""})`, kubernetes: dropped ? `not carried over: ${dropped.reason}` : `${init ? "init_container" : "container"} in ${w ? show(w.name, app) : "?"}${t.substitute ? `: ${t.substitute.summary} (N2K-DRIVER-003)` : ""}${t.artifacts.length ? "; artifacts: N2K-ARTIFACT-*" : ""}` });
    }
    for (const s of [...g.services, ...g.tasks.flatMap((t) => t.services)]) {
      const svc = plan.services.find((x) => ws.some((w) => w.tfName === x.tfName) || x.tfName === vm?.tfName);
      rows.push({ nomad: `service "${s.name ?? ""}" port ${s.port ?? "-"}${s.checks.length ? ` + ${s.checks.length} check(s)` : ""}`, kubernetes: svc ? `${plan.outputs.serviceResourceType}.${svc.tfName} (${svc.ports.map((p) => `${p.port}→${p.targetInput ? `var.${p.targetInput}` : p.targetPort}`).join(", ")})${probesFrom(s.path, ws)}` : "no Service" });
    }
  }
  for (const ing of plan.ingresses) rows.push({ nomad: "Traefik router tags", kubernetes: `kubernetes_ingress_v1.${ing.tfName} (${ing.rules.map((rule) => (rule.host === undefined ? "any host" : show(rule.host, app))).map((h) => (h === "var.hostname" ? r.facts?.hosts[0] ?? h : h)).join(", ")})${listenerText(ing.listener)}` });
  for (const ir of plan.ingressRoutes ?? []) rows.push({ nomad: "Traefik router tags (rule no Ingress expresses)", kubernetes: `Traefik IngressRoute ${show(ir.name, app)}${listenerText(ir.listener)}` });
  for (const c of plan.configMaps) rows.push({ nomad: c.tfName === "litestream" ? "SQLite database" : "static templates", kubernetes: `${c.tfName === "litestream" ? "litestream ConfigMap + restore init container + replicate sidecar" : "ConfigMap"} ${show(c.name, app)}` });
  // Keys only: the data of these Secrets is secret material.
  for (const s of plan.secretData) rows.push({ nomad: s.from ?? (isExpr(s.data) ? "env file from a module input" : "templates holding secret material"), kubernetes: `Secret ${show(s.name, app)}` });
  for (const c of plan.certificates) rows.push({ nomad: "Vault PKI certificate templates", kubernetes: `cert-manager Certificate ${show(c.name, app)} (${c.issuerKind} ${c.issuerName})` });
  for (const s of plan.externalSecrets) rows.push({ nomad: s.tfName === "external_secret_litestream" ? "Litestream S3 credentials" : "Vault secret templates", kubernetes: `ExternalSecret ${show(s.name, app)} (${s.data.length} keys${s.extract?.length ? `, every key of ${s.extract.join(", ")}` : ""})` });
  return rows;
}

/** Where the routes listen: the router's own entrypoints and TLS, or the site default it was given. */
function listenerText(l: { entryPoints: string[]; tls: boolean; siteDefault: boolean; defaultFor?: string[] } | undefined): string {
  if (!l) return "";
  const where = `entrypoint${l.entryPoints.length > 1 ? "s" : ""} ${l.entryPoints.join(", ") || "(all)"}`;
  if (l.siteDefault) return `; ${where}${l.tls ? " + TLS" : ""}: the site default, the router named no entrypoint and no TLS`;
  const others = l.defaultFor?.length ? `; the site default for router${l.defaultFor.length > 1 ? "s" : ""} ${l.defaultFor.join(", ")}, which named none` : "";
  return `; ${where}, ${l.tls ? "TLS" : "plain HTTP (no TLS)"} as the router had on Nomad${others}`;
}

/** The probes the checks of one service became: " + readiness, liveness probes". */
function probesFrom(servicePath: string, ws: Workload[]): string {
  const cs = ws.flatMap((w) => w.pod.containers);
  const from = (p: { from?: string } | undefined) => !!p?.from && (p.from === servicePath || p.from.startsWith(`${servicePath}.`));
  const kinds = (["readiness", "liveness", "startup"] as const).filter((k) => cs.some((c) => from(c[`${k}Probe`])));
  return kinds.length ? ` + ${kinds.join(", ")} probe${kinds.length > 1 ? "s" : ""}` : "";
}
