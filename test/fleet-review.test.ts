import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { loadInputs, type CommonOptions } from "../src/cli/inputs.js";
import { defaultSiteConfig } from "../src/config/site-config.js";
import { convert } from "../src/convert.js";
import { jobFiles } from "../src/io/job-files.js";
import { reportFiles } from "../src/report/report-files.js";
import { runCli, scratch } from "./cli-helpers.js";
import { readTree } from "./helpers.js";

// Adversarial checks of the streamed fleet convert against the in-memory convert(): small
// invented jobs, padded to the worker threshold (24 files) where the workers matter.

/** A plain web job; `extra` goes into its task's env block. */
function web(name: string, image = "nginx:1.27", env = ""): string {
  return `job "${name}" {
  group "web" {
    network {
      port "http" {
        to = 8080
      }
    }

    service {
      name = "${name}"
      port = "http"
    }

    task "web" {
      driver = "docker"

      config {
        image = "${image}"
        ports = ["http"]
      }

      env {
        MODE = "prod"
${env}
      }
    }
  }
}
`;
}

/** A fleet folder: the given files, then filler jobs up to `total` files. */
function fleet(files: Record<string, string>, total = 0): string {
  const cwd = scratch(false);
  mkdirSync(join(cwd, "jobs"), { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(cwd, "jobs", name), text);
  for (let i = Object.keys(files).length; i < total; i++) writeFileSync(join(cwd, "jobs", `z-filler-${String(i).padStart(2, "0")}.nomad.hcl`), web(`filler-${i}`));
  return cwd;
}

/** The in-memory convert() of the same inputs: module files and both report files. */
async function reference(cwd: string, opts: CommonOptions = {}): Promise<Record<string, string>> {
  const io = { stdout: () => undefined, stderr: () => undefined, isTTY: false, env: {}, cwd };
  const loaded = await loadInputs(opts.fromNomad ? [] : ["jobs"], opts, io);
  const sources = Array.from({ length: loaded.count }, (_, i) => loaded.read(i));
  const result = await convert(sources, { config: defaultSiteConfig(), files: jobFiles(cwd) });
  return { ...result.files, ...reportFiles(result).files };
}

async function expectSameAsReference(cwd: string): Promise<void> {
  const r = await runCli(["convert", "jobs", "-o", "out"], cwd);
  const expected = await reference(cwd);
  const got = readTree(join(cwd, "out"));
  expect(Object.keys(got).sort()).toEqual(Object.keys(expected).sort());
  for (const [path, text] of Object.entries(expected)) expect(got[path], path).toBe(text);
  void r;
}

describe("streamed convert matches convert() (review)", () => {
  for (const total of [0, 24]) {
    it(`two jobs of one name in one file, different images (${total || "few"} files)`, async () => {
      const cwd = fleet({ "a-twins.nomad.hcl": web("twin", "nginx:1.27") + "\n" + web("twin", "caddy:2.8") }, total);
      await expectSameAsReference(cwd);
      expect(readFileSync(join(cwd, "out", "twin-a-twins", "main.tf"), "utf8")).toContain('image = "caddy:');
    }, 60_000);

    it(`two jobs of one name in one file, both given a second pass for Consul names (${total || "few"} files)`, async () => {
      const db = '        DB = "db.service.consul:8080"';
      const cwd = fleet({ "a-db.nomad.hcl": web("db"), "b-twins.nomad.hcl": web("twin", "nginx:1.27", db) + "\n" + web("twin", "caddy:2.8", db) }, total);
      await expectSameAsReference(cwd);
      expect(readFileSync(join(cwd, "out", "twin-b-twins", "main.tf"), "utf8")).toContain('image = "caddy:');
    }, 60_000);
  }
});

/** Jobs that tie a fleet together: clashing folders and names, failures, Consul lookups. */
function mixed(): Record<string, string> {
  const broken = `job "nodriver" {\n  group "g" {\n    task "t" {\n      config {\n        image = "x:1"\n      }\n    }\n  }\n}\n`;
  const rawExec = `job "legacy" {\n  group "g" {\n    task "t" {\n      driver = "raw_exec"\n      config {\n        command = "/usr/bin/systemctl"\n        args    = ["restart", "nginx"]\n      }\n    }\n  }\n}\n`;
  return {
    "a-api.nomad.hcl": web("api", "nginx:1.27", '        CACHE = "cache.service.consul:8080"\n        DB = "db.service.consul:8080"'),
    "b-API.nomad.hcl": web("API", "caddy:2.8"),
    "c-api.nomad.hcl": web("api", "httpd:2.4", '        CACHE = "cache.service.consul:8080"'),
    "d-cache.nomad.hcl": web("cache"),
    "e-db1.nomad.hcl": web("db"),
    "f-db2.nomad.hcl": web("db"),
    "g-broken.nomad.hcl": broken,
    "h-legacy.nomad.hcl": rawExec,
    "i-bad.nomad.hcl": 'job "bad" {\n  group {\n',
    "j-evil.nomad.hcl": web("../../evil") + web("/etc/passwd"),
    "k-nodriver-again.nomad.hcl": web("nodriver"),
  };
}

describe("streamed convert of a mixed fleet matches convert() (review)", () => {
  for (const total of [0, 23, 24]) {
    it(`${total || "few"} files: same files and report, nothing outside --out`, async () => {
      const cwd = fleet(mixed(), total);
      await expectSameAsReference(cwd);
      expect(readdirSync(cwd).sort()).toEqual(["jobs", "out"]);
      const report = readFileSync(join(cwd, "out", "migration-report.json"), "utf8");
      for (const code of ["N2K-JOB-007", "N2K-CONSUL-002", "i-bad.nomad.hcl", "\"skipped\": 1"]) expect(report, code).toContain(code);
    }, 60_000);
  }
});

describe("a worker thread that dies (review)", () => {
  // Issue 20: every file has a budget; one that exceeds it fails alone (it is never converted
  // on the main thread, whose memory is the whole run's).
  it("a job beyond a file's budget fails alone, named, and the run goes on", async () => {
    // ~3M tuples: several hundred MB while the job is evaluated, beyond a worker's 256 MB.
    const big = `locals {\n  big = length(setproduct(range(1024), range(1024), range(3)))\n}\n` + web("big", "nginx:1.27", '        N = "${local.big}"');
    const cwd = fleet({ "a-big.nomad.hcl": big }, 30);
    const r = await runCli(["convert", "jobs", "-o", "out"], cwd);
    expect(r.stderr).not.toContain("ERR_WORKER");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("30 jobs: 29 converted, 0 skipped, 1 failed");
    expect(r.stderr).toContain("failed jobs/a-big.nomad.hcl: converting it needed more than 256 MB of memory, the budget of one file (--job-memory)");
  }, 120_000);
});

describe("convertFleet when a conversion throws (a nomad2k8s bug) (review)", () => {
  it("rejects with that error and leaves no other rejection unhandled", async () => {
    const { convertFleet } = await import("../src/fleet/convert-fleet.js");
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => void unhandled.push(e);
    process.on("unhandledRejection", onUnhandled);
    try {
      // A worker's failed batch rejects every file in it, not only the one awaited first.
      const rejects: ((e: Error) => void)[] = [];
      const converter = { run: () => new Promise<never>((_, reject) => void rejects.push(reject)), close: async () => undefined };
      const fail = (e: Error) => rejects.forEach((r) => r(e));
      const read = (i: number) => ({ file: `f${i}.nomad.hcl`, text: "" });
      const run = convertFleet(4, read, converter, () => undefined);
      fail(new Error("boom"));
      await expect(run).rejects.toThrow("boom");
      await new Promise((r) => setTimeout(r, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });
});

describe("convert and diff of a 24-file fleet on disk (review)", () => {
  /** The mixed fleet without the unreadable file (which stops --prune). */
  function readable(): string {
    const files = mixed();
    delete files["i-bad.nomad.hcl"];
    return fleet(files, 24);
  }

  it("--dry-run --json writes nothing and prints the report convert() makes", async () => {
    const cwd = readable();
    const r = await runCli(["convert", "jobs", "-o", "out", "--dry-run", "--json"], cwd);
    expect(readdirSync(cwd)).toEqual(["jobs"]);
    expect(r.code).toBe(1); // two jobs fail
    expect(r.stdout).toBe((await reference(cwd))["migration-report.json"]);
    expect(r.stderr).toMatch(/\(dry run, nothing written\)\n$/);
  }, 60_000);

  it("an edited file of a job with a second pass is kept, a missing one recreated, a stale module pruned; --force then restores all", async () => {
    const cwd = readable();
    expect((await runCli(["convert", "jobs", "-o", "out"], cwd)).code).toBe(1);
    const expected = await reference(cwd);
    const out = join(cwd, "out");
    writeFileSync(join(out, "api", "main.tf"), expected["api/main.tf"] + "# mine\n");
    rmSync(join(out, "cache", "variables.tf"));
    cpSync(join(out, "filler-20"), join(out, "retired"), { recursive: true });

    const diff = await runCli(["diff", "jobs", "-o", "out"], cwd);
    expect(diff.code).toBe(2); // failed jobs win over changes
    expect(diff.stdout).toContain("# out/api/main.tf: hand-edited since generation");
    expect(diff.stdout).toContain("# out/cache/variables.tf: new file");
    expect(diff.stdout).toContain("# out/retired/main.tf: no longer produced (its job is gone)");

    const dry = await runCli(["convert", "jobs", "-o", "out", "--prune", "--dry-run"], cwd);
    expect(dry.stderr).toContain("would remove out/retired/main.tf: no longer produced");
    expect(readdirSync(out)).toContain("retired");
    expect(readdirSync(join(out, "cache"))).not.toContain("variables.tf");

    const again = await runCli(["convert", "jobs", "-o", "out", "--prune"], cwd);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("not overwritten out/api/main.tf: edited since it was generated; move your change into main_override.tf beside it (kept across runs), then --force regenerates it");
    expect(again.stderr).toContain("removed out/retired/: empty");
    expect(readFileSync(join(out, "api", "main.tf"), "utf8")).toBe(expected["api/main.tf"] + "# mine\n");
    expect(readFileSync(join(out, "cache", "variables.tf"), "utf8")).toBe(expected["cache/variables.tf"]);
    expect(readdirSync(out)).not.toContain("retired");

    await runCli(["convert", "jobs", "-o", "out", "--force"], cwd);
    const got = readTree(out);
    expect(Object.keys(got).sort()).toEqual(Object.keys(expected).sort());
    for (const [path, text] of Object.entries(expected)) expect(got[path], path).toBe(text);
  }, 120_000);

  it("diff: exit 0 when nothing changes, 1 when a job changes, showing only that job", async () => {
    const cwd = fleet({}, 24);
    expect((await runCli(["convert", "jobs", "-o", "out"], cwd)).code).toBe(0);
    const same = await runCli(["diff", "jobs", "-o", "out", "--report"], cwd);
    expect([same.code, same.stdout]).toEqual([0, `0 new, 0 changed, 0 hand-edited, 0 removed, ${Object.keys(readTree(join(cwd, "out"))).length} unchanged\n`]);
    writeFileSync(join(cwd, "jobs", "z-filler-07.nomad.hcl"), web("filler-7", "nginx:1.28"));
    const changed = await runCli(["diff", "jobs", "-o", "out"], cwd);
    expect(changed.code).toBe(1);
    expect(changed.stdout.match(/^# out\/[^:]+/gm)).toEqual(["# out/filler-7/variables.tf"]);
  }, 60_000);
});

describe("convert --from-nomad with a fleet of jobs (review)", () => {
  it("30 jobs from the API (worker threads) give convert()'s files and report", async () => {
    const ids = Array.from({ length: 30 }, (_, i) => (i === 3 ? "api" : i === 4 ? "API" : `svc-${i}`));
    const job = (id: string) => ({
      ID: id,
      Name: id,
      Type: "service",
      TaskGroups: [{ Name: "web", Count: 1, Networks: [{ Mode: "bridge", DynamicPorts: [{ Label: "http", To: 8080 }] }], Services: [{ Name: id, PortLabel: "http" }], Tasks: [{ Name: "web", Driver: "docker", Config: { image: `example/${id}:1.0`, ports: ["http"] }, Env: { PEER: "svc-7.service.consul:8080" } }] }],
    });
    const server = createServer((req, res) => {
      const url = new URL(req.url ?? "/", "http://x");
      const send = (body: unknown) => res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(body));
      if (url.pathname === "/v1/jobs") return send(ids.map((id) => ({ ID: id, Name: id, Type: "service", Status: "running", Namespace: "default", ParentID: "" })));
      const id = decodeURIComponent(url.pathname.replace("/v1/job/", ""));
      if (ids.includes(id)) return send({ ...job(id), Namespace: "default" });
      res.writeHead(404).end("job not found");
    });
    const addr = await new Promise<string>((resolve) => server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
    try {
      const cwd = scratch(false);
      const r = await runCli(["convert", "--from-nomad", addr, "-o", "out"], cwd);
      expect(r.stderr).toContain("30 jobs: 30 converted");
      const expected = await reference(cwd, { fromNomad: addr });
      const got = readTree(join(cwd, "out"));
      expect(Object.keys(got).sort()).toEqual(Object.keys(expected).sort());
      for (const [path, text] of Object.entries(expected)) expect(got[path], path).toBe(text);
      expect(got["migration-report.json"]).toContain("N2K-CONSUL-002");
    } finally {
      server.close();
    }
  }, 60_000);
});

describe("diff below and at the worker threshold (review)", () => {
  it("prints the same for 23 and 24 files but the 24th file's job", async () => {
    const runs = [];
    for (const total of [23, 24]) {
      const cwd = fleet(mixed(), total);
      runs.push(await runCli(["diff", "jobs", "-o", "out", "--report"], cwd));
    }
    const [few, many] = runs;
    expect([few.code, many.code]).toEqual([2, 2]);
    expect(many.stderr).toBe(few.stderr);
    const sections = (s: string) => s.split(/^(?=# out\/)/m);
    const extra = sections(many.stdout).filter((p) => !sections(few.stdout).includes(p));
    // The 24th job's four files, the fleet's root module that calls it, the two report files and the summary line differ; nothing else.
    expect(extra.map((p) => p.split(":")[0]).sort()).toEqual(["# out/MIGRATION_REPORT.md", "# out/filler-23/main.tf", "# out/filler-23/outputs.tf", "# out/filler-23/variables.tf", "# out/filler-23/versions.tf", "# out/fleet/main.tf", "# out/migration-report.json"]);
  }, 60_000);
});

describe("an input file that goes away while the fleet is converted (review)", () => {
  it("fails alone, named, and the run goes on", async () => {
    // Files are read as the stream reaches them, long after they were found: one removed by
    // then (a checkout, an editor's rename) is a failed input, not an internal error.
    const cwd = fleet({}, 200);
    const gone = join(cwd, "jobs", "z-filler-99.nomad.hcl");
    const run = runCli(["convert", "jobs", "-o", "out"], cwd);
    while (!existsSync(join(cwd, "out", "filler-0"))) await new Promise((r) => setImmediate(r));
    rmSync(gone);
    const r = await run;
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("failed jobs/z-filler-99.nomad.hcl: could not be read");
    expect(r.stderr).toContain("200 jobs: 199 converted, 0 skipped, 1 failed");
    expect(readFileSync(join(cwd, "out", "migration-report.json"), "utf8")).toContain('"file": "jobs/z-filler-99.nomad.hcl"');
  }, 60_000);
});

describe("terminal lines of a streamed fleet (review)", () => {
  it("each converted job's line counts the warnings of its final pass, as its report entry does", async () => {
    const cwd = fleet(mixed(), 24);
    const r = await runCli(["convert", "jobs", "-o", "out", "--json"], cwd);
    const report = JSON.parse(r.stdout) as { jobs: { job: string; file: string; status: string; module: string; warnings: unknown[]; manual: unknown[] }[] };
    const lines = r.stderr.split("\n").filter((l) => l.startsWith("converted job "));
    const want = report.jobs.filter((j) => j.status === "converted").map((j) => `converted job "${j.job}" (${j.file}) → out/${j.module}/ (pattern A; ${j.warnings.length} warnings, ${j.manual.length} manual steps)`);
    expect(lines).toEqual(want);
    // Its second pass rewrote CACHE (one manual step fewer); DB has two providers and stays manual.
    expect(report.jobs.find((j) => j.file === "jobs/a-api.nomad.hcl")!.manual.length).toBe(1);
  }, 60_000);
});

describe("a job file that goes away before its second pass (review)", () => {
  it("keeps the job's first pass and the run goes on", async () => {
    const cwd = fleet({ "a-api.nomad.hcl": web("api", "nginx:1.27", '        CACHE = "cache.service.consul:8080"'), "b-cache.nomad.hcl": web("cache") }, 200);
    const run = runCli(["convert", "jobs", "-o", "out"], cwd);
    while (!existsSync(join(cwd, "out", "api"))) await new Promise((r) => setImmediate(r));
    rmSync(join(cwd, "jobs", "a-api.nomad.hcl"));
    const r = await run;
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("200 jobs: 200 converted");
    expect(readFileSync(join(cwd, "out", "api", "main.tf"), "utf8")).toContain('value = "cache.service.consul:8080"');
  }, 60_000);
});

describe("the report spool when the run stops early (review)", () => {
  it("a usage error leaves no spool folder behind", async () => {
    const cwd = fleet({}, 2);
    // A temp folder of this test's own: the spool goes to os.tmpdir(), which follows TMPDIR.
    const tmp = join(cwd, "tmp");
    mkdirSync(tmp);
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    try {
      expect(tmpdir()).toBe(tmp);
      const r = await runCli(["convert", "jobs", "-o", "out", "--var", "novalue"], cwd);
      expect(r.code).toBe(2);
      const d = await runCli(["diff", "jobs", "-o", "out", "--report", "--var", "novalue"], cwd);
      expect(d.code).toBe(2);
      expect(readdirSync(tmp)).toEqual([]);
      expect((await runCli(["convert", "jobs", "-o", "out"], cwd)).code).toBe(0);
      expect(readdirSync(tmp)).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
  });
});

describe("report files larger than a read chunk (review)", () => {
  it("a large report is left alone when the same, kept when edited near its end, updated when only ours changed", async () => {
    const { OutputWriter } = await import("../src/io/output-writer.js");
    const { withMarkdownHeader } = await import("../src/render/header.js");
    const out = join(scratch(false), "out");
    // Multi-byte characters straddle the 64 KiB chunks the writer reads.
    const body = (tag: string) => Array.from({ length: 20_000 }, (_, i) => `| job-${i} | é → ü ${tag} |\n`).join("");
    const emit = (text: string) => (write: (c: string) => void) => {
      for (let i = 0; i < text.length; i += 1000) write(text.slice(i, i + 1000));
    };
    const write = (tag: string, force = false) => new OutputWriter(out, { force, dryRun: false }).writeStream("MIGRATION_REPORT.md", emit(body(tag)), true);
    expect(write("a").action).toBe("create");
    const file = join(out, "MIGRATION_REPORT.md");
    expect(readFileSync(file, "utf8")).toBe(withMarkdownHeader(body("a")));
    expect(readFileSync(file).length).toBeGreaterThan(5 * 65536);
    expect(write("a").action).toBe("unchanged");
    expect(write("b")).toEqual({ path: "MIGRATION_REPORT.md", action: "update", state: "generated" });
    expect(readFileSync(file, "utf8")).toBe(withMarkdownHeader(body("b")));
    const edited = readFileSync(file, "utf8").replace(/ü b \|\n$/, "ü mine |\n");
    writeFileSync(file, edited);
    expect(write("c")).toEqual({ path: "MIGRATION_REPORT.md", action: "blocked", state: "edited" });
    expect(readFileSync(file, "utf8")).toBe(edited);
    expect(write("c", true).action).toBe("update");
    expect(readFileSync(file, "utf8")).toBe(withMarkdownHeader(body("c")));
  });
});

describe("a job that fails its checks, then a job of the same name (review)", () => {
  for (const total of [0, 24]) {
    it(`the later job goes where convert() puts it (${total || "few"} files)`, async () => {
      // An env value that reads like a leaked JavaScript value fails the job in its file checks.
      const odd = '        ODD = "[object Object]"';
      const cwd = fleet({ "a-x.nomad.hcl": web("x", "nginx:1.27", odd), "b-x.nomad.hcl": web("x"), "c-y.nomad.hcl": web("y", "nginx:1.27", `${odd}\n        Z = "z.service.consul:8080"`), "d-z.nomad.hcl": web("z") }, total);
      await expectSameAsReference(cwd);
      expect(readFileSync(join(cwd, "out", "migration-report.json"), "utf8")).toContain("N2K-SELF-003");
    }, 60_000);
  }
});
