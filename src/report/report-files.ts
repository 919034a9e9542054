import type { ConvertResult } from "../convert.js";
import { withMarkdownHeader } from "../render/header.js";
import { fleetModule } from "../render/fleet-module.js";
import { applyEntry, buildReport, type MigrationReport } from "./build-report.js";
import { renderMarkdown } from "./markdown.js";

export const REPORT_MD = "MIGRATION_REPORT.md";
export const REPORT_JSON = "migration-report.json";

/** The report as data and as the two files written beside the modules. */
export function reportFiles(result: ConvertResult): { report: MigrationReport; files: Record<string, string> } {
  const report = buildReport(result);
  return { report, files: renderReportFiles(report) };
}

/** The two report files and the fleet's root module, all made from the report's entries. */
export function renderReportFiles(report: MigrationReport): Record<string, string> {
  return {
    [REPORT_MD]: withMarkdownHeader(renderMarkdown(report)),
    [REPORT_JSON]: JSON.stringify(report, null, 2) + "\n",
    ...fleetModule(report.jobs.map(applyEntry)),
  };
}
