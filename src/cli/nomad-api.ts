import { readFileSync } from "node:fs";
import { get as httpGet } from "node:http";
import { get as httpsGet } from "node:https";
import type { SourceFile } from "../convert.js";
import { firstLine, inertLine, redactUrl } from "../redact.js";

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
  /** NOMAD_CACERT, NOMAD_SKIP_VERIFY and the other TLS settings of Nomad's CLI. */
  env?: Record<string, string | undefined>;
  /** The largest answer read (MAX_RESPONSE_BYTES when not given). */
  maxBytes?: number;
}

interface TlsOptions {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  servername?: string;
  rejectUnauthorized: boolean;
}

/** The cluster cannot be used at all (unreachable, token refused): one line, exit 1. */
export class NomadApiError extends Error {}

export interface FetchedJobs {
  /** Where the jobs came from (scheme, host, port: never a user or password). */
  origin: string;
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
    throw new NomadApiError(`"${inertLine(redactUrl(addr))}" is not a Nomad address (expected http://host:port)`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new NomadApiError(`"${inertLine(redactUrl(addr))}" is not a Nomad address (expected http:// or https://)`);
  return url;
}

/** Lists (or takes the named) jobs and reads each one with `GET /v1/job/:id`. */
export async function fetchNomadJobs(opts: NomadApiOptions): Promise<FetchedJobs> {
  const base = nomadBaseUrl(opts.addr);
  // A user and password in the address are sent as HTTP basic auth (as Nomad's CLI does) and never shown.
  const basic = base.username || base.password ? Buffer.from(`${decodeURIComponent(base.username)}:${decodeURIComponent(base.password)}`).toString("base64") : undefined;
  base.username = "";
  base.password = "";
  const tls = tlsOptions(opts.env ?? {});
  const get = (path: string, namespace?: string) => request(base, path, namespace ?? opts.namespace, opts, tls, basic);
  let entries: ListEntry[];
  if (opts.jobs?.length) entries = opts.jobs.map((ID) => ({ ID }));
  else {
    const listed = await get("/v1/jobs");
    if (listed.status !== 200 || !Array.isArray(listed.body)) throw new NomadApiError(`Nomad at ${base.origin} answered ${listed.status} to GET /v1/jobs${listed.message ? `: ${listed.message}` : ""}`);
    // Dispatched and periodic instances (ParentID set) are runs of a job, not jobs to convert.
    entries = (listed.body as ListEntry[]).filter((e) => e && typeof e.ID === "string" && !e.ParentID).sort((a, b) => (a.ID < b.ID ? -1 : a.ID > b.ID ? 1 : 0));
  }
  const out: FetchedJobs = { origin: base.origin, sources: [], problems: [] };
  for (const e of entries) {
    const ns = typeof e.Namespace === "string" ? e.Namespace : opts.namespace;
    const path = `/v1/job/${encodeURIComponent(e.ID)}`;
    const file = `nomad://${base.host}${path}${ns && ns !== "default" ? `?namespace=${encodeURIComponent(ns)}` : ""}`;
    const res = await get(path, ns);
    const id = inertLine(e.ID);
    if (res.status === 404) out.problems.push({ file, message: `job "${id}" not found in Nomad${ns ? ` (namespace ${inertLine(ns)})` : ""}` });
    else if (res.status !== 200 || !res.body || typeof res.body !== "object") out.problems.push({ file, message: `Nomad answered ${res.status} for job "${id}"${res.message ? `: ${res.message}` : ""}` });
    else out.sources.push({ file, text: JSON.stringify(res.body, null, 2) + "\n" });
  }
  return out;
}

/** Nomad's CLI TLS settings: NOMAD_CACERT, NOMAD_CLIENT_CERT/KEY, NOMAD_TLS_SERVER_NAME, NOMAD_SKIP_VERIFY. */
export function tlsOptions(env: Record<string, string | undefined>): TlsOptions {
  const file = (name: string): Buffer | undefined => {
    const path = env[name];
    if (!path) return undefined;
    try {
      return readFileSync(path);
    } catch (err) {
      throw new NomadApiError(`${name} ${inertLine(path)}: cannot read it (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
    }
  };
  // Go's strconv.ParseBool, as Nomad reads NOMAD_SKIP_VERIFY.
  const skip = /^(1|t|true)$/i.test(env.NOMAD_SKIP_VERIFY ?? "");
  return { ca: file("NOMAD_CACERT"), cert: file("NOMAD_CLIENT_CERT"), key: file("NOMAD_CLIENT_KEY"), servername: env.NOMAD_TLS_SERVER_NAME || undefined, rejectUnauthorized: !skip };
}

/** Answers larger than this are refused: a job is a few hundred kB at most, a list a few MB. */
export const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
const MAX_REDIRECTS = 5;

type Answer = { status: number; body?: unknown; message?: string };

async function request(base: URL, path: string, namespace: string | undefined, opts: NomadApiOptions, tls: TlsOptions, basic: string | undefined): Promise<Answer> {
  let url = new URL(path, base);
  if (namespace) url.searchParams.set("namespace", namespace);
  const deadline = Date.now() + (opts.timeoutMs ?? 15000);
  const cap = opts.maxBytes ?? MAX_RESPONSE_BYTES;
  for (let hops = 0; ; hops++) {
    const res = await send(url, opts, tls, basic, deadline, base, cap);
    if (res.status >= 300 && res.status < 400 && res.location !== undefined) {
      let next: URL;
      try {
        next = new URL(res.location, url);
      } catch {
        throw new NomadApiError(`Nomad at ${base.origin} redirected to an invalid address`);
      }
      // The token goes only where the user pointed: same scheme, host and port.
      if (next.origin !== base.origin) {
        throw new NomadApiError(`Nomad at ${base.origin} redirected ${url.pathname} to ${inertLine(redactUrl(next.origin))}, another origin: not followed (the token is sent only to ${base.origin}); point --from-nomad or NOMAD_ADDR at that address if it is the cluster`);
      }
      if (hops >= MAX_REDIRECTS) throw new NomadApiError(`Nomad at ${base.origin} redirected more than ${MAX_REDIRECTS} times`);
      next.username = "";
      next.password = "";
      url = next;
      continue;
    }
    const text = res.text;
    if (res.status === 403 || res.status === 401) {
      throw new NomadApiError(`Nomad at ${base.origin} refused the request (${res.status}${text.trim() ? `: ${firstLine(text, 200)}` : ""}); set NOMAD_TOKEN to a token that may read jobs`);
    }
    if (res.status !== 200) return { status: res.status, message: firstLine(text, 200) };
    try {
      return { status: 200, body: JSON.parse(text) };
    } catch {
      return { status: 502, message: "the answer is not JSON (is this a Nomad address?)" };
    }
  }
}

/** One GET, no redirect followed, the whole answer within the deadline and the size cap. */
function send(url: URL, opts: NomadApiOptions, tls: TlsOptions, basic: string | undefined, deadline: number, base: URL, cap: number): Promise<{ status: number; location?: string; text: string }> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (opts.token) headers["X-Nomad-Token"] = opts.token;
  if (basic) headers.Authorization = `Basic ${basic}`;
  const get = url.protocol === "https:" ? httpsGet : httpGet;
  return new Promise((resolve, reject) => {
    let done = false;
    const fail = (message: string) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.destroy();
      reject(new NomadApiError(message));
    };
    const timer = setTimeout(() => fail(`cannot read from Nomad at ${base.origin}: no complete answer within ${Math.round((opts.timeoutMs ?? 15000) / 1000)} s (timed out)`), Math.max(0, deadline - Date.now()));
    const req = get(url, { headers, ...(url.protocol === "https:" ? tls : {}) }, (res) => {
      const declared = Number(res.headers["content-length"] ?? 0);
      if (declared > cap) return fail(`Nomad at ${base.origin} announced an answer of ${declared} bytes for ${url.pathname}, more than the ${mb(cap)} nomad2k8s reads`);
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (c: Buffer) => {
        size += c.length;
        if (size > cap) return fail(`Nomad at ${base.origin} sent more than ${mb(cap)} for ${url.pathname}: not read further`);
        chunks.push(c);
      });
      res.on("error", (err) => fail(`cannot read from Nomad at ${base.origin}: ${reason(err)}`));
      res.on("end", () => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        const location = res.headers.location;
        resolve({ status: res.statusCode ?? 0, location: typeof location === "string" ? location : undefined, text: Buffer.concat(chunks).toString("utf8") });
      });
    });
    req.on("error", (err) => fail(`cannot reach Nomad at ${base.origin}: ${reason(err)}`));
  });
}

function reason(err: unknown): string {
  const e = err as { code?: string; message?: string };
  if (e?.code === "ECONNREFUSED") return "connection refused";
  if (e?.code === "ENOTFOUND" || e?.code === "EAI_AGAIN") return "unknown host";
  if (e?.code === "ECONNRESET") return "connection reset";
  if (e?.code && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(e.code)) return `TLS: ${inertLine(e.message ?? e.code)} (set NOMAD_CACERT to the cluster's CA, or NOMAD_SKIP_VERIFY=true to skip the check)`;
  return inertLine(e?.message ?? String(err));
}


const mb = (bytes: number) => (bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${bytes} bytes`);
