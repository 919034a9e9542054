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
