import { parse } from "@cdktf/hcl2json";
import { JobError } from "../diagnostics.js";

export interface ParsedFile {
  file: string;
  source: string;
  raw: Record<string, unknown>;
}

/** Parses one HCL file; a syntax error becomes a JobError naming file and line. */
export async function parseFile(file: string, source: string): Promise<ParsedFile> {
  try {
    const raw = await parse(file, source);
    return { file, source, raw };
  } catch (err) {
    throw new JobError(describeParseError(file, err));
  }
}

export function describeParseError(file: string, err: unknown) {
  const text = String(err instanceof Error ? err.message : err);
  // hcl2json reports "[file:LINE,COL-LINE,COL: Summary; Detail]"
  const m = /:(\d+),(\d+)(?:-\d+(?:,\d+)?)?: ([^\]]+)/.exec(text);
  const message = m ? m[3].replace(/\s+/g, " ").trim() : text.replace(/^Error: /, "");
  return { code: "N2K-PARSE-001", severity: "error" as const, message: `invalid HCL: ${message}`, file, line: m ? Number(m[1]) : undefined };
}

/** Line of the first match in the source, for diagnostics (the parser's JSON has no positions). */
export function lineOf(source: string, pattern: RegExp): number | undefined {
  const m = pattern.exec(source);
  if (!m) return undefined;
  let line = 1;
  for (let i = source.indexOf("\n"); i !== -1 && i < m.index; i = source.indexOf("\n", i + 1)) line++;
  return line;
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Labelled blocks in the order the file has them (the parser's JSON sorts them by name):
 * each by the first `kind "label"` at or after `from`. Returns the sorted list and positions.
 */
export function inSourceOrder<T>(items: [string, T][], kind: string, source: string, from = 0): [string, T, number][] {
  const at = (label: string) => {
    const re = new RegExp(`\\b${kind}\\s+"${escapeRegExp(label)}"`, "g");
    re.lastIndex = from;
    const m = re.exec(source);
    return m ? m.index : Number.MAX_SAFE_INTEGER;
  };
  return items.map(([label, v]): [string, T, number] => [label, v, at(label)]).sort((a, b) => a[2] - b[2]);
}
