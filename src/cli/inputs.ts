import { parseHcl as parse } from "../nomad/hcl-parser.js";
import { resolve } from "node:path";
import type { SiteConfig } from "../config/site-config.js";
import { loadConfig } from "../config/load-config.js";
import type { SourceFile } from "../convert.js";
import { JobError } from "../diagnostics.js";
import { discoverInputs } from "../io/discover.js";
import { BUDGET } from "../fleet/worker-pool.js";
import { jobFiles, MAX_INPUT_BYTES, NotReadable, readRegularFile, type JobFileReader } from "../io/job-files.js";
import { inertLine } from "../redact.js";
import { toLiteral, type HclValue } from "../nomad/evaluate.js";
import { UsageError, type CliIO } from "./io.js";
import { fetchNomadJobs } from "./nomad-api.js";

export interface CommonOptions {
  config?: string;
  /** Read the jobs from a running Nomad (true: NOMAD_ADDR or the default address). */
  fromNomad?: string | boolean;
  job?: string[];
  /** The Kubernetes namespace of the modules (the site config's `namespace`). */
  namespace?: string;
  /** The Nomad namespace --from-nomad reads. */
  nomadNamespace?: string;
  var?: string[];
  varFile?: string[];
  /** Folders file functions may read besides each job's folder. */
  allowRead?: string[];
  /** Seconds and MB one file's conversion may take. */
  jobTimeout?: string;
  jobMemory?: string;
  vpa?: boolean;
  verify?: boolean;
}

export interface LoadedInputs {
  /** How many input files there are; `read(i)` reads the i-th (files are read when needed). */
  count: number;
  read: (i: number) => SourceFile;
  problems: { file: string; message: string }[];
  config: SiteConfig;
  vars: Record<string, HclValue>;
  /** What file functions of the jobs may read. */
  files: JobFileReader;
}

/** The budget of one file, as --job-timeout and --job-memory set it. */
export function budgetOf(opts: CommonOptions): typeof BUDGET {
  return { msPerFile: opts.jobTimeout ? Number(opts.jobTimeout) * 1000 : BUDGET.msPerFile, heapMb: opts.jobMemory ? Number(opts.jobMemory) : BUDGET.heapMb };
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Reads the inputs, the site config and the HCL2 variables every command shares. */
export async function loadInputs(inputs: string[], opts: CommonOptions, io: CliIO, adjust?: (config: SiteConfig) => void): Promise<LoadedInputs> {
  const { config } = loadConfig(opts.config ? resolve(io.cwd, opts.config) : undefined, io.cwd);
  if (opts.vpa) config.vpa.enabled = true;
  if (opts.namespace !== undefined) config.namespace = opts.namespace;
  adjust?.(config);
  const files = jobFiles(io.cwd, opts.allowRead ?? []);
  const vars: Record<string, HclValue> = {};
  for (const f of opts.varFile ?? []) Object.assign(vars, await readVarFile(resolve(io.cwd, f)));
  for (const v of opts.var ?? []) {
    const eq = v.indexOf("=");
    if (eq <= 0) throw new UsageError(`--var expects NAME=VALUE, got "${v}"`);
    vars[v.slice(0, eq)] = v.slice(eq + 1);
  }
  if (opts.fromNomad !== undefined && opts.fromNomad !== false) {
    const addr = typeof opts.fromNomad === "string" ? opts.fromNomad : (io.env.NOMAD_ADDR ?? "http://127.0.0.1:4646");
    const got = await fetchNomadJobs({ addr, token: io.env.NOMAD_TOKEN, env: io.env, namespace: opts.nomadNamespace ?? io.env.NOMAD_NAMESPACE, jobs: opts.job });
    // A job from the API has no folder: its file functions read nothing unless --allow-read says where.
    return { count: got.sources.length, read: (i) => got.sources[i], problems: got.problems, config, vars, files };
  }
  const found = await discoverInputs(inputs.map((i) => resolve(io.cwd, i)));
  const rel = (f: string) => {
    const r = f.startsWith(io.cwd + "/") ? f.slice(io.cwd.length + 1) : f;
    return r.split("\\").join("/");
  };
  const read = (i: number): SourceFile => {
    const file = rel(found.files[i]);
    try {
      return { file, text: readRegularFile(found.files[i], MAX_INPUT_BYTES).toString("utf8") };
    } catch (err) {
      if (err instanceof NotReadable) throw new JobError({ code: "N2K-INPUT-001", severity: "error", message: `not read: ${err.message}`, file });
      // Read when the stream reaches it, maybe long after it was found: gone or unreadable by then.
      throw new JobError({ code: "N2K-INPUT-001", severity: "error", message: `could not be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`, file });
    }
  };
  return { count: found.files.length, read, problems: found.problems.map((p) => ({ file: rel(p.file), message: p.message })), config, vars, files };
}

async function readVarFile(file: string): Promise<Record<string, HclValue>> {
  let text: string;
  try {
    text = readRegularFile(file, MAX_INPUT_BYTES).toString("utf8");
  } catch (err) {
    throw new UsageError(`--var-file ${inertLine(file)}: ${err instanceof NotReadable ? `not read: ${err.message}` : "file not found"}`);
  }
  if (file.endsWith(".json")) {
    try {
      return JSON.parse(text);
    } catch (err) {
      throw new UsageError(`--var-file ${file}: not valid JSON (${(err as Error).message})`);
    }
  }
  try {
    return toLiteral((await parse(file, text)) as HclValue) as Record<string, HclValue>;
  } catch (err) {
    throw new UsageError(`--var-file ${file}: invalid HCL (${String(err).replace(/^Error: /, "")})`);
  }
}
