import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { apiJob } from "../src/nomad/parse-api-json.js";
import { runCli, scratch } from "./cli-helpers.js";
import { ROOT } from "./helpers.js";

type Job = Record<string, unknown>;

/** A stand-in for Nomad's HTTP API: `/v1/jobs` lists, `/v1/job/:id` reads, tokens checked. */
function fakeNomad(jobs: Job[], token?: string): Promise<{ addr: string; server: Server; seen: string[] }> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    seen.push(`${req.method} ${url.pathname}${url.search}`);
    if (token && req.headers["x-nomad-token"] !== token) {
      res.writeHead(403).end("Permission denied");
      return;
    }
    const send = (code: number, body: unknown) => res.writeHead(code, { "Content-Type": "application/json" }).end(typeof body === "string" ? body : JSON.stringify(body));
    if (url.pathname === "/v1/jobs") return send(200, jobs.map((j) => ({ ID: j.ID, Name: j.Name ?? j.ID, Type: j.Type ?? "service", Status: "running", Namespace: "default", ParentID: j.ParentID ?? "" })));
    const m = /^\/v1\/job\/([^/]+)$/.exec(url.pathname);
    const job = m && jobs.find((j) => j.ID === decodeURIComponent(m[1]));
    if (job) return send(200, { ...job, Namespace: "default", Status: "running", CreateIndex: 10, ModifyIndex: 11 });
    send(404, "job not found");
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ addr: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, seen })));
}

const webJob = (id: string): Job => ({
  ID: id,
  Name: id,
  Type: "service",
  Datacenters: ["dc1"],
  TaskGroups: [
    {
      Name: "web",
      Count: 1,
      Networks: [{ Mode: "bridge", DynamicPorts: [{ Label: "http", To: 8080 }] }],
      Services: [{ Name: id, PortLabel: "http", Tags: [] }],
      Tasks: [{ Name: "web", Driver: "docker", Config: { image: `example/${id}:1.0`, ports: ["http"] }, Resources: { CPU: 100, MemoryMB: 128 } }],
    },
  ],
});

let running: Server | undefined;
afterEach(() => {
  running?.close();
  running = undefined;
});

