import { existsSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { DEFAULT_CONFIG_FILE } from "../config/load-config.js";
import { DNS_LABEL, type JobOverride, type SiteConfig } from "../config/site-config.js";
import type { JobResult } from "../convert.js";
import { applyWrites, planWrites, writeFileAtomic } from "../io/safe-write.js";
import type { JobReport } from "../report/build-report.js";
import { jobSection } from "../report/markdown.js";
import { mergeJobReport, parseReport } from "../report/merge-report.js";
import { renderReportFiles, REPORT_JSON, REPORT_MD } from "../report/report-files.js";
import { jobSummary } from "./job-summary.js";
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
  // A file that failed as a whole (bad syntax, over its budget) is shown as its failure.
  const pick = (jobs: JobResult[]) => (isFile ? (jobs.find((j) => j.job) ?? jobs.find((j) => j.status === "failed")) : jobs.find((j) => j.job === target));

  let conv = await runConversion(inputs, opts, io);
  let job = pick(conv.result.jobs);
  if (!job) throw new UsageError(isFile ? `${target} holds no job` : `no job named "${target}" in ${opts.inputs}`);
  const name = job.job;
  const ask = prompter ?? (opts.yes ? undefined : await terminalPrompter(io.terminal!));
  const say = (s: string) => io.stderr(s.endsWith("\n") ? s : `${s}\n`);
  // A short summary first, so the first question stays on screen; the full section on request.
  say(jobSummary(reportOf(conv.report.jobs, job), opts.out).join("\n"));
  if (job.status === "failed") {
    say(jobSection(reportOf(conv.report.jobs, job)).join("\n"));
    return 1;
  }

  const overrides: JobOverride = {};
  try {
    if (ask && (await acceptOrChange(ask, say, reportOf(conv.report.jobs, job))) === "change") Object.assign(overrides, await askOverrides(ask, job, conv.config.tiers.map((t) => t.name)));
    if (Object.keys(overrides).length) {
      conv = await runConversion(inputs, opts, io, undefined, (config: SiteConfig) => {
        config.jobs[name] = { ...config.jobs[name], ...overrides };
      });
      job = pick(conv.result.jobs)!;
      say(paint(io, 1, "\nWith your answers:"));
      say(jobSummary(reportOf(conv.report.jobs, job), opts.out).join("\n"));
      if (job.status !== "converted") {
        say(jobSection(reportOf(conv.report.jobs, job)).join("\n"));
        return 1;
      }
    }
    const outDir = resolve(io.cwd, opts.out);
    const files = Object.fromEntries(job.files.map((f) => [f, conv.files[f]]));
    const plans = await planWrites(outDir, files, !!opts.force);
    // The job's entry goes into the report already in the output folder, so bulk and per-job
    // runs leave one report; it is written under the same rules as the module files.
    const reportPlans = await planWrites(outDir, await mergedReport(outDir, reportOf(conv.report.jobs, job)), !!opts.force);
    const review = renderReview(io, opts.out, plans, []);
    say(review || `${opts.out}/${job.module}/ is already up to date.`);
    const blocked = [...plans, ...reportPlans].filter((p) => p.action === "blocked");
    for (const p of blocked) say(paint(io, 31, p.refused ? `${opts.out}/${p.path} will not be written: ${p.refused}` : `${opts.out}/${p.path} will not be overwritten: ${blockedWhy(p.path, p.state)}`));
    const writes = plans.filter((p) => p.action === "create" || p.action === "update");
    const reportWrites = reportPlans.filter((p) => p.action === "create" || p.action === "update");
    const question = writes.length ? `Write ${writes.length} file(s) to ${opts.out}/${job.module}/${reportWrites.length ? " and update the report" : ""}?` : `Update the report in ${opts.out}/?`;
    if (writes.length + reportWrites.length && ask && !(await ask.confirm(question, true))) {
      say("Cancelled: nothing written.");
      return 1;
    }
    await applyWrites(outDir, [...writes, ...reportWrites]);
    if (writes.length) say(`wrote ${writes.length} file(s) to ${opts.out}/${job.module}/`);
    if (reportWrites.length) say(`updated job "${name}" in ${opts.out}/${REPORT_MD} and ${opts.out}/${REPORT_JSON}`);
    if (Object.keys(overrides).length && ask && (await ask.confirm(`Save these answers in ${opts.config ?? DEFAULT_CONFIG_FILE} so convert reproduces them?`, true))) {
      await saveOverrides(resolve(io.cwd, opts.config ?? DEFAULT_CONFIG_FILE), name, overrides);
      say(`saved the answers for job "${name}" in ${opts.config ?? DEFAULT_CONFIG_FILE}`);
    }
    return blocked.length ? 1 : 0;
  } catch (err) {
    if (err instanceof PromptCancelled) {
      say("Cancelled: nothing written.");
      return 1;
    }
    throw err;
  }
}

