import { readdir, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { terraformCheck } from "../check/terraform/terraform-check.js";
import type { JobOutput } from "../fleet/convert-source.js";
import { inertLine } from "../redact.js";
import { OutputWriter, type WriteOutcome } from "../io/output-writer.js";
import { reviewOverrides } from "../io/override-files.js";
import { pruneStale, staleFiles } from "../io/stale-files.js";
import { fleetModule } from "../render/fleet-module.js";
import { REPORT_JSON, REPORT_MD } from "../report/report-files.js";
import { ReportSpool } from "../report/report-spool.js";
import type { CommonOptions } from "./inputs.js";
import { FleetTally, keepEarlierEntries, runFleet } from "./fleet-run.js";
import { paint, type CliIO } from "./io.js";
import { startProgress } from "./progress.js";
import { blockedWhy } from "./review.js";

export interface ConvertOptions extends CommonOptions {
  out: string;
  dryRun?: boolean;
  force?: boolean;
  json?: boolean;
  strict?: boolean;
  verbose?: boolean;
  prune?: boolean;
}

/**
 * Converts a fleet as a stream: each job's files are written, and its report entry and terminal
 * lines spooled to disk, as soon as it is converted; a few numbers per job stay in memory.
 */
export async function convertCommand(inputs: string[], opts: ConvertOptions, io: CliIO): Promise<number> {
  const progress = await startProgress(io, !opts.json);
  const outDir = resolve(io.cwd, opts.out);
  const writer = new OutputWriter(outDir, { force: !!opts.force, dryRun: !!opts.dryRun });
  const spool = new ReportSpool();
  const tally = new FleetTally();
  const kept = new Set<string>();
  // Only what the terminal lists at the end: files not overwritten; with --dry-run, every file.
  const listed = new Map<string, WriteOutcome>();
  const note = (w: WriteOutcome) => {
    if (opts.dryRun || w.action === "blocked") listed.set(w.path, w);
    else listed.delete(w.path);
  };
  const record = (seq: number, out: JobOutput) => {
    spool.put(seq, out.report, jobLines(out, opts, io));
    for (const w of writer.write(out.files)) note(w);
    tally.record(seq, out);
  };
  try {
    await runFleet(inputs, opts, io, progress.update, record);
    // --prune takes the inputs as the whole fleet; otherwise the report stays the fleet's.
    if (!opts.prune) for (const m of keepEarlierEntries(outDir, spool, inputs, opts, io)) kept.add(m);
    const fleet = fleetModule(spool.applyEntries());
    for (const w of writer.write(fleet)) note(w);
    tally.produced.add(Object.keys(fleet));
    progress.update("writing the report");
    for (const [name, emit, md] of [[REPORT_MD, spool.markdownBody.bind(spool), true], [REPORT_JSON, spool.json.bind(spool), false]] as const) {
      note(writer.writeStream(name, emit, md));
      tally.produced.add([name]);
    }
  } catch (err) {
    spool.close();
    throw err;
  } finally {
    progress.stop();
  }

  spool.notes(io.stderr);
  const outcomes = [...listed.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const blocked = outcomes.filter((p) => p.action === "blocked");
  for (const p of blocked) {
    if (p.refused) io.stderr(`${paint(io, 31, "not written")} ${opts.out}/${p.path}: ${p.refused}\n`);
    else io.stderr(`${paint(io, 31, "not overwritten")} ${opts.out}/${p.path}: ${blockedWhy(p.path, p.state)}\n`);
  }
  if (opts.dryRun) {
    for (const p of outcomes) io.stderr(`would ${p.action === "unchanged" ? "leave unchanged" : p.action} ${opts.out}/${p.path}\n`);
  }
  const stale = await staleFiles(outDir, tally.produced, new Set([...tally.failed(), ...kept]));
  let keptStale = 0;
  // A file that failed before its job was read could own any module: prune nothing then.
  const unread = tally.unread();
  if (opts.prune && unread.length) {
    io.stderr(`${paint(io, 31, "not pruned")}: ${unread.length} input file(s) could not be read (${unread.join(", ")}), so which modules are stale is unknown\n`);
  } else if (opts.prune) {
    const pruned = await pruneStale(outDir, stale, !!opts.dryRun);
    for (const f of pruned.removed) io.stderr(`${opts.dryRun ? "would remove" : paint(io, 33, "removed")} ${opts.out}/${f}: no longer produced\n`);
    for (const d of pruned.folders) io.stderr(`${paint(io, 33, "removed")} ${opts.out}/${d}/: empty\n`);
    for (const f of pruned.kept) io.stderr(`${paint(io, 31, "not removed")} ${opts.out}/${f}: no longer produced, but edited since it was generated; remove it by hand\n`);
    keptStale = pruned.kept.length;
  } else if (stale.length) {
    io.stderr(`${stale.length} generated file(s) in ${opts.out}/ are no longer produced (\`nomad2k8s diff\` lists them); --prune removes the unedited ones\n`);
  }
  // Override files are the user's: kept as they are, and checked against the module they override.
  const overrides = await reviewOverrides(outDir, tally.produced.dirs());
  for (const o of overrides) {
    if (opts.verbose) io.stderr(`kept ${opts.out}/${o.file.path}: your override file (Terraform merges it over the module)\n`);
    for (const problem of o.problems) io.stderr(`${paint(io, 31, "override")} ${opts.out}/${o.file.path}: ${problem}\n`);
  }
  const brokenOverrides = overrides.filter((o) => o.problems.length).length;
  const refused = opts.verify && !opts.dryRun ? await terraformVerify(outDir, tally.produced.dirs(), opts.out, io) : 0;
  const s = spool.summary();
  io.stderr(`${s.jobs} jobs: ${s.converted} converted, ${s.skipped} skipped, ${s.failed} failed; ${s.warnings} warnings, ${s.manual} manual steps${opts.dryRun ? " (dry run, nothing written)" : `; report in ${opts.out}/MIGRATION_REPORT.md`}\n`);
  if (opts.json) spool.json(io.stdout);
  spool.close();
  const failed = s.failed > 0 || blocked.length > 0 || keptStale > 0 || brokenOverrides > 0 || refused > 0 || (opts.strict && s.warnings > 0);
  return failed ? 1 : 0;
}

/** The job's line, and under it its errors (every warning and manual step with --verbose). */
function jobLines(j: JobOutput, opts: ConvertOptions, io: CliIO): string {
  const status = j.status === "converted" ? paint(io, 32, "converted") : j.status === "skipped" ? paint(io, 33, "skipped") : paint(io, 31, "failed");
  const detail = j.status === "converted" ? ` → ${opts.out}/${j.module}/ (pattern ${j.pattern}; ${j.report.warnings} warnings, ${j.report.manual} manual steps)` : `: ${j.reason ?? ""}`;
  // Names, files and messages come from job files: inert, so no escape sequence reaches the terminal.
  // A file that failed before a job was read: one line, its place first (a syntax error's
  // follow-on errors only with --verbose).
  const more = j.failure && !opts.verbose ? j.lines.filter((l) => l.severity === "info").length : 0;
  const tail = more ? ` (${more} more parser error${more === 1 ? "" : "s"} may follow from it; --verbose lists them)` : "";
  let text = `${status} ${inertLine(j.job ? `job "${j.job}"${` (${j.file})`}${detail}` : (j.failure ?? `${j.file}${detail}`))}${tail}\n`;
  for (const d of j.lines) if (d.severity === "error" || opts.verbose) text += `  ${inertLine(d.text)}\n`;
  return text;
}

/**
 * --verify: Terraform itself over the modules written (with their override files), against the
 * provider stand-in; the number of modules it refused. Said once when terraform is not on PATH.
 */
async function terraformVerify(outDir: string, dirs: string[], out: string, io: CliIO): Promise<number> {
  const modules: Record<string, Record<string, string>> = {};
  for (const dir of dirs.filter(Boolean)) {
    const names = (await readdir(join(outDir, dir))).filter((f) => f.endsWith(".tf"));
    if (names.length) modules[dir] = Object.fromEntries(await Promise.all(names.map(async (f) => [f, await readFile(join(outDir, dir, f), "utf8")] as const)));
  }
  const tf = await terraformCheck(modules, { plan: true });
  if (tf.skipped) io.stderr(`terraform: skipped (${tf.skipped})\n`);
  for (const p of tf.problems) io.stderr(`${paint(io, 31, "terraform")} ${out}/${p.module}: terraform ${p.step}: ${p.message}\n`);
  return new Set(tf.problems.map((p) => p.module)).size;
}
