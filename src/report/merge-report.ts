import { reportOf, type JobReport, type MigrationReport } from "./build-report.js";

/**
 * The report of an earlier run with one job's entry replaced (or added), so that `migrate`
 * and bulk `convert` keep one report. Entries stay in source-file order, as convert lists
 * them; the summary is counted again.
 */
export function mergeJobReport(existing: MigrationReport | undefined, entry: JobReport): MigrationReport {
  // An earlier failure to read the same file (no job name) is superseded by this entry.
  const jobs = (existing?.jobs ?? []).filter((j) => j.job !== "" || j.file !== entry.file);
  const at = jobs.findIndex((j) => j.job === entry.job);
  if (at >= 0) {
    jobs[at] = entry;
  } else {
    const before = jobs.findIndex((j) => j.file > entry.file);
    jobs.splice(before < 0 ? jobs.length : before, 0, entry);
  }
  return reportOf(jobs);
}

/** The JSON report of an earlier run, when the file is one nomad2k8s wrote. */
export function parseReport(text: string | undefined): MigrationReport | undefined {
  if (text === undefined) return undefined;
  try {
    const r = JSON.parse(text) as MigrationReport;
    return r && r.generator === "nomad2k8s" && Array.isArray(r.jobs) ? r : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The entries of an earlier report that a run over part of the fleet keeps: those of jobs the
 * run did not convert, from files it did not cover (`covered`: the run read that file, or
 * searched the folder or cluster it comes from). Converting one file then leaves the report
 * of the whole fleet.
 */
export function keptFromEarlier(existing: MigrationReport | undefined, held: { job: string; file: string }[], covered: (file: string) => boolean): JobReport[] {
  const jobs = new Set(held.filter((h) => h.job).map((h) => h.job));
  const files = new Set(held.map((h) => h.file));
  return (existing?.jobs ?? []).filter((j) => !(j.job && jobs.has(j.job)) && !files.has(j.file) && !covered(j.file));
}
