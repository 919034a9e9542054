import { parseHcl as parse } from "./hcl-parser.js";
import { JobError, type Diagnostic } from "../diagnostics.js";
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
    const { first, rest } = describeParseError(file, hcl2Error);
    throw new JobError({ ...first, hint: "the HCL1 parser (Nomad before 1.0) rejects it too" }, rest);
  }
}

interface ParserError {
  line: number;
  column: number;
  message: string;
}

/** Every error in the HCL2 parser's text: "[file:LINE,COL-LINE,COL: Summary; Detail file:…]". */
function parserErrors(file: string, text: string): ParserError[] {
  const at = new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:(\\d+),(\\d+)(?:-\\d+(?:,\\d+)?)?: `, "g");
  const found = [...text.matchAll(at)];
  return found.map((m, i) => {
    const end = i + 1 < found.length ? found[i + 1].index : text.lastIndexOf("]") > m.index ? text.lastIndexOf("]") : text.length;
    return { line: Number(m[1]), column: Number(m[2]), message: text.slice(m.index + m[0].length, end).replace(/\s+/g, " ").trim() };
  });
}

/**
 * The HCL2 parser's errors as one diagnostic for the error that caused the others, and the
 * rest (N2K-PARSE-002, info) for the report and `-v`. One mistake such as an unclosed quote
 * makes the parser repeat an error on every line after it: the cause is the earliest error
 * whose kind is not repeated, or the earliest error when every kind repeats.
 */
export function describeParseError(file: string, err: unknown): { first: Diagnostic; rest: Diagnostic[] } {
  const text = String(err instanceof Error ? err.message : err);
  const errors = parserErrors(file, text);
  if (!errors.length) return { first: { code: "N2K-PARSE-001", severity: "error", message: `invalid HCL: ${text.replace(/^Error: /, "")}`, file }, rest: [] };
  const kind = (e: ParserError) => e.message.split(";")[0];
  const times = new Map<string, number>();
  for (const e of errors) times.set(kind(e), (times.get(kind(e)) ?? 0) + 1);
  const byPlace = [...errors].sort((a, b) => a.line - b.line || a.column - b.column);
  const cause = byPlace.find((e) => times.get(kind(e)) === 1) ?? byPlace[0];
  const first: Diagnostic = { code: "N2K-PARSE-001", severity: "error", message: `invalid HCL: ${cause.message}`, file, line: cause.line, column: cause.column };
  const rest = byPlace.filter((e) => e !== cause).map((e): Diagnostic => ({ code: "N2K-PARSE-002", severity: "info", message: `may follow from the first syntax error: ${e.message}`, file, line: e.line, column: e.column }));
  return { first, rest };
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
