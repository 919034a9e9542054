import type { SourceFile } from "../convert.js";

// `convert --from-nomad`: reads the jobs of a running cluster over Nomad's HTTP API, as API
// JSON sources for the ordinary pipeline. The only network access nomad2k8s makes.

export interface NomadApiOptions {
  /** http(s)://host:port; NOMAD_ADDR or http://127.0.0.1:4646 when not given. */
  addr: string;
  token?: string;
  namespace?: string;
  /** Job IDs to read; every job when empty. */
  jobs?: string[];
  timeoutMs?: number;
}

/** The cluster cannot be used at all (unreachable, token refused): one line, exit 1. */
export class NomadApiError extends Error {}

export interface FetchedJobs {
  sources: SourceFile[];
  problems: { file: string; message: string }[];
}

interface ListEntry {
  ID: string;
  Namespace?: string;
  ParentID?: string;
}

export function nomadBaseUrl(addr: string): URL {
  const withScheme = /^[a-z]+:\/\//i.test(addr) ? addr : `http://${addr}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new NomadApiError(`"${addr}" is not a Nomad address (expected http://host:port)`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new NomadApiError(`"${addr}" is not a Nomad address (expected http:// or https://)`);
  return url;
}

/** Lists (or takes the named) jobs and reads each one with `GET /v1/job/:id`. */
export async function fetchNomadJobs(opts: NomadApiOptions): Promise<FetchedJobs> {
  const base = nomadBaseUrl(opts.addr);
  const get = (path: string, namespace?: string) => request(base, path, namespace ?? opts.namespace, opts);
  let entries: ListEntry[];
  if (opts.jobs?.length) entries = opts.jobs.map((ID) => ({ ID }));
  else {
    const listed = await get("/v1/jobs");
    if (listed.status !== 200 || !Array.isArray(listed.body)) throw new NomadApiError(`Nomad at ${base.origin} answered ${listed.status} to GET /v1/jobs${listed.message ? `: ${listed.message}` : ""}`);
    // Dispatched and periodic instances (ParentID set) are runs of a job, not jobs to convert.
    entries = (listed.body as ListEntry[]).filter((e) => e && typeof e.ID === "string" && !e.ParentID).sort((a, b) => (a.ID < b.ID ? -1 : a.ID > b.ID ? 1 : 0));
  }
  const out: FetchedJobs = { sources: [], problems: [] };
  for (const e of entries) {
    const ns = e.Namespace ?? opts.namespace;
    const path = `/v1/job/${encodeURIComponent(e.ID)}`;
    const file = `nomad://${base.host}${path}${ns && ns !== "default" ? `?namespace=${encodeURIComponent(ns)}` : ""}`;
    const res = await get(path, ns);
    if (res.status === 404) out.problems.push({ file, message: `job "${e.ID}" not found in Nomad${ns ? ` (namespace ${ns})` : ""}` });
    else if (res.status !== 200 || !res.body || typeof res.body !== "object") out.problems.push({ file, message: `Nomad answered ${res.status} for job "${e.ID}"${res.message ? `: ${res.message}` : ""}` });
    else out.sources.push({ file, text: JSON.stringify(res.body, null, 2) + "\n" });
  }
  return out;
}

async function request(base: URL, path: string, namespace: string | undefined, opts: NomadApiOptions): Promise<{ status: number; body?: unknown; message?: string }> {
  const url = new URL(path, base);
  if (namespace) url.searchParams.set("namespace", namespace);
  let res: Response;
  try {
    res = await fetch(url, { headers: opts.token ? { "X-Nomad-Token": opts.token } : {}, signal: AbortSignal.timeout(opts.timeoutMs ?? 15000) });
  } catch (err) {
    throw new NomadApiError(`cannot reach Nomad at ${base.origin}: ${reason(err)}`);
  }
  const text = await res.text();
  if (res.status === 403 || res.status === 401) {
    throw new NomadApiError(`Nomad at ${base.origin} refused the request (${res.status}${text.trim() ? `: ${firstLine(text)}` : ""}); set NOMAD_TOKEN to a token that may read jobs`);
  }
  if (res.status !== 200) return { status: res.status, message: firstLine(text) };
  try {
    return { status: 200, body: JSON.parse(text) };
  } catch {
    return { status: 502, message: "the answer is not JSON (is this a Nomad address?)" };
  }
}

function reason(err: unknown): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === "TimeoutError" || e?.name === "AbortError") return "no answer (timed out)";
  const code = e?.cause?.code;
  if (code === "ECONNREFUSED") return "connection refused";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return "unknown host";
  return e?.cause?.message ?? e?.message ?? String(err);
}

function firstLine(text: string): string {
  return text.trim().split("\n")[0].slice(0, 200);
}
