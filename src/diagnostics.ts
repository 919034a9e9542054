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
  /** Column of a syntax error (the terminal shows file:line:col). */
  column?: number;
  hint?: string;
  /** A manual step that must be done before `terraform apply` (an error-level manual step). */
  blocking?: boolean;
  /**
   * An info that tells how something WAS carried over, changed (an address rewritten, a value
   * resolved, a name made DNS-safe), not what was left out: the report lists it under
   * "Carried over with changes" instead of "Deliberately not carried over".
   */
  changed?: true;
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
  /** An info whose subject was carried over with a change (see `Diagnostic.changed`). */
  changed(code: string, message: string, extra?: Partial<Diagnostic>): void {
    this.put({ ...this.base, code, severity: "info", message, ...extra, changed: true });
  }
  private put(item: Diagnostic): void {
    if (item.severity === "manual" && asksForEdit(item)) item.hint = item.hint ? `${item.hint}; ${EDIT_HINT}` : EDIT_HINT;
    const key = keyOf(item);
    if (this.added.has(key) && this.items.some((x) => keyOf(x) === key)) return;
    this.added.add(key);
    this.items.push(item);
  }
  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === "error");
  }
}

/** Where a hand change to a module goes so that the next run keeps it (Terraform override files). */
export const EDIT_HINT = "put the change in an override file beside the file it changes (main.tf → main_override.tf) and new blocks in a .tf file of your own: nomad2k8s keeps both across runs";

// Manual steps that are done outside the module: a value for a variable, the site config, the
// secret store, a cluster prerequisite (a middleware defined elsewhere, a RuntimeClass), the way jobs are dispatched.
const NOT_AN_EDIT = new Set(["N2K-HCL-010", "N2K-LITE-008", "N2K-INGRESS-004", "N2K-INGRESS-015", "N2K-CFG-019", "N2K-INTERP-004", "N2K-INTERP-005", "N2K-PORT-008", "N2K-CRON-003", "N2K-TPL-007", "N2K-SEC-006", "N2K-SEC-009", "N2K-SEC-015", "N2K-VOL-002", "N2K-VOL-016", "N2K-VOL-017", "N2K-TASK-014", "N2K-DISPATCH-001", "N2K-DISPATCH-002", "N2K-DISPATCH-003", "N2K-VM-002", "N2K-VM-006"]);

/** Whether a manual step asks for a change to the generated module. */
export function asksForEdit(d: Pick<Diagnostic, "code" | "message">): boolean {
  return !NOT_AN_EDIT.has(d.code) && !d.message.startsWith("set ") && !d.message.endsWith("which has no default");
}

/** A user mistake that stops one job (never the run); carries its diagnostic. */
export class JobError extends Error {
  /** `also`: what the report lists after it (a parser's follow-on errors). */
  constructor(
    readonly diagnostic: Diagnostic,
    readonly also: Diagnostic[] = [],
  ) {
    super(diagnostic.message);
  }
}

/** `file:line:col` (as much of it as is known). */
export function placeOf(d: Diagnostic): string | undefined {
  return d.file && (d.line ? `${d.file}:${d.line}${d.column ? `:${d.column}` : ""}` : d.file);
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = [placeOf(d), d.job && `job "${d.job}"`].filter(Boolean).join(" ");
  const path = d.path ? ` (${d.path})` : "";
  return `${d.severity} ${d.code}${where ? ` ${where}` : ""}${path}: ${d.message}${d.hint ? ` — ${d.hint}` : ""}`;
}
