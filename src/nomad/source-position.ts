// Where a block or attribute sits in the job text, for line numbers and source order (the
// parser's JSON has neither). Each search looks for the literal quoted label with indexOf and
// checks what precedes it: per job this used to build and run a RegExp per label over the
// whole file. Results equal those of the regular expressions named on each function.

/** JS `\s` (what the former regular expressions skipped). */
function isSpace(c: number): boolean {
  return (c >= 9 && c <= 13) || c === 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** A line terminator for `^` in a multiline RegExp. */
function isLineEnd(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function skipSpaceBack(source: string, end: number): number {
  let i = end;
  while (i > 0 && isSpace(source.charCodeAt(i - 1))) i--;
  return i;
}

/** Start of `word` when it ends exactly at `end`, else -1. */
function wordEndingAt(source: string, word: string, end: number): number {
  const start = end - word.length;
  return start >= 0 && source.startsWith(word, start) ? start : -1;
}

/** Index of the first `\bkind\s+"label"` starting at or after `from`; -1 if none. */
export function blockAt(source: string, kind: string, label: string, from = 0): number {
  const needle = `"${label}"`;
  for (let q = source.indexOf(needle, from); q !== -1; q = source.indexOf(needle, q + 1)) {
    const spaces = skipSpaceBack(source, q);
    if (spaces === q) continue;
    const start = wordEndingAt(source, kind, spaces);
    if (start < from) continue; // also -1: no keyword there
    if (start > 0 && isWordChar(source.charCodeAt(start - 1)) && isWordChar(kind.charCodeAt(0))) continue;
    return start;
  }
  return -1;
}

/**
 * Index of the first match of /^\s*job\s+"name"/m: the earliest line start from which only
 * blanks lead to `job`. Blank lines before the block count (the match starts at the first);
 * after "\r\n" a line starts at the "\n" too, as `^` treats "\r" as a line end.
 */
export function jobLineStart(source: string, name: string): number {
  const needle = `"${name}"`;
  for (let q = source.indexOf(needle); q !== -1; q = source.indexOf(needle, q + 1)) {
    const spaces = skipSpaceBack(source, q);
    if (spaces === q) continue;
    const job = wordEndingAt(source, "job", spaces);
    if (job < 0) continue;
    const blank = skipSpaceBack(source, job);
    if (blank === 0 || isLineEnd(source.charCodeAt(blank - 1))) return blank;
    for (let i = blank; i < job; i++) if (isLineEnd(source.charCodeAt(i))) return i + 1;
  }
  return -1;
}

/** Index of the first match of /key\s*=\s*"value"/ (no word boundary before `key`); -1 if none. */
export function attributeAt(source: string, key: string, value: string): number {
  const needle = `"${value}"`;
  for (let q = source.indexOf(needle); q !== -1; q = source.indexOf(needle, q + 1)) {
    const eq = skipSpaceBack(source, q);
    if (eq === 0 || source.charCodeAt(eq - 1) !== 61) continue; // "="
    const start = wordEndingAt(source, key, skipSpaceBack(source, eq - 1));
    if (start >= 0) return start;
  }
  return -1;
}

/** 1-based line of a position ("\n" ends a line); undefined for -1 (not found). */
export function lineAt(source: string, index: number): number | undefined {
  if (index < 0) return undefined;
  let line = 1;
  for (let i = source.indexOf("\n"); i !== -1 && i < index; i = source.indexOf("\n", i + 1)) line++;
  return line;
}
