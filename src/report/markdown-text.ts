// User text (job, group, file and Secret names, site values) in the Markdown report: a backtick
// in it must neither end a code span early nor open one.

/**
 * A code span around `s`: its fence one backtick longer than the longest run in `s`, and a
 * space inside each end when `s` starts or ends with a backtick (CommonMark strips one).
 */
export function code(s: string): string {
  const longest = Math.max(0, ...[...s.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = /^`|`$/.test(s) ? " " : "";
  return `${fence}${pad}${s}${pad}${fence}`;
}

/** Text outside code: a backtick is shown, not read as the start of a code span. */
export const plain = (s: string): string => s.replace(/`/g, "\\`");

/** A table cell: pipes escaped (also inside a code span: GFM splits cells first), on one line. */
export const cell = (s: string | number | null | undefined): string => String(s ?? "").replace(/\|/g, "\\|").replace(/\n/g, " ");
