// Diagnostics are data: stages push them into a context, the report and the CLI read them.
export type Severity = "error" | "warning" | "manual" | "info";

export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  job?: string;
  file?: string;
  path?: string;
  line?: number;
  hint?: string;
  /** A manual step that must be done before `terraform apply` (an error-level manual step). */
  blocking?: boolean;
}

const keyOf = (d: Diagnostic): string => `${d.code}|${d.path ?? ""}|${d.message}|${d.job ?? ""}`;

export class Diagnostics {
  readonly items: Diagnostic[] = [];
  /**
   * Keys of every item ever added: a miss proves the new item is not a duplicate without
   * scanning `items`. Stages splice items out of `items` (and change hints in place), so a
   * hit is confirmed against `items`, which stays the truth.
   */
  private readonly added = new Set<string>();
  constructor(private readonly base: { job?: string; file?: string } = {}) {}

  add(d: Diagnostic): void {
    this.put({ ...this.base, ...d });
  }
  // The helpers build the item in one literal (same keys in the same order as add() would):
  // stages report thousands of info items per fleet, and each spread object was garbage.
  error(code: string, message: string, extra?: Partial<Diagnostic>): void {
    this.put({ ...this.base, code, severity: "error", message, ...extra });
  }
  warn(code: string, message: string, extra?: Partial<Diagnostic>): void {
    this.put({ ...this.base, code, severity: "warning", message, ...extra });
  }
  manual(code: string, message: string, extra?: Partial<Diagnostic>): void {
    this.put({ ...this.base, code, severity: "manual", message, ...extra });
  }
  info(code: string, message: string, extra?: Partial<Diagnostic>): void {
    this.put({ ...this.base, code, severity: "info", message, ...extra });
  }
  private put(item: Diagnostic): void {
    const key = keyOf(item);
    if (this.added.has(key) && this.items.some((x) => keyOf(x) === key)) return;
    this.added.add(key);
    this.items.push(item);
  }
  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === "error");
  }
}

/** A user mistake that stops one job (never the run); carries its diagnostic. */
export class JobError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
  }
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = [d.file && (d.line ? `${d.file}:${d.line}` : d.file), d.job && `job "${d.job}"`].filter(Boolean).join(" ");
  const path = d.path ? ` (${d.path})` : "";
  return `${d.severity} ${d.code}${where ? ` ${where}` : ""}${path}: ${d.message}${d.hint ? ` — ${d.hint}` : ""}`;
}