describe("convert --from-nomad", () => {
  it("lists the cluster's jobs, reads each with the token and converts them", async () => {
    const nomad = await fakeNomad([webJob("blog"), { ...webJob("blog-1700000000"), ParentID: "blog" }, webJob("shop")], "s3cret");
    running = nomad.server;
    const dir = scratch(false);
    const r = await runCli(["convert", "--from-nomad", nomad.addr, "-o", "out", "--json"], dir, { NOMAD_TOKEN: "s3cret" });
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    const host = nomad.addr.replace("http://", "");
    expect(report.jobs.map((j: Job) => [j.job, j.file, j.status, j.format])).toEqual([
      ["blog", `nomad://${host}/v1/job/blog`, "converted", "json"],
      ["shop", `nomad://${host}/v1/job/shop`, "converted", "json"],
    ]);
    expect(existsSync(join(dir, "out", "blog", "main.tf"))).toBe(true);
    expect(readFileSync(join(dir, "out", "shop", "main.tf"), "utf8")).toContain('"example/shop:${var.image_tag}"');
    // Each job is read in the namespace the list gave for it.
    expect(nomad.seen).toEqual(["GET /v1/jobs", "GET /v1/job/blog?namespace=default", "GET /v1/job/shop?namespace=default"]);
  });

  it("reads only the jobs named with --job, from NOMAD_ADDR, in NOMAD_NAMESPACE; a missing one fails alone", async () => {
    const nomad = await fakeNomad([webJob("blog"), webJob("a b")]);
    running = nomad.server;
    const dir = scratch(false);
    const r = await runCli(["convert", "--from-nomad", "--job", "a b", "--job", "gone", "-o", "out"], dir, { NOMAD_ADDR: nomad.addr, NOMAD_NAMESPACE: "apps" });
    expect(r.code).toBe(1);
    expect(nomad.seen).toEqual(["GET /v1/job/a%20b?namespace=apps", "GET /v1/job/gone?namespace=apps"]);
    expect(r.stderr).toContain('converted job "a b"');
    expect(r.stderr).toMatch(/failed nomad:\/\/127\.0\.0\.1:\d+\/v1\/job\/gone\?namespace=apps: job "gone" not found in Nomad \(namespace apps\)/);
  });

  it("reads the Nomad namespace --nomad-namespace names, and --namespace sets the modules' namespace", async () => {
    const nomad = await fakeNomad([webJob("blog")]);
    running = nomad.server;
    const dir = scratch(false);
    const r = await runCli(["convert", "--from-nomad", nomad.addr, "--job", "blog", "--nomad-namespace", "apps", "--namespace", "web", "-o", "out"], dir);
    expect(r.code).toBe(0);
    expect(nomad.seen).toEqual(["GET /v1/job/blog?namespace=apps"]);
    expect(readFileSync(join(dir, "out", "blog", "variables.tf"), "utf8")).toMatch(/variable "namespace" \{[^}]*default += "web"/);
    // The old spelling of the Nomad namespace is refused, never taken silently as the other one.
    const old = await runCli(["convert", "--from-nomad", nomad.addr, "--namespace", "apps", "-o", "out2"], dir);
    expect(old.code).toBe(2);
    expect(old.stderr).toContain("the Nomad namespace --from-nomad reads is --nomad-namespace (it was --namespace before)");
    expect(nomad.seen).toHaveLength(1);
    expect(existsSync(join(dir, "out2"))).toBe(false);
  });

  it("says in one line when the token is refused", async () => {
    const nomad = await fakeNomad([webJob("blog")], "right");
    running = nomad.server;
    const r = await runCli(["convert", "--from-nomad", nomad.addr, "-o", "out"], scratch(false), { NOMAD_TOKEN: "wrong" });
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(`nomad2k8s: Nomad at ${nomad.addr} refused the request (403: Permission denied); set NOMAD_TOKEN to a token that may read jobs`);
  });

  it("says in one line when the cluster cannot be reached or the address is not one", async () => {
    const nomad = await fakeNomad([]);
    const addr = nomad.addr;
    await new Promise((done) => nomad.server.close(done));
    const r = await runCli(["convert", "--from-nomad", addr, "-o", "out"], scratch(false));
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(`nomad2k8s: cannot reach Nomad at ${addr}: connection refused`);
    const bad = await runCli(["convert", "--from-nomad", "ftp://x", "-o", "out"], scratch(false));
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toBe('nomad2k8s: "ftp://x" is not a Nomad address (expected http:// or https://)');
  });
});

// The public API-format jobs of the shared corpus, served as Nomad would serve them.
const CORPUS_JSON = join(ROOT, "..", "shared", "corpus", "json");
const corpusJobs = (): Job[] => {
  const files: string[] = [];
  const walk = (d: string) => readdirSync(d).forEach((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : files.push(join(d, n))));
  walk(CORPUS_JSON);
  const jobs = new Map<string, Job>();
  for (const f of files.sort()) {
    try {
      const job = apiJob(JSON.parse(readFileSync(f, "utf8")));
      if (job && !jobs.has(String(job.ID))) jobs.set(String(job.ID), job);
    } catch {
      // not JSON: not served
    }
  }
  return [...jobs.values()];
};

describe.skipIf(!existsSync(CORPUS_JSON))("convert --from-nomad on the corpus's API jobs", () => {
  it("reads every served job and converts or skips each with a reason", async () => {
    const jobs = corpusJobs();
    expect(jobs.length).toBeGreaterThan(3);
    const nomad = await fakeNomad(jobs);
    running = nomad.server;
    const r = await runCli(["convert", "--from-nomad", nomad.addr, "-o", "out", "--json"], scratch(false));
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const report = JSON.parse(r.stdout);
    expect(report.jobs).toHaveLength(jobs.length);
    for (const j of report.jobs) expect([j.job, j.status, j.error ?? ""]).not.toEqual([j.job, "failed", expect.anything()]);
  });
});
if (!existsSync(CORPUS_JSON)) console.log(`skipping the corpus --from-nomad test: ${CORPUS_JSON} is absent`);
