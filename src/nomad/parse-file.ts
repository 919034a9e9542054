import { parseHcl as parse } from "./hcl-parser.js";
import { JobError } from "../diagnostics.js";
import { apiJob, isHclJson, rawFromApiJob } from "./parse-api-json.js";
import { parseHcl1 } from "./parse-hcl1.js";
import { blockAt } from "./source-position.js";

/** The syntax a job file was read in: HCL2, HCL1 (Nomad before 1.0) or API JSON. */
export type SourceFormat = "hcl2" | "hcl1" | "json";

export interface ParsedFile {
  file: string;
  source: string;
  raw: Record<string, unknown>;
  format?: SourceFormat;
}

/** Parses one job file; a syntax error becomes a JobError naming file and line. */
export async function parseFile(file: string, source: string): Promise<ParsedFile> {
  const json = parseJsonJob(file, source);
  if (json) return json;
  try {
    const raw = await parse(file, source);
    return { file, source, raw, format: "hcl2" };
  } catch (err) {
    return parseLegacy(file, source, err);
  }
}

/** JSON text (any extension: API jobs are often saved as .nomad) → a parsed job; else undefined. */
export function parseJsonJob(file: string, source: string): ParsedFile | undefined {
  if (!/^\s*\{/.test(source)) return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(source);
  } catch {
    return undefined; // HCL that starts with a brace is left to the HCL parsers
  }
  const job = apiJob(doc);
  if (job) return { file, source, raw: rawFromApiJob(job), format: "json" };
  if (isHclJson(doc)) return { file, source, raw: doc as Record<string, unknown>, format: "json" };
  throw new JobError({ code: "N2K-SPEC-002", severity: "error", message: "JSON that is not a Nomad job (no Job, ID/TaskGroups or job key)", file });
}

/**
 * HCL2 rejected the file: Nomad before 1.0 read HCL1, so try that. A file both reject gets
 * the HCL2 error, with a hint that HCL1 was tried too.
 */
export function parseLegacy(file: string, source: string, hcl2Error: unknown): ParsedFile {
  try {
    return { file, source, raw: parseHcl1(source), format: "hcl1" };
  } catch {
    throw new JobError({ ...describeParseError(file, hcl2Error), hint: "the HCL1 parser (Nomad before 1.0) rejects it too" });
  }
}

export function describeParseError(file: string, err: unknown) {
  const text = String(err instanceof Error ? err.message : err);
  // hcl2json reports "[file:LINE,COL-LINE,COL: Summary; Detail]"
  const m = /:(\d+),(\d+)(?:-\d+(?:,\d+)?)?: ([^\]]+)/.exec(text);
  const message = m ? m[3].replace(/\s+/g, " ").trim() : text.replace(/^Error: /, "");
  return { code: "N2K-PARSE-001", severity: "error" as const, message: `invalid HCL: ${message}`, file, line: m ? Number(m[1]) : undefined };
}

/**
 * Labelled blocks in the order the file has them (the parser's JSON sorts them by name):
 * each by the first `kind "label"` at or after `from`. Returns the sorted list and positions.
 */
export function inSourceOrder<T>(items: [string, T][], kind: string, source: string, from = 0): [string, T, number][] {
  const placed = items.map(([label, v]): [string, T, number] => {
    const at = blockAt(source, kind, label, from);
    return [label, v, at < 0 ? Number.MAX_SAFE_INTEGER : at];
  });
  return placed.sort((a, b) => a[2] - b[2]);
}
