import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer, Server as HttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { fetchNomadJobs, NomadApiError } from "../../src/cli/nomad-api.js";
import { runCli, scratch } from "../cli-helpers.js";

// Crafted Nomad servers (issue 20): the token must go only where the user pointed.

const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections?.();
    s.close();
  }
});

type Seen = { path: string; token?: string; auth?: string };

function listen(handler: (req: IncomingMessage, res: ServerResponse) => void, server: Server = createServer()): Promise<{ addr: string; port: number; seen: Seen[] }> {
  const seen: Seen[] = [];
  server.on("request", (req, res) => {
    seen.push({ path: req.url ?? "", token: req.headers["x-nomad-token"] as string | undefined, auth: req.headers.authorization });
    handler(req, res);
  });
  servers.push(server);
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as AddressInfo).port;
      resolve({ addr: `${server instanceof HttpsServer ? "https" : "http"}://127.0.0.1:${port}`, port, seen });
    }),
  );
}

const job = { ID: "web", Name: "web", Type: "service", TaskGroups: [{ Name: "web", Count: 1, Tasks: [{ Name: "web", Driver: "docker", Config: { image: "nginx:1" } }] }] };
const nomadLike = (req: IncomingMessage, res: ServerResponse) => {
  if (req.url?.replace(/^\/old/, "").startsWith("/v1/jobs")) return res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify([{ ID: "web", Namespace: "default" }]));
  res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(job));
};

describe("the Nomad token goes only where the user pointed", () => {
  it("does not follow a redirect to another origin, and says which origin it refused", async () => {
    const other = await listen(nomadLike);
    const first = await listen((req, res) => res.writeHead(302, { Location: `http://localhost:${other.port}${req.url}` }).end());
    const r = await runCli(["convert", "--from-nomad", first.addr, "-o", "out", "--json"], scratch(false), { NOMAD_TOKEN: "t0ken-s3cret" });
    expect(r.code).toBe(1);
    expect(other.seen).toEqual([]);
    expect(r.stderr).toContain(`Nomad at ${first.addr} redirected /v1/jobs to http://localhost:${other.port}, another origin: not followed`);
    expect(r.stdout + r.stderr).not.toContain("t0ken-s3cret");
  });

  it("follows a redirect within the same origin, token and all", async () => {
    const srv = await listen((req, res) => (req.url?.startsWith("/old") ? nomadLike(req, res) : res.writeHead(307, { Location: `/old${req.url}` }).end()));
    const got = await fetchNomadJobs({ addr: srv.addr, token: "tok" });
    expect(got.sources).toHaveLength(1);
    expect(got.origin).toBe(srv.addr);
    expect(srv.seen.map((s) => [s.path, s.token])).toEqual([
      ["/v1/jobs", "tok"],
      ["/old/v1/jobs", "tok"],
      ["/v1/job/web?namespace=default", "tok"],
      ["/old/v1/job/web?namespace=default", "tok"],
    ]);
  });

  it("never follows https to http, even to the same host and port", async () => {
    const { cert, key } = selfSigned();
    const srv = await listen((req, res) => res.writeHead(301, { Location: `http://127.0.0.1:${(srv as { port: number }).port}${req.url}` }).end(), createHttpsServer({ cert, key }) as unknown as Server);
    const err = await fetchNomadJobs({ addr: srv.addr, token: "tok", env: { NOMAD_SKIP_VERIFY: "true" } }).catch((e) => e);
    expect(err).toBeInstanceOf(NomadApiError);
    expect(err.message).toContain("another origin: not followed");
    expect(srv.seen).toHaveLength(1);
  });

  it("sends a user and password of the address as basic auth and shows them nowhere", async () => {
    const srv = await listen(nomadLike);
    const addr = srv.addr.replace("http://", "http://ops:pa55w0rd@");
    const r = await runCli(["convert", "--from-nomad", addr, "-o", "out", "--json"], scratch(false));
    expect(r.code).toBe(0);
    expect(srv.seen[0].auth).toBe(`Basic ${Buffer.from("ops:pa55w0rd").toString("base64")}`);
    expect(r.stdout + r.stderr).not.toContain("pa55w0rd");
    const down = await runCli(["convert", "--from-nomad", "http://ops:pa55w0rd@127.0.0.1:1", "-o", "out"], scratch(false));
    expect(down.code).toBe(1);
    expect(down.stderr).toContain("cannot reach Nomad at http://127.0.0.1:1");
    const bad = await runCli(["convert", "--from-nomad", "ftp://ops:pa55w0rd@x", "-o", "out"], scratch(false));
    expect(bad.stderr).not.toContain("pa55w0rd");
  });

  it("checks TLS against NOMAD_CACERT, or not at all with NOMAD_SKIP_VERIFY", async () => {
    const { cert, key, certFile } = selfSigned();
    const srv = await listen(nomadLike, createHttpsServer({ cert, key }) as unknown as Server);
    const refused = await fetchNomadJobs({ addr: srv.addr }).catch((e) => e);
    expect(refused).toBeInstanceOf(NomadApiError);
    expect(refused.message).toMatch(/TLS: .*set NOMAD_CACERT/);
    expect((await fetchNomadJobs({ addr: srv.addr, env: { NOMAD_CACERT: certFile } })).sources).toHaveLength(1);
    expect((await fetchNomadJobs({ addr: srv.addr, env: { NOMAD_SKIP_VERIFY: "1" } })).sources).toHaveLength(1);
    const missing = await fetchNomadJobs({ addr: srv.addr, env: { NOMAD_CACERT: "/nonexistent/ca.pem" } }).catch((e) => e);
    expect(missing.message).toBe("NOMAD_CACERT /nonexistent/ca.pem: cannot read it (ENOENT)");
  });
});

