import { existsSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { DEFAULT_CONFIG_FILE } from "../config/load-config.js";
import { DNS_LABEL, type GroupOverride, type JobOverride, type SiteConfig } from "../config/site-config.js";
import type { JobResult } from "../convert.js";
import { applyWrites, planWrites, writeFileAtomic } from "../io/safe-write.js";
import type { JobReport } from "../report/build-report.js";
import { mainTasks } from "../plan/workload/task-roles.js";
import { inert, inertLine } from "../redact.js";
import { jobSection } from "../report/markdown.js";
import { mergeJobReport, parseReport } from "../report/merge-report.js";
import { renderReportFiles, REPORT_JSON, REPORT_MD } from "../report/report-files.js";
import { jobSummary, unreadFiles } from "./job-summary.js";
import type { CommonOptions } from "./inputs.js";
import { paint, UsageError, type CliIO } from "./io.js";
import { PromptCancelled, terminalPrompter, type Prompter } from "./prompts.js";
import { blockedWhy, renderReview } from "./review.js";
import { runConversion } from "./run-conversion.js";

export interface MigrateOptions extends CommonOptions {
  out: string;
  force?: boolean;
  yes?: boolean;
  inputs: string;
}

const PATTERNS = [
  { name: "A: Deployment (stateless)", value: "A" },
  { name: "B: StatefulSet with Litestream (SQLite)", value: "B" },
  { name: "C: StatefulSet with host paths", value: "C" },
  { name: "D: GPU Deployment", value: "D" },
  { name: "E: CronJob", value: "E" },
  { name: "DaemonSet", value: "daemonset" },
  { name: "Job", value: "job" },
] as const;

/** Per-job migration: show what was inferred, let the user override it, preview, then write. */
export async function migrateCommand(target: string, opts: MigrateOptions, io: CliIO, prompter?: Prompter): Promise<number> {
  if (!opts.yes && !io.terminal) throw new UsageError("migrate asks questions, and there is no terminal: run it in one, or pass --yes to accept the inferred answers");
  const isFile = existsSync(resolve(io.cwd, target));
  const inputs = [isFile ? target : opts.inputs];
  const ask = prompter ?? (opts.yes ? undefined : await terminalPrompter(io.terminal!));
  const say = (s: string) => io.stderr(s.endsWith("\n") ? s : `${s}\n`);
  try {
    return await migrateJob(target, isFile, inputs, opts, io, ask, say);
  } catch (err) {
    // Ctrl-C: every question comes before the first write, so nothing is half-written.
    if (err instanceof PromptCancelled) {
      say("Cancelled: nothing written.");
      return EXIT_INTERRUPTED;
    }
    throw err;
  }
}

/** A shell's code for a run stopped by Ctrl-C (128 + SIGINT). */
const EXIT_INTERRUPTED = 130;

async function migrateJob(target: string, isFile: boolean, inputs: string[], opts: MigrateOptions, io: CliIO, ask: Prompter | undefined, say: (s: string) => void): Promise<number> {
  let conv = await runConversion(inputs, opts, io);
  const file = isFile ? undefined : await whichFile(target, conv.result.jobs, opts, ask);
  // A file that failed as a whole (bad syntax, over its budget) is shown as its failure.
  const pick = (jobs: JobResult[]) => (isFile ? (jobs.find((j) => j.job) ?? jobs.find((j) => j.status === "failed")) : jobs.find((j) => j.job === target && j.file === file));
  let job = pick(conv.result.jobs);
  if (!job) return noSuchJob(target, isFile, conv.report.jobs, opts, say);
  const name = job.job;
  // A short summary first, so the first question stays on screen; the full section on request.
  say(inert(jobSummary(reportOf(conv.report.jobs, job), opts.out).join("\n")));
  if (job.status === "failed") {
    say(inert(jobSection(reportOf(conv.report.jobs, job)).join("\n")));
    return 1;
  }

  const overrides: JobOverride = {};
  if (ask && (await acceptOrChange(ask, say, reportOf(conv.report.jobs, job))) === "change") Object.assign(overrides, await askOverrides(ask, job, conv.config.tiers.map((t) => t.name)));
  if (Object.keys(overrides).length) {
    conv = await runConversion(inputs, opts, io, undefined, (config: SiteConfig) => {
      config.jobs[name] = withAnswers(config.jobs[name], overrides);
    });
    job = pick(conv.result.jobs)!;
    say(paint(io, 1, "\nWith your answers:"));
    say(inert(jobSummary(reportOf(conv.report.jobs, job), opts.out).join("\n")));
    if (job.status !== "converted") {
      say(inert(jobSection(reportOf(conv.report.jobs, job)).join("\n")));
      return 1;
    }
  }
  const outDir = resolve(io.cwd, opts.out);
  const files = Object.fromEntries(job.files.map((f) => [f, conv.files[f]]));
  const plans = await planWrites(outDir, files, !!opts.force);
  // The job's entry goes into the report already in the output folder, so bulk and per-job
  // runs leave one report (and one fleet root module); written under the same rules as the module.
  const reportPlans = await planWrites(outDir, await mergedReport(outDir, reportOf(conv.report.jobs, job)), !!opts.force);
  // The report files are long and summarised by the last line; every .tf written is shown.
  const isReport = (p: { path: string }) => p.path === REPORT_MD || p.path === REPORT_JSON;
  const review = renderReview(io, opts.out, [...plans, ...reportPlans.filter((p) => !isReport(p))], []);
  say(review || `${opts.out}/${job.module}/ is already up to date.`);
  const blocked = [...plans, ...reportPlans].filter((p) => p.action === "blocked");
  for (const p of blocked) say(paint(io, 31, p.refused ? `${opts.out}/${p.path} will not be written: ${p.refused}` : `${opts.out}/${p.path} will not be overwritten: ${blockedWhy(p.path, p.state)}`));
  const writes = plans.filter((p) => p.action === "create" || p.action === "update");
  const reportWrites = reportPlans.filter((p) => p.action === "create" || p.action === "update");
  // The rest is the fleet's root module (fleet/, or _fleet/ beside a module called fleet).
  const fleetWrites = reportWrites.filter((p) => !isReport(p));
  const fleet = fleetWrites[0]?.path.split("/")[0];
  const also = [fleetWrites.length < reportWrites.length && "update the report", fleet && `${fleet}/`].filter(Boolean).join(" and ");
  const question = writes.length ? `Write ${writes.length} file(s) to ${opts.out}/${job.module}/${also ? ` and ${also}` : ""}?` : `Update ${also || "the report"} in ${opts.out}/?`;
  if (writes.length + reportWrites.length && ask && !(await ask.confirm(question, true))) {
    say("Cancelled: nothing written.");
    return 1;
  }
  // Asked before anything is written: a Ctrl-C at this question leaves the folder as it was.
  const configFile = opts.config ?? DEFAULT_CONFIG_FILE;
  const save = Object.keys(overrides).length > 0 && !!ask && (await ask.confirm(`Save these answers in ${configFile} so convert reproduces them?`, true));
  await applyWrites(outDir, [...writes, ...reportWrites]);
  if (writes.length) say(`wrote ${writes.length} file(s) to ${opts.out}/${job.module}/`);
  if (fleetWrites.length < reportWrites.length) say(`updated job "${inertLine(name)}" in ${opts.out}/${REPORT_MD} and ${opts.out}/${REPORT_JSON}`);
  if (fleet) say(`updated the fleet's root module in ${opts.out}/${fleet}/`);
  if (save) {
    await saveOverrides(resolve(io.cwd, configFile), name, overrides);
    say(`saved the answers for job "${inertLine(name)}" in ${configFile}`);
  }
  return blocked.length ? 1 : 0;
}

/** No job of that name: a usage mistake, unless files failed before their jobs could be read. */
function noSuchJob(target: string, isFile: boolean, reports: JobReport[], opts: MigrateOptions, say: (s: string) => void): number {
  const missing = isFile ? `${inertLine(target)} holds no job` : `no job named "${inertLine(target)}" in ${inertLine(opts.inputs)}`;
  const unread = unreadFiles(reports, missing);
  if (!unread) throw new UsageError(missing);
  for (const j of unread.sections) say(inert(jobSection(j).join("\n")));
  say(unread.message);
  return 1;
}

/**
 * The file of the job named `target`: the only one, or the one the user picks when several
 * files define a job of that name (never one picked silently).
 */
async function whichFile(target: string, jobs: JobResult[], opts: MigrateOptions, ask: Prompter | undefined): Promise<string | undefined> {
  const files = [...new Set(jobs.filter((j) => j.job === target).map((j) => j.file))];
  if (files.length < 2) return files[0];
  const where = (f: string) => {
    const line = jobs.find((j) => j.job === target && j.file === f)?.line;
    return inertLine(line ? `${f}:${line}` : f);
  };
  if (!ask) throw new UsageError(`job "${inertLine(target)}" is defined in ${files.length} files (${files.map(where).join(", ")}); name the file to migrate instead of the job`);
  return ask.select(`Job "${inertLine(target)}" is defined in ${files.length} files in ${inertLine(opts.inputs)}: which one?`, files.map((f) => ({ name: where(f), value: f })), files[0]);
}

/** Accept or change the inferred settings; "d" prints the full report section and asks again. */
async function acceptOrChange(ask: Prompter, say: (s: string) => void, report: JobReport): Promise<"accept" | "change"> {
  const details = report.errors.length + report.warnings.length + report.manual.length + report.ignored.length + (report.changed ?? []).length;
  const choices = [
    { key: "y" as const, name: "Yes, accept them", value: "accept" as const },
    { key: "n" as const, name: "No, change them", value: "change" as const },
    { key: "d" as const, name: `Show the full report first: the mapping and all ${details} findings`, value: "details" as const },
  ];
  const answer = await ask.choose("Accept the inferred settings?", choices);
  if (answer !== "details") return answer;
  say(inert(jobSection(report, true).join("\n")));
  return (await ask.choose("Accept the inferred settings?", choices.slice(0, 2))) as "accept" | "change";
}

/** The report files with this job's entry merged into whatever report is in the folder. */
async function mergedReport(outDir: string, entry: JobReport): Promise<Record<string, string>> {
  const existing = parseReport(await readFile(join(outDir, REPORT_JSON), "utf8").catch(() => undefined));
  return renderReportFiles(mergeJobReport(existing, entry));
}

function reportOf(jobs: JobReport[], job: JobResult): JobReport {
  return jobs.find((j) => j.job === job.job && j.file === job.file)!;
}

/**
 * The questions: pattern, tier and hostname per group (each group is its own workload; on a
 * job of one group without naming it), saved under jobs.<job>.groups; namespace and the
 * pattern's settings once for the job.
 */
async function askOverrides(ask: Prompter, job: JobResult, tiers: string[]): Promise<JobOverride> {
  const o: JobOverride = {};
  const groups = job.nomad?.groups ?? [];
  const inferred = job.inference?.groups ?? [];
  for (const [i, g] of groups.entries()) {
    const task = mainTasks(g)[0]?.name;
    const answers = await askGroup(ask, groups.length > 1 ? ` of group ${inertLine(g.name)}` : "", {
      pattern: inferred[i]?.pattern ?? "A",
      tier: task ? (job.facts?.tiers[task]?.tier ?? "") : "",
      tierOf: groups.length > 1 && task ? `task ${inertLine(task)}` : "the main container",
      host: job.facts?.groupHosts[g.name],
      tiers,
    });
    if (Object.keys(answers).length) o.groups = { ...o.groups, [g.name]: answers };
  }
  const patterns = groups.map((g, i) => o.groups?.[g.name]?.pattern ?? inferred[i]?.pattern);
  const ns = job.plan?.variables.find((v) => v.name === "namespace")?.default;
  const namespace = await ask.input("Namespace", String(ns ?? "default"), (a) => DNS_LABEL.test(a) || "a DNS-1123 label: lowercase letters, digits and '-'");
  if (namespace !== ns) o.namespace = namespace;
  if (patterns.includes("B")) {
    const bucket = String(job.plan?.variables.find((v) => v.name === "litestream_bucket")?.default ?? `${job.module}-litestream`);
    const b = await ask.input("Litestream bucket", bucket);
    if (b !== bucket) o.litestreamBucket = b;
  }
  if (patterns.includes("D")) {
    const node = job.plan?.workloads[0]?.pod.nodeSelector?.["kubernetes.io/hostname"] ?? "";
    const n = await ask.input("GPU node", node);
    if (n !== node) o.gpuNode = n;
  }
  return o;
}

/** Pattern, tier and hostname of one group (or of the job's only group); only changed answers. */
async function askGroup(ask: Prompter, of: string, now: { pattern: string; tier: string; tierOf: string; host?: string; tiers: string[] }): Promise<GroupOverride> {
  const o: GroupOverride = {};
  // A pattern the site config cannot set (a qemu task's VM) follows from the driver: not asked.
  const settable = PATTERNS.find((p) => p.value === now.pattern)?.value;
  if (settable) {
    const pattern = await ask.select(`Pattern${of}`, PATTERNS.map((p) => ({ ...p })), settable);
    if (pattern !== settable) o.pattern = pattern;
  }
  const tier = await ask.select(`Resource tier${of} (${now.tierOf})`, [{ name: `keep inferred (${now.tier || "none"})`, value: "" }, ...now.tiers.map((t) => ({ name: t, value: t }))], "");
  if (tier) o.tier = tier;
  if (now.host !== undefined) {
    const h = await ask.input(`Hostname${of}`, now.host, (a) => /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/i.test(a) || "a DNS name, such as app.example.com");
    if (h && h !== now.host) o.hostname = h;
  }
  return o;
}

/** The site config's answers for a job with the new ones over them, group by group. */
function withAnswers(before: JobOverride | undefined, answers: JobOverride): JobOverride {
  const groups = { ...before?.groups };
  for (const [g, a] of Object.entries(answers.groups ?? {})) groups[g] = { ...groups[g], ...a };
  const merged: JobOverride = { ...before, ...answers };
  if (Object.keys(groups).length) merged.groups = groups;
  return merged;
}

async function saveOverrides(file: string, job: string, overrides: JobOverride): Promise<void> {
  const raw = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>) : {};
  const jobs = (raw.jobs ?? {}) as Record<string, JobOverride>;
  raw.jobs = { ...jobs, [job]: withAnswers(jobs[job], overrides) };
  await writeFileAtomic(file, JSON.stringify(raw, null, 2) + "\n");
}