/** Accept or change the inferred settings; "d" prints the full report section and asks again. */
async function acceptOrChange(ask: Prompter, say: (s: string) => void, report: JobReport): Promise<"accept" | "change"> {
  const details = report.errors.length + report.warnings.length + report.manual.length + report.ignored.length;
  const choices = [
    { key: "y" as const, name: "Yes, accept them", value: "accept" as const },
    { key: "n" as const, name: "No, change them", value: "change" as const },
    { key: "d" as const, name: `Show the full report first: the mapping and all ${details} findings`, value: "details" as const },
  ];
  const answer = await ask.choose("Accept the inferred settings?", choices);
  if (answer !== "details") return answer;
  say(jobSection(report, true).join("\n"));
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

async function askOverrides(ask: Prompter, job: JobResult, tiers: string[]): Promise<JobOverride> {
  const o: JobOverride = {};
  const pattern = await ask.select("Pattern", PATTERNS.map((p) => ({ ...p })), (job.pattern ?? "A") as JobOverride["pattern"] & string);
  if (pattern !== job.pattern) o.pattern = pattern;
  const current = Object.values(job.facts?.tiers ?? {})[0]?.tier ?? "";
  const tier = await ask.select("Resource tier of the main container", [{ name: `keep inferred (${current || "none"})`, value: "" }, ...tiers.map((t) => ({ name: t, value: t }))], "");
  if (tier) o.tier = tier;
  const host = job.facts?.hosts[0];
  if (host !== undefined) {
    const h = await ask.input("Hostname", host, (a) => /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/i.test(a) || "a DNS name, such as app.example.com");
    if (h && h !== host) o.hostname = h;
  }
  const ns = job.plan?.variables.find((v) => v.name === "namespace")?.default;
  const namespace = await ask.input("Namespace", String(ns ?? "default"), (a) => DNS_LABEL.test(a) || "a DNS-1123 label: lowercase letters, digits and '-'");
  if (namespace !== ns) o.namespace = namespace;
  if ((o.pattern ?? job.pattern) === "B") {
    const bucket = String(job.plan?.variables.find((v) => v.name === "litestream_bucket")?.default ?? `${job.module}-litestream`);
    const b = await ask.input("Litestream bucket", bucket);
    if (b !== bucket) o.litestreamBucket = b;
  }
  if ((o.pattern ?? job.pattern) === "D") {
    const node = job.plan?.workloads[0]?.pod.nodeSelector?.["kubernetes.io/hostname"] ?? "";
    const n = await ask.input("GPU node", node);
    if (n !== node) o.gpuNode = n;
  }
  return o;
}

async function saveOverrides(file: string, job: string, overrides: JobOverride): Promise<void> {
  const raw = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>) : {};
  const jobs = (raw.jobs ?? {}) as Record<string, JobOverride>;
  raw.jobs = { ...jobs, [job]: { ...jobs[job], ...overrides } };
  await writeFileAtomic(file, JSON.stringify(raw, null, 2) + "\n");
}
