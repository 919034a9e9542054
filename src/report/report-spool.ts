import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeApply, type ApplyEntry, type BeforeApply } from "./before-apply.js";
import { applyEntry, summaryOf, type JobReport, type MigrationReport } from "./build-report.js";
import { jobSection, markdownHead, tableRow } from "./markdown.js";

type Summary = MigrationReport["summary"];

/** A job's entry as the report files hold it: rendered where the job was converted, as text. */
export interface ReportPieces {
  json: string;
  row: string;
  section: string;
  status: JobReport["status"];
  warnings: number;
  manual: number;
  /** What "Before you apply" adds up: the job's prerequisites, site values and blocking steps. */
  apply: ApplyEntry;
}

/** The job's JSON entry (indented for the jobs array), table row and Markdown section. */
export function reportPieces(j: JobReport): ReportPieces {
  return {
    json: "\n    " + indentedJson(j),
    row: "\n" + tableRow(j),
    section: "\n\n" + jobSection(j, false, true).join("\n"),
    status: j.status,
    warnings: j.warnings.length,
    manual: j.manual.length,
    apply: applyEntry(j),
  };
}
// JSON.stringify(j, null, 2) with every line after the first indented four more spaces, as
// the jobs array holds it. Stringified two levels deep it comes out so indented: cutting the
// wrapper off is cheaper than re-scanning the text for newlines (a few KB per job).
const WRAP_HEAD = '{\n  "a": {\n    "b": ';
const WRAP_TAIL = "\n  }\n}";
export function indentedJson(j: unknown): string {
  const s = JSON.stringify({ a: { b: j } }, null, 2);
  return s.slice(WRAP_HEAD.length, s.length - WRAP_TAIL.length);
}

/** Where one job's three pieces sit in the spool file: JSON entry, table row, Markdown section. */
type Pieces = { at: number; json: number; row: number; section: number; note: number; status: JobReport["status"]; warnings: number; manual: number; apply: ApplyEntry };

/**
 * The report of a fleet, written job by job to a file outside the output folder instead of
 * held in memory: each job's JSON entry, table row and section are kept as text on disk with
 * only their offsets here, and the two report files are read out of it in job order at the
 * end. Their bytes are those of renderReportFiles() for the same jobs.
 */
export class ReportSpool {
  private readonly dir = mkdtempSync(join(tmpdir(), "nomad2k8s-report-"));
  private readonly fd = openSync(join(this.dir, "spool"), "w+");
  private size = 0;
  private readonly jobs: Pieces[] = [];

  /**
   * Adds job `seq`, or replaces it (a second pass over the job). `note`: what the terminal
   * prints for the job at the end of the run, kept here too rather than in memory.
   */
  put(seq: number, p: ReportPieces, note = ""): void {
    const bytes = (s: string) => Buffer.byteLength(s);
    const at = this.size;
    this.size += writeSync(this.fd, p.json + p.row + p.section + note, at);
    this.jobs[seq] = { at, json: bytes(p.json), row: bytes(p.row), section: bytes(p.section), note: bytes(note), status: p.status, warnings: p.warnings, manual: p.manual, apply: p.apply };
  }

  /** Adds a job after every other (an entry of an earlier report). */
  append(p: ReportPieces): void {
    this.put(this.jobs.length, p);
  }

  /** Every job's note, in job order. */
  notes(write: (chunk: string) => void): void {
    for (const p of this.jobs) if (p?.note) write(this.read(p.at + p.json + p.row + p.section, p.note));
  }

  summary(): Summary {
    return summaryOf(this.jobs.filter(Boolean));
  }

  /** The jobs held, by job name and source file (to tell which entries of an earlier report this run replaces). */
  held(): { job: string; file: string }[] {
    return this.jobs.filter(Boolean).map((p) => ({ job: p.apply.job, file: p.apply.file }));
  }

  /**
   * Puts entries in source-file order (as one convert of the whole fleet lists them), for a
   * report merged with an earlier run's entries; entries of one file keep their order.
   */
  sortByFile(): void {
    const sorted = this.jobs.filter(Boolean).map((p, i) => ({ p, i }));
    sorted.sort((a, b) => (a.p.apply.file < b.p.apply.file ? -1 : a.p.apply.file > b.p.apply.file ? 1 : a.i - b.i));
    this.jobs.length = 0;
    this.jobs.push(...sorted.map((x) => x.p));
  }

  /** Each job's "before apply" data, in job order (also what the fleet's root module is made from). */
  applyEntries(): ApplyEntry[] {
    return this.jobs.filter(Boolean).map((p) => p.apply);
  }

  private apply(): BeforeApply {
    return beforeApply(this.applyEntries());
  }

  /** migration-report.json, piece by piece. */
  json(write: (chunk: string) => void): void {
    const indent = (v: unknown) => JSON.stringify(v, null, 2).replace(/\n/g, "\n  ");
    const a = this.apply();
    write(`{\n  "generator": "nomad2k8s",\n  "summary": ${indent(this.summary())},\n  "prerequisites": ${indent(a.prerequisites)},\n  "siteValues": ${indent(a.siteValues)},\n  "blocking": ${indent(a.blocking)},\n  "jobs": [`);
    let first = true;
    for (const p of this.jobs) {
      if (!p) continue;
      write((first ? "" : ",") + this.read(p.at, p.json));
      first = false;
    }
    write(`${first ? "" : "\n  "}]\n}\n`);
  }

  /** The body of MIGRATION_REPORT.md (before its header), piece by piece. */
  markdownBody(write: (chunk: string) => void): void {
    write(markdownHead(this.summary(), this.apply()).join("\n"));
    for (const p of this.jobs) if (p) write(this.read(p.at + p.json, p.row));
    for (const p of this.jobs) if (p) write(this.read(p.at + p.json + p.row, p.section));
    write("\n");
  }

  close(): void {
    closeSync(this.fd);
    rmSync(this.dir, { recursive: true, force: true });
  }

  private read(at: number, length: number): string {
    const buf = Buffer.allocUnsafe(length);
    let got = 0;
    while (got < length) got += readSync(this.fd, buf, got, length - got, at + got);
    return buf.toString("utf8");
  }
}
