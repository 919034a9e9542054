import { inertLine } from "../redact.js";
import { beforeApplyMarkdown, type BeforeApply } from "./before-apply.js";
import type { JobReport, MigrationReport, ReportDiag } from "./build-report.js";
import { cell, code, plain } from "./markdown-text.js";


const HTML: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };

/**
 * One line of the Markdown report: control characters and newlines escaped (a job name cannot
 * start a line of its own), HTML inert everywhere, code spans included (a backtick in a job
 * name can end a span early, and no generated code span holds `<`, `>` or `&`).
 */
export function markdownLine(s: string): string {
  return inertLine(s).replace(/[&<>]/g, (m) => HTML[m]);
}

/** The human report: what to do before apply, a summary table, then one section per job. */
export function renderMarkdown(report: MigrationReport): string {
  const out: string[] = [...markdownHead(report.summary, report), ...report.jobs.map(tableRow)];
  for (const j of report.jobs) out.push("", ...jobSection(j, false, true));
  return out.join("\n") + "\n";
}

/** The title, the summary line, "Before you apply" and the jobs table's header: what comes before the first job. */
export function markdownHead(s: MigrationReport["summary"], apply: BeforeApply): string[] {
  const head = [
    "# Nomad → Kubernetes migration report",
    "",
    `${s.jobs} jobs: ${s.converted} converted, ${s.skipped} skipped, ${s.failed} failed; ${s.warnings} warnings, ${s.manual} manual steps.`,
    "",
    ...beforeApplyMarkdown(apply),
    "",
    "## Jobs",
    "",
    "| Job | File | Status | Pattern | Module | Warnings | Manual steps | Left out on purpose |",
    "|---|---|---|---|---|---|---|---|",
  ];
  return head.map(markdownLine);
}

export function tableRow(j: JobReport): string {
  return markdownLine(`| ${cell(j.job ? plain(j.job) : "(none)")} | ${cell(plain(j.file))} | ${j.status} | ${cell(j.pattern ?? "-")} | ${cell(j.module ? `${j.module}/` : "-")} | ${j.warnings.length} | ${j.manual.length} | ${j.ignored.length} |`);
}

/**
 * A job's section; `all` lists every attribute left out on purpose (explain, migrate's details)
 * instead of counting them; `markdown` for the report file (HTML escaped), else for a terminal.
 */
export function jobSection(j: JobReport, all = false, markdown = false): string[] {
  const out = [`## ${j.job ? plain(j.job) : "(no job)"} — ${j.status}`, "", `Source: ${code(j.file)}${j.line ? ` line ${j.line}` : ""}${j.format ? ` (${j.format === "hcl1" ? "HCL1" : "Nomad API JSON"})` : ""}${j.module ? ` → ${code(`${j.module}/`)}` : ""}`];
  if (j.error) out.push("", `**Error:** ${j.error}`);
  if (j.reason) out.push("", `**Skipped:** ${j.reason}`);
  if (j.workloads.length) {
    out.push("", "### Pattern and evidence", "");
    for (const w of j.workloads) {
      out.push(`- group ${code(w.group)}: pattern **${w.pattern}**${w.resource ? ` → ${code(w.resource)}` : ""}`);
      for (const e of w.evidence) out.push(`  - ${e}`);
    }
  }
  if (j.mapping.length) out.push("", "### Nomad → Kubernetes", "", "| Nomad | Kubernetes |", "|---|---|", ...j.mapping.map((m) => `| ${cell(plain(m.nomad))} | ${cell(m.kubernetes)} |`));
  if (j.resources.length) out.push("", "### Resources", "", "| Container | Nomad | Tier | Requests | Limits |", "|---|---|---|---|---|", ...j.resources.map((r) => `| ${cell(plain(r.container))} | ${cell(r.nomad)} | ${cell(r.tier)} | ${cell(r.requests)} | ${cell(r.limits)} |`));
  if (j.hosts.length) out.push("", "### Hosts", "", ...j.hosts.map((h, i) => `- ${h}${i === 0 ? " (`var.hostname`)" : ""}`));
  if (j.data.length) {
    out.push("", "### Data", "", "Where the data the job kept lives before and after the move, and what to copy at cutover.", "", "| Container path | Nomad | Kubernetes | Copy step |", "|---|---|---|---|");
    out.push(...j.data.map((d) => `| ${cell(`${d.container}: ${d.path}`)} | ${cell(d.nomad)} | ${cell(d.kubernetes)} | ${cell(d.copy)} |`));
  }
  if (j.volumes.length) out.push("", "### Volumes", "", ...j.volumes.map((v) => `- ${code(v.name)}: ${v.kind} ${v.source}`));
  if (j.secrets.length || j.configMaps.length) {
    out.push("", "### Secrets and config", "");
    for (const s of j.secrets) out.push(`- Secret ${code(s.name)} (${s.source ?? "ExternalSecret"}) keys: ${s.keys.map(code).join(", ") || "(template only)"}`);
    for (const c of j.configMaps) out.push(`- ConfigMap ${code(c)}`);
  }
  if (j.filesRead?.length) out.push("", "### Files read", "", ...j.filesRead.map((f) => `- ${f}`));
  const list = (title: string, items: ReportDiag[]) => {
    if (!items.length) return;
    out.push("", `### ${title}`, "");
    for (const d of items) out.push(`- ${d.severity === "error" ? "**required before apply** " : ""}\`${d.code}\`${d.path ? ` ${code(d.path)}` : ""}${d.line ? ` (line ${d.line})` : ""}: ${d.message}${d.hint ? ` — ${d.hint}` : ""}`);
  };
  list("Errors", j.errors);
  list("Manual steps", j.manual);
  list("Not carried over (warnings)", j.warnings);
  // Listed one by one: what the module does differently from the job, which an operator reads.
  list("Carried over with changes", j.changed ?? []);
  // Listed one by one in migration-report.json only: counted here, so the report stays readable.
  if (all) list("Deliberately not carried over", j.ignored);
  else if (j.ignored.length) {
    const byCode = new Map<string, number>();
    for (const d of j.ignored) byCode.set(d.code, (byCode.get(d.code) ?? 0) + 1);
    out.push("", "### Deliberately not carried over", "", `${j.ignored.length} attribute(s) left out on purpose (${[...byCode].map(([c, n]) => `\`${c}\` × ${n}`).join(", ")}); each with its reason in migration-report.json (\`ignored\`) and \`nomad2k8s explain\`.`);
  }
  return out.map(markdown ? markdownLine : inertLine);
}
