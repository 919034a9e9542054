import { resolve } from "node:path";
import type { JobOutput } from "../fleet/convert-source.js";
import { inertLine } from "../redact.js";
import { planWrites } from "../io/safe-write.js";
import { reviewOverrides } from "../io/override-files.js";
import { staleFiles } from "../io/stale-files.js";
import { fleetModule } from "../render/fleet-module.js";
import { REPORT_JSON, REPORT_MD } from "../report/report-files.js";
import { ReportSpool } from "../report/report-spool.js";
import { withMarkdownHeader } from "../render/header.js";
import type { CommonOptions } from "./inputs.js";
import type { CliIO } from "./io.js";
import { FleetTally, keepEarlierEntries, runFleet } from "./fleet-run.js";
import { changed, renderChanges, renderOverrides, renderRemoved, renderStat, summarize } from "./review.js";

export interface DiffOptions extends CommonOptions {
  out: string;
  stat?: boolean;
  report?: boolean;
}

/**
 * What a convert would change on disk, without writing, shown job by job as the fleet is
 * converted. Exit 0: no difference; 1: there are differences (like `terraform plan
 * -detailed-exitcode`); 2: a job or input failed.
 */
export async function diffCommand(inputs: string[], opts: DiffOptions, io: CliIO): Promise<number> {
  const outDir = resolve(io.cwd, opts.out);
  const summary = summarize([], []);
  const tally = new FleetTally();
  const errors: string[][] = [];
  // Every run keeps the report's entries: which jobs it covers decides what of the old report stays.
  const spool = new ReportSpool();
  // A job that looks up Consul names or has routes may change in the second pass: it is shown at the end.
  const held = new Map<number, JobOutput>();
  let shown = Promise.resolve();
  let brokenOverrides = 0;
  const show = (files: Record<string, string>) => {
    shown = shown.then(async () => {
      const plans = await planWrites(outDir, files, false);
      summarize(plans, [], summary);
      // The module's override files are shown against what it would now be.
      const dirs = new Set(Object.keys(files).filter((f) => f.includes("/")).map((f) => f.slice(0, f.indexOf("/"))));
      const overrides = await reviewOverrides(outDir, dirs, async (d) => Object.fromEntries(Object.entries(files).filter(([f]) => f.startsWith(`${d}/`))));
      brokenOverrides += overrides.filter((o) => o.problems.length).length;
      if (!opts.stat) io.stdout(renderChanges(io, opts.out, plans) + renderOverrides(io, opts.out, overrides));
    });
  };
  const record = (seq: number, out: JobOutput, again: boolean) => {
    spool.put(seq, out.report);
    tally.record(seq, out);
    errors[seq] = out.status === "failed" ? [...(out.failure ? [`error ${out.failure}`] : []), ...out.lines.filter((l) => l.severity === "error").map((l) => l.text)] : [];
    if (out.lookups.length || out.routes.routes.length || out.routes.wanted.length || again) held.set(seq, out);
    else show(out.files);
  };
  try {
    await runFleet(inputs, opts, io, () => undefined, record);
  } catch (err) {
    spool.close();
    throw err;
  }
  for (const seq of [...held.keys()].sort((a, b) => a - b)) show(held.get(seq)!.files);
  // As convert does: the report keeps the jobs this run does not cover, whose modules are not stale.
  const kept = keepEarlierEntries(outDir, spool, inputs, opts, io);
  const fleet = fleetModule(spool.applyEntries());
  show(fleet);
  tally.produced.add(Object.keys(fleet));
  if (opts.report) {
    show(reportTexts(spool));
    tally.produced.add([REPORT_MD, REPORT_JSON]);
  }
  await shown;
  spool.close();
  const removed = await staleFiles(outDir, tally.produced, new Set([...tally.failed(), ...kept]));
  summarize([], removed, summary);
  if (!opts.stat) io.stdout(renderRemoved(io, opts.out, removed, (d) => tally.produced.hasDir(d)));
  io.stdout(`${renderStat(summary)}\n`);
  for (const line of errors.flat()) io.stderr(`${inertLine(line)}\n`);
  if (brokenOverrides) io.stderr(`${brokenOverrides} override file(s) no longer match their module\n`);
  if (tally.anyFailed) return 2;
  return changed(summary) || brokenOverrides ? 1 : 0;
}

/** The two report files as text (only `diff --report` holds them whole, to show their diff). */
function reportTexts(spool: ReportSpool): Record<string, string> {
  let md = "";
  spool.markdownBody((c) => (md += c));
  let json = "";
  spool.json((c) => (json += c));
  return { [REPORT_MD]: withMarkdownHeader(md), [REPORT_JSON]: json };
}
