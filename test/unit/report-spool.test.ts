import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { OutputWriter } from "../../src/io/output-writer.js";
import { reportOf, type JobReport } from "../../src/report/build-report.js";
import { renderReportFiles, REPORT_JSON, REPORT_MD } from "../../src/report/report-files.js";
import { fleetModule } from "../../src/render/fleet-module.js";
import { indentedJson, ReportSpool, reportPieces } from "../../src/report/report-spool.js";
import { checksum } from "../../src/render/header.js";
import { createHash } from "node:crypto";

function entry(job: string, status: JobReport["status"], extra: Partial<JobReport> = {}): JobReport {
  return {
    job,
    file: `jobs/${job}.nomad.hcl`,
    status,
    module: status === "converted" ? job : null,
    pattern: status === "converted" ? "A" : null,
    evidence: ["an évidence with | a pipe and\na newline"],
    workloads: [],
    mapping: [],
    resources: [],
    hosts: [],
    volumes: [],
    data: [],
    secrets: [],
    configMaps: [],
    droppedTasks: [],
    warnings: status === "failed" ? [] : [{ code: "N2K-X-001", message: "ünïcode — and \"quotes\"" }],
    manual: [],
    ignored: [],
    errors: status === "failed" ? [{ code: "N2K-PARSE-001", message: "invalid HCL", line: 3 }] : [],
    ...extra,
  };
}

/** Both report files read out of a spool, as the CLI writes them. */
function fromSpool(spool: ReportSpool): Record<string, string> {
  const out = mkdtempSync(join(tmpdir(), "n2k-spool-"));
  const w = new OutputWriter(out, { force: false, dryRun: false });
  w.writeStream(REPORT_MD, (write) => spool.markdownBody(write), true);
  w.writeStream(REPORT_JSON, (write) => spool.json(write), false);
  return { [REPORT_MD]: readFileSync(join(out, REPORT_MD), "utf8"), [REPORT_JSON]: readFileSync(join(out, REPORT_JSON), "utf8"), ...fleetModule(spool.applyEntries()) };
}

describe("ReportSpool", () => {
  it("gives the bytes of the in-memory report, in job order, a replaced entry in its place", () => {
    const jobs = [entry("a", "converted"), entry("b", "failed"), entry("c", "skipped", { reason: "exec driver" })];
    const spool = new ReportSpool();
    spool.put(2, reportPieces(jobs[2]), "line c\n");
    spool.put(0, reportPieces(entry("a", "failed")), "old a\n");
    spool.put(1, reportPieces(jobs[1]), "line b\n");
    spool.put(0, reportPieces(jobs[0]), "line a\n"); // a second pass over job 0
    expect(fromSpool(spool)).toEqual(renderReportFiles(reportOf(jobs)));
    expect(spool.summary()).toEqual(reportOf(jobs).summary);
    let notes = "";
    spool.notes((c) => (notes += c));
    expect(notes).toBe("line a\nline b\nline c\n");
    spool.close();
  });

  it("gives the in-memory report of no job at all", () => {
    const spool = new ReportSpool();
    expect(fromSpool(spool)).toEqual(renderReportFiles(reportOf([])));
    spool.close();
  });
});

describe("OutputWriter.writeStream", () => {
  it("leaves an identical report alone, updates a generated one, keeps an edited one", () => {
    const out = mkdtempSync(join(tmpdir(), "n2k-stream-"));
    const files = renderReportFiles(reportOf([entry("a", "converted")]));
    const emitOf = (text: string, md: boolean) => (write: (c: string) => void) => write(md ? text.slice(text.indexOf("\n\n") + 2) : text);
    const put = (files: Record<string, string>, force = false) =>
      [REPORT_MD, REPORT_JSON].map((name) => new OutputWriter(out, { force, dryRun: false }).writeStream(name, emitOf(files[name], name === REPORT_MD), name === REPORT_MD).action);
    expect(put(files)).toEqual(["create", "create"]);
    expect(readFileSync(join(out, REPORT_MD), "utf8")).toBe(files[REPORT_MD]);
    expect(put(files)).toEqual(["unchanged", "unchanged"]);
    const next = renderReportFiles(reportOf([entry("a", "converted"), entry("b", "skipped")]));
    expect(put(next)).toEqual(["update", "update"]);
    writeFileSync(join(out, REPORT_MD), readFileSync(join(out, REPORT_MD), "utf8") + "my notes\n");
    writeFileSync(join(out, REPORT_JSON), "{}\n");
    expect(put(files)).toEqual(["blocked", "blocked"]);
    expect(readFileSync(join(out, REPORT_MD), "utf8")).toMatch(/my notes\n$/);
    expect(put(files, true)).toEqual(["update", "update"]);
    expect(readFileSync(join(out, REPORT_JSON), "utf8")).toBe(files[REPORT_JSON]);
  });

  it("indents a job's JSON as the jobs array holds it: four more spaces after each line break", () => {
    const old = (j: unknown) => JSON.stringify(j, null, 2).replace(/\n/g, "\n    ");
    for (const j of [entry("a", "converted"), entry("b", "failed", { reason: "x\ny" }), {}, [], { e: [] }, { n: null, s: "é|\u2028", a: [1, [2, {}]] }, "text", 3]) {
      expect(indentedJson(j)).toBe(old(j));
    }
  });

  it("checksums a body as the first 16 hex digits of its SHA-256", () => {
    for (const body of ["", "resource {}\n", "é ☃ \u{1F600}"]) expect(checksum(body)).toBe(createHash("sha256").update(body).digest("hex").slice(0, 16));
  });
});
