import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough, Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { run } from "../src/cli/index.js";
import type { CliIO } from "../src/cli/io.js";
import { runCli, scratch } from "./cli-helpers.js";
import { ROOT } from "./helpers.js";

const DOWN = "\x1b[B";

/**
 * A scripted terminal for the real prompts: each step waits until the screen shows its
 * question, then types its keys (like `expect` on a pseudo-terminal).
 */
async function migrate(args: string[], cwd: string, steps: [question: string, keys: string][]) {
  const input = new PassThrough();
  let screen = "";
  let seen = 0;
  let stderr = "";
  const pending = [...steps];
  const output = new Writable({
    write(chunk, _enc, done) {
      screen += chunk.toString();
      const next = pending[0];
      if (next) {
        const at = screen.indexOf(next[0], seen);
        if (at >= 0) {
          pending.shift();
          seen = at + next[0].length;
          setTimeout(() => input.write(next[1]), 50);
        }
      }
      done();
    },
  });
  // Like a real terminal, this output is never ended by a prompt finishing.
  output.end = () => output;
  const io: CliIO = { stdout: () => undefined, stderr: (s) => void (stderr += s), isTTY: false, env: {}, cwd, terminal: { input, output } };
  const code = await run(["migrate", ...args], io);
  return { code, stderr, screen, unanswered: pending.map((p) => p[0]) };
}

