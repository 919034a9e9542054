import type { z } from "zod";
import type { Diagnostics } from "../diagnostics.js";
import { ALREADY_VALID, describeValue, strList } from "./fields.js";
import type { NotCarried } from "./not-carried.js";
import { MODULE_REF } from "./template-string.js";

/** The Terraform expression of a module-input reference inside a value, if any. */
function inputReference(value: unknown): string | undefined {
  const text = JSON.stringify(value) ?? "";
  const m = new RegExp(`\\$\\{${MODULE_REF}([^}]*)\\}`).exec(text);
  return m ? m[1].replace(/\\"/g, '"') : undefined;
}

/** `exact` claims cover the path alone (a block's presence), not what lies under it. */
export type Claim = { path: string; how: "mapped" | "ignored" | "reported"; reason?: string; exact?: boolean };

/**
 * Reads one raw HCL block and records a claim for every key it touches, so that a key no
 * stage handled is reported instead of vanishing (the "no silent drops" invariant).
 */
export class Reader {
  private readonly touched = new Set<string>();
  constructor(
    readonly raw: Record<string, unknown>,
    readonly path: string,
    private readonly diags: Diagnostics,
    readonly claims: Claim[],
    /** HCL1 files: Nomad's HCL1 decoder takes a single value where a list is expected. */
    private readonly weak = false,
  ) {}

  has(key: string): boolean {
    return this.raw[key] !== undefined;
  }

  keys(): string[] {
    return Object.keys(this.raw);
  }

  /** A scalar/array value validated by zod; a mismatch is an error diagnostic with its path. */
  get<T extends z.ZodType>(key: string, schema: T): z.infer<T> | undefined {
    const value = this.raw[key];
    this.claim(key, "mapped");
    if (value === undefined) return undefined;
    if (this.weak && (schema as z.ZodType) === strList && value !== null && typeof value !== "object") return [String(value)] as z.infer<T>;
    if (ALREADY_VALID.get(schema)?.(value)) return value as z.infer<T>;
    const res = schema.safeParse(value);
    if (!res.success) {
      const ref = inputReference(value);
      if (ref) {
        // A module input (a job variable with no value) cannot decide a number, a bool or a block.
        this.diags.error("N2K-HCL-004", `${key} = ${ref} needs the value of the job variable when converting: it decides the module's shape`, { path: `${this.path}.${key}`, hint: `pass ${[...ref.matchAll(/var\.([A-Za-z0-9_-]+)/g)].map((m) => `--var ${m[1]}=…`).join(" ") || "--var"}` });
        return undefined;
      }
      // The message names the path, the type Nomad expects and the type given, never zod's wording.
      const issue = res.error.issues[0];
      const sub = issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("");
      const got = issue.path.reduce<unknown>((v, p) => (v && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[p as PropertyKey] : undefined), value);
      const expected = schema.description ?? "a different type of value";
      this.diags.error("N2K-SPEC-001", `${key}${sub}: expected ${expected}, got ${describeValue(got)}`, { path: `${this.path}.${key}${sub}` });
      return undefined;
    }
    return res.data;
  }

  /** Blocks without labels: `network { ... }` → one Reader per occurrence. */
  blocks(key: string): Reader[] {
    const value = this.raw[key];
    this.touched.add(key);
    if (value === undefined) return [];
    const list = Array.isArray(value) ? value : [value];
    return list
      .filter((v): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v))
      .map((v, i) => new Reader(v, list.length > 1 ? `${this.path}.${key}[${i}]` : `${this.path}.${key}`, this.diags, this.claims, this.weak));
  }

  /** Labelled blocks: `task "web" { ... }` → [label, Reader] pairs in source order. */
  labelled(key: string): [string, Reader][] {
    const value = this.raw[key];
    this.touched.add(key);
    if (!value || typeof value !== "object") return [];
    const out: [string, Reader][] = [];
    for (const [label, body] of Object.entries(value as Record<string, unknown>)) {
      const list = Array.isArray(body) ? body : [body];
      list.forEach((b, i) => {
        const path = `${this.path}.${key}.${label}${i ? `[${i}]` : ""}`;
        // The block's presence is itself mapped, even when its body is empty.
        this.claims.push({ path, how: "mapped", exact: true });
        if (b && typeof b === "object") out.push([label, new Reader(b as Record<string, unknown>, path, this.diags, this.claims, this.weak)]);
      });
    }
    return out;
  }

  /** Keys deliberately not carried over, with the reason given in the report. */
  ignore(key: string, reason: string): void {
    if (this.raw[key] === undefined) return;
    this.claim(key, "ignored", reason);
    this.diags.info("N2K-IGNORED", `${key}: ${reason}`, { path: `${this.path}.${key}` });
  }

  /** Keys with no Kubernetes equivalent: a warning and a manual step in the report. */
  report(key: string, code: string, message: string, hint?: string): void {
    if (this.raw[key] === undefined) return;
    this.claim(key, "reported", message);
    this.diags.warn(code, `${key}: ${message}`, { path: `${this.path}.${key}`, hint });
  }

  manual(code: string, message: string, key: string, hint?: string): void {
    this.diags.manual(code, message, { path: `${this.path}.${key}`, hint });
  }

  warn(code: string, message: string, key: string, hint?: string): void {
    this.diags.warn(code, message, { path: `${this.path}.${key}`, hint });
  }

  error(code: string, message: string, key: string): void {
    this.diags.error(code, message, { path: `${this.path}.${key}` });
  }

  /** Applies a table of keys that are ignored (a reason) or reported (a code and message). */
  notCarried(table: NotCarried): void {
    for (const [key, entry] of entriesOf(table)) {
      if (typeof entry === "string") this.ignore(key, entry);
      else this.report(key, entry.code, entry.message, entry.hint);
    }
  }

  claim(key: string, how: Claim["how"], reason?: string): void {
    this.touched.add(key);
    if (this.raw[key] !== undefined) this.claims.push({ path: `${this.path}.${key}`, how, reason });
  }

  /** Every key nobody claimed is reported as not carried over. */
  finish(): void {
    for (const key of Object.keys(this.raw)) {
      if (this.touched.has(key)) continue;
      this.claims.push({ path: `${this.path}.${key}`, how: "reported", reason: "unknown attribute" });
      this.diags.warn("N2K-UNKNOWN-001", `${key}: not understood by nomad2k8s, not carried over`, {
        path: `${this.path}.${key}`,
        hint: "port it by hand if it matters",
      });
    }
  }
}

// The tables are constants read for every block of every job: their entries are listed once.
const ENTRIES = new WeakMap<NotCarried, [string, NotCarried[string]][]>();
function entriesOf(table: NotCarried): [string, NotCarried[string]][] {
  let entries = ENTRIES.get(table);
  if (!entries) ENTRIES.set(table, (entries = Object.entries(table)));
  return entries;
}