describe("a hostile Nomad answer cannot take the run down", () => {
  it("refuses an answer announced larger than the cap without reading it", async () => {
    const srv = await listen((_req, res) => {
      res.writeHead(200, { "Content-Length": String(3 * 1024 ** 3) });
      res.write("[");
    });
    const err = await fetchNomadJobs({ addr: srv.addr }).catch((e) => e);
    expect(err.message).toMatch(/announced an answer of 3221225472 bytes for \/v1\/jobs, more than the 64 MB/);
  });

  it("stops reading an endless answer at the cap", async () => {
    const srv = await listen((_req, res) => {
      res.writeHead(200);
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (res.write(chunk));
        res.once("drain", pump);
      };
      pump();
    });
    const err = await fetchNomadJobs({ addr: srv.addr, maxBytes: 1024 * 1024 }).catch((e) => e);
    expect(err.message).toBe(`Nomad at ${srv.addr} sent more than 1 MB for /v1/jobs: not read further`);
  });

  it("gives up on an answer sent a byte at a time once the whole request's time is spent", async () => {
    const srv = await listen((_req, res) => {
      res.writeHead(200);
      const t = setInterval(() => (res.writableEnded || res.destroyed ? clearInterval(t) : res.write(" ")), 20);
      res.on("close", () => clearInterval(t));
    });
    const started = Date.now();
    const err = await fetchNomadJobs({ addr: srv.addr, timeoutMs: 400 }).catch((e) => e);
    expect(err.message).toMatch(/no complete answer within 0 s \(timed out\)|no complete answer within 1 s/);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("escapes control characters of an error body", async () => {
    const srv = await listen((_req, res) => res.writeHead(403).end("\u001b]0;pwned\u0007\u001b[2Jdenied"));
    const r = await runCli(["convert", "--from-nomad", srv.addr, "-o", "out"], scratch(false));
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    expect(r.stderr).toContain("\\x1b]0;pwned\\x07\\x1b[2Jdenied");
  });
});

function selfSigned(): { cert: string; key: string; certFile: string } {
  const dir = mkdtempSync(join(tmpdir(), "n2k-tls-"));
  const keyFile = join(dir, "key.pem");
  const certFile = join(dir, "cert.pem");
  const conf = join(dir, "san.cnf");
  writeFileSync(conf, "[req]\ndistinguished_name=dn\n[dn]\n[ext]\nsubjectAltName=IP:127.0.0.1\nbasicConstraints=CA:TRUE\n");
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", keyFile, "-out", certFile, "-days", "1", "-subj", "/CN=127.0.0.1", "-config", conf, "-extensions", "ext"], { stdio: "ignore" });
  return { cert: readFileSync(certFile, "utf8"), key: readFileSync(keyFile, "utf8"), certFile };
}
