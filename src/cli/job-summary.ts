import type { JobReport } from "../report/build-report.js";

// What `migrate` shows before its first question: short enough that the question stays on an
// 80×24 screen for a job with several groups. The full report section is one keypress away.

const WIDTH = 80;

export function jobSummary(j: JobReport, out: string): string[] {
  // A file that failed before a job could be read from it is named by its file alone.
  const what = j.job ? `Job "${j.job}" (${j.file}${j.line ? `:${j.line}` : ""})` : j.file;
  const lines = [fit(`${what}${j.status === "converted" && j.module ? ` → ${out}/${j.module}/` : `: ${j.status}`}`)];
  if (j.error) lines.push(fit(`  error: ${j.error}`));
  if (j.reason) lines.push(fit(`  skipped: ${j.reason}`));
  // One line a group: a job with five groups still leaves room for the question.
  for (const w of j.workloads) {
    const more = w.evidence.length > 1 ? ` (+${w.evidence.length - 1} more)` : "";
    lines.push(fit(`  group ${w.group}: pattern ${w.pattern}${w.evidence.length ? `, ${w.evidence[0]}` : ""}${more}`, more));
  }
  const requests = (r: string) => r.replace(/cpu=|memory=/g, "").replace(", ", "/") || "no requests";
  if (j.resources.length) lines.push(...wrap("Tiers:", j.resources.map((r) => `${r.container} ${r.tier.split(" ")[0]} ${requests(r.requests)}`)));
  if (j.hosts.length) lines.push(...wrap("Hosts:", j.hosts));
  if (j.volumes.length) lines.push(...wrap("Volumes:", j.volumes.map((v) => `${v.name} (${v.kind} ${v.source})`)));
  if (j.secrets.length) lines.push(...wrap("Secrets:", j.secrets.map((s) => `${s.name} (${s.keys.length} keys)`)));
  const n = (count: number, what: string) => `${count} ${what}${count === 1 ? "" : "s"}`;
  lines.push(`${n(j.errors.length, "error")}, ${n(j.warnings.length, "warning")}, ${n(j.manual.length, "manual step")}, ${n(j.ignored.length, "note")} on what is left out, ${(j.changed ?? []).length} changed`);
  return lines;
}

/** `label item, item, …` over as few lines as fit; an item too long is cut, never the list. */
function wrap(label: string, items: string[]): string[] {
  const lines: string[] = [];
  let line = label;
  for (const [i, raw] of items.entries()) {
    const item = cut(raw, WIDTH - 6) + (i < items.length - 1 ? "," : "");
    if (line.length + 1 + item.length > WIDTH - 1 && line !== label && line.trim() !== "") {
      lines.push(line);
      line = " ";
    }
    line += ` ${item}`;
  }
  lines.push(line);
  return lines;
}

/** One screen line: cut to the width, keeping `tail` (e.g. "(+2 more)") visible. */
function fit(line: string, tail = ""): string {
  if (line.length <= WIDTH - 1) return line;
  return cut(line.slice(0, line.length - tail.length), WIDTH - 1 - tail.length) + tail;
}

function cut(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

/**
 * Files that failed before a job could be read from them (bad syntax, over their budget): a job
 * asked for by name and not found may be in one of them, so they are shown instead of a usage error.
 */
export function unreadFiles(jobs: JobReport[], missing: string): { sections: JobReport[]; message: string } | undefined {
  const sections = jobs.filter((j) => !j.job && j.status === "failed");
  if (!sections.length) return undefined;
  return { sections, message: `${missing}, and ${sections.length} file(s) failed before their jobs could be read (shown)` };
}
