import { JobError } from "../diagnostics.js";
import { parseFile, type ParsedFile } from "./parse-file.js";

/** A job file: its name as the user gave it (relative to the working folder) and its text. */
export interface Source {
  file: string;
  text: string;
}

export type ParseOutcome = { src: Source; parsed: ParsedFile } | { src: Source; error: JobError };

/** Parses files in input order; a file that does not parse becomes its JobError, the rest go on. */
export async function parseFiles(sources: Source[]): Promise<ParseOutcome[]> {
  const out: ParseOutcome[] = [];
  for (const src of sources) {
    try {
      out.push({ src, parsed: await parseFile(src.file, src.text) });
    } catch (err) {
      if (!(err instanceof JobError)) throw err;
      out.push({ src, error: err });
    }
  }
  return out;
}