describe("nomad2k8s migrate", () => {
  it("accepts the inferred answers, previews the diff and writes after confirmation", async () => {
    const dir = scratch();
    const r = await migrate(["searxng"], dir, [
      ["Accept the inferred settings?", "\r"],
      ["Write 4 file(s) to modules-k8s/searxng/ and update the report and fleet/?", "\r"],
    ]);
    expect(r.unanswered).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("group searxng: pattern A, ");
    expect(r.stderr).toContain("# modules-k8s/searxng/main.tf: new file");
    expect(r.stderr).toContain("wrote 4 file(s) to modules-k8s/searxng/");
    expect(r.stderr).toContain('updated job "searxng" in modules-k8s/MIGRATION_REPORT.md and modules-k8s/migration-report.json');
    // The fleet's root module is written too, so the preview shows it.
    expect(r.stderr).toContain("# modules-k8s/fleet/main.tf: new file");
    expect(r.stderr).toContain("updated the fleet's root module in modules-k8s/fleet/");
    expect(existsSync(join(dir, "modules-k8s", "searxng", "main.tf"))).toBe(true);
  });

  it("takes overrides, writes them into the module and saves them in the site config", async () => {
    const dir = scratch();
    const r = await migrate(["nomad-jobs/searxng.nomad.hcl"], dir, [
      ["Accept the inferred settings?", "n\r"],
      ["Pattern", "\r"],
      ["Resource tier", `${DOWN}${DOWN}${DOWN}\r`],
      ["Hostname", "find.example.net\r"],
      ["Namespace", "apps\r"],
      ["Write 4 file(s)", "y\r"],
      ["Save these answers", "\r"],
    ]);
    expect(r.unanswered).toEqual([]);
    expect(r.code).toBe(0);
    const main = readFileSync(join(dir, "modules-k8s", "searxng", "main.tf"), "utf8");
    expect(main).toContain('requests = { cpu = "500m", memory = "1Gi" }');
    const vars = readFileSync(join(dir, "modules-k8s", "searxng", "variables.tf"), "utf8");
    expect(vars).toContain('default     = "find.example.net"');
    expect(vars).toContain('default     = "apps"');
    const config = JSON.parse(readFileSync(join(dir, "nomad2k8s.config.json"), "utf8"));
    expect(config.jobs.searxng).toEqual({ groups: { searxng: { tier: "heavy", hostname: "find.example.net" } }, namespace: "apps" });
    // The next bulk convert reproduces the answers.
    const again = await runCli(["diff", "nomad-jobs/searxng.nomad.hcl"], dir);
    expect(again.stdout).toContain("0 new, 0 changed, 0 hand-edited, 0 removed, 7 unchanged");
    expect(again.code).toBe(0);
  });

  it("writes nothing when the user declines", async () => {
    const dir = scratch();
    const r = await migrate(["gitea"], dir, [
      ["Accept the inferred settings?", "\r"],
      ["Write", "n\r"],
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Cancelled: nothing written.");
    expect(existsSync(join(dir, "modules-k8s"))).toBe(false);
  });

  it("stops instead of hanging without a terminal, and --yes needs none", async () => {
    const dir = scratch();
    const r = await runCli(["migrate", "ollama"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("pass --yes");
    const yes = await runCli(["migrate", "ollama", "--yes"], dir);
    expect(yes.code).toBe(0);
    expect(readFileSync(join(dir, "modules-k8s", "ollama", "main.tf"), "utf8")).toContain('"nvidia.com/gpu" = "1"');
    expect((await runCli(["migrate", "nope", "--yes"], dir)).stderr).toContain('no job named "nope" in nomad-jobs');
  });
});

describe("migrate overrides for GPU jobs", () => {
  it("moves a constrained GPU job to another node when asked", async () => {
    const dir = scratch();
    const r = await migrate(["ollama"], dir, [
      ["Accept the inferred settings?", "n\r"],
      ["Pattern", "\r"],
      ["Resource tier", "\r"],
      ["Namespace", "\r"],
      ["GPU node", "Athena\r"],
      ["Write", "\r"],
      ["Save these answers", "n\r"],
    ]);
    expect(r.unanswered).toEqual([]);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, "modules-k8s", "ollama", "main.tf"), "utf8")).toMatch(/node_selector += \{ "kubernetes.io\/hostname" = "athena" \}/);
    expect(existsSync(join(dir, "nomad2k8s.config.json"))).toBe(false);
  });
});

/** An invented job with five groups, each carrying attributes Kubernetes has no use for. */
function fiveGroupJob(): string {
  const group = (g: string, i: number) => `  group "${g}" {
    count = 2
    restart {
      attempts = 3
      delay    = "15s"
    }
    reschedule {
      delay = "30s"
    }
    network {
      port "http" {
        to = ${8000 + i}
      }
    }
    service {
      name = "shop-${g}"
      port = "http"
      tags = ["traefik.enable=true", "traefik.http.routers.shop-${g}.rule=Host(\`${g}.shop.example.com\`)"]
      check {
        type     = "http"
        path     = "/health"
        interval = "10s"
        timeout  = "2s"
      }
    }
    task "${g}" {
      driver = "docker"
      config {
        image = "example/shop-${g}:1.${i}"
        ports = ["http"]
      }
      logs {
        max_files = 3
      }
      resources {
        cpu    = ${100 * (i + 1)}
        memory = ${128 * (i + 1)}
      }
    }
  }
`;
  return `job "shop" {\n  datacenters = ["dc1"]\n  update {\n    max_parallel = 1\n  }\n${["web", "api", "worker", "cache", "metrics"].map(group).join("")}}\n`;
}

describe("migrate summary", () => {
  it("fits a five-group job and its first question on an 80×24 screen, the full list on request", async () => {
    const dir = scratch();
    writeFileSync(join(dir, "nomad-jobs", "shop.nomad.hcl"), fiveGroupJob());
    const r = await migrate(["shop"], dir, [
      ["Accept the inferred settings?", "d\r"],
      ["Accept the inferred settings?", "\r"],
      ["Write", "n\r"],
    ]);
    expect(r.unanswered).toEqual([]);
    const before = r.stderr.slice(0, r.stderr.indexOf("## shop — converted"));
    const summary = before.trimEnd().split("\n");
    // The question and its three answers take four rows.
    expect(summary.length + 4).toBeLessThanOrEqual(24);
    for (const line of summary) expect(line.length, line).toBeLessThan(80);
    expect(summary[0]).toBe('Job "shop" (nomad-jobs/shop.nomad.hcl:1) → modules-k8s/shop/');
    expect(summary).toContain("  group metrics: pattern A, no persistent volumes, SQLite or GPU found");
    expect(before).toMatch(/^Tiers: shop-web\/web \w+ 100m\/128Mi, /m);
    expect(before).toMatch(/^Hosts: web.shop.example.com, /m);
    expect(summary[summary.length - 1]).toMatch(/^0 errors, \d+ warnings?, 0 manual steps, \d+ notes? on what is left out, \d+ changed$/);
    expect(before).not.toContain("N2K-IGNORED");
    // "d" printed the whole section, then asked again.
    expect(r.stderr).toContain("`N2K-IGNORED` `job.shop.group.metrics.reschedule`");
    expect(r.screen).toContain("d) Show the full report first");
  });
});

describe("migrate and the migration report", () => {
  it("replaces the job's entry in the report a bulk convert wrote, keeping the others", async () => {
    const dir = scratch();
    expect((await runCli(["convert"], dir)).code).toBe(0);
    const jsonFile = join(dir, "modules-k8s", "migration-report.json");
    const bulk = JSON.parse(readFileSync(jsonFile, "utf8"));
    const r = await migrate(["searxng"], dir, [
      ["Accept the inferred settings?", "n\r"],
      ["Pattern", "\r"],
      ["Resource tier", `${DOWN}${DOWN}${DOWN}\r`],
      ["Hostname", "\r"],
      ["Namespace", "\r"],
      ["Write 1 file(s) to modules-k8s/searxng/ and update the report?", "\r"],
      ["Save these answers", "n\r"],
    ]);
    expect(r.unanswered).toEqual([]);
    expect(r.code).toBe(0);
    const after = JSON.parse(readFileSync(jsonFile, "utf8"));
    expect(after.jobs.map((j: { job: string }) => j.job)).toEqual(bulk.jobs.map((j: { job: string }) => j.job));
    const searxng = after.jobs.find((j: { job: string }) => j.job === "searxng");
    expect(searxng.resources[0].tier).toBe("heavy");
    expect(after.jobs.filter((j: { job: string }) => j.job !== "searxng")).toEqual(bulk.jobs.filter((j: { job: string }) => j.job !== "searxng"));
    expect(after.summary).toEqual(bulk.summary);
    const md = readFileSync(join(dir, "modules-k8s", "MIGRATION_REPORT.md"), "utf8");
    expect(md).toMatch(/\| searxng\/searxng \| [^|]+ \| heavy \|/);
    expect(md).toContain("## vaultwarden — converted");
    // The report is still one nomad2k8s wrote: a later convert may overwrite it.
    expect((await runCli(["diff", "--report", "--stat"], dir)).stdout).toContain("0 hand-edited");
  });

  it("one migrate per job leaves the same report as one bulk convert", async () => {
    const bulkDir = scratch();
    await runCli(["convert"], bulkDir);
    const dir = scratch();
    for (const job of ["vaultwarden", "searxng", "gitea", "restic-backup", "ollama", "node-exporter", "nginx-sites"]) {
      expect((await runCli(["migrate", job, "--yes"], dir)).code).toBe(0);
    }
    for (const f of ["migration-report.json", "MIGRATION_REPORT.md"]) {
      expect(readFileSync(join(dir, "modules-k8s", f), "utf8"), f).toBe(readFileSync(join(bulkDir, "modules-k8s", f), "utf8"));
    }
  });

  it("does not overwrite a report edited by hand", async () => {
    const dir = scratch();
    await runCli(["convert"], dir);
    const md = join(dir, "modules-k8s", "MIGRATION_REPORT.md");
    writeFileSync(md, readFileSync(md, "utf8") + "\nOur notes.\n");
    const r = await runCli(["migrate", "searxng", "--yes"], dir);
    expect(r.stderr).toContain("modules-k8s/MIGRATION_REPORT.md will not be overwritten: edited since it was generated; use --force to overwrite");
    expect(r.code).toBe(1);
    expect(readFileSync(md, "utf8")).toContain("Our notes.");
  });
});

describe("migrate a job that two files define", () => {
  it("asks which file instead of picking one, and --yes refuses to guess", async () => {
    const dir = scratch();
    const copy = readFileSync(join(dir, "nomad-jobs", "searxng.nomad.hcl"), "utf8").replace(/image\s*=\s*"[^"]+"/, 'image = "searxng/searxng:2099.1.1"');
    writeFileSync(join(dir, "nomad-jobs", "zz-searxng-copy.nomad.hcl"), copy);
    const r = await migrate(["searxng"], dir, [
      ['Job "searxng" is defined in 2 files in nomad-jobs: which one?', `${DOWN}\r`],
      ["Accept the inferred settings?", "\r"],
      ["Write", "n\r"],
    ]);
    expect(r.unanswered).toEqual([]);
    expect(r.screen).toContain("nomad-jobs/searxng.nomad.hcl:10");
    expect(r.stderr).toMatch(/^Job "searxng" \(nomad-jobs\/zz-searxng-copy.nomad.hcl:\d+\)/m);
    const yes = await runCli(["migrate", "searxng", "--yes"], dir);
    expect(yes.code).toBe(2);
    expect(yes.stderr).toContain('job "searxng" is defined in 2 files (nomad-jobs/searxng.nomad.hcl:10, nomad-jobs/zz-searxng-copy.nomad.hcl:10); name the file');
    expect(existsSync(join(dir, "modules-k8s"))).toBe(false);
  });
});

describe("migrate a qemu job", () => {
  it("does not ask a pattern the site config cannot set (a VM follows from its driver)", async () => {
    const dir = scratch();
    writeFileSync(join(dir, "nomad-jobs", "haos.nomad.hcl"), readFileSync(join(ROOT, "test", "golden", "qemu-vm", "input.nomad.hcl"), "utf8"));
    const r = await migrate(["nomad-jobs/haos.nomad.hcl"], dir, [
      ["Accept the inferred settings?", "n\r"],
      ["Resource tier (the main container)", "\r"],
      ["Hostname", "\r"],
      ["Namespace", "\r"],
      ["Write", "n\r"],
    ]);
    expect(r.unanswered).toEqual([]);
    expect(r.screen).not.toContain("Pattern");
    expect(r.code).toBe(1);
  });
});
