import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough, Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { run } from "../src/cli/index.js";
import type { CliIO } from "../src/cli/io.js";
import { runCli, scratch } from "./cli-helpers.js";

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
      ["Write 4 file(s) to modules-k8s/searxng/?", "\r"],
    ]);
    expect(r.unanswered).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("pattern **A**");
    expect(r.stderr).toContain("# modules-k8s/searxng/main.tf: new file");
    expect(r.stderr).toContain("wrote 4 file(s) to modules-k8s/searxng/");
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
    expect(config.jobs.searxng).toEqual({ tier: "heavy", hostname: "find.example.net", namespace: "apps" });
    // The next bulk convert reproduces the answers.
    const again = await runCli(["diff", "nomad-jobs/searxng.nomad.hcl"], dir);
    expect(again.stdout).toContain("0 new, 0 changed, 0 hand-edited, 0 removed, 4 unchanged");
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
    expect(readFileSync(join(dir, "modules-k8s", "ollama", "main.tf"), "utf8")).toContain('node_selector = { "kubernetes.io/hostname" = "athena" }');
    expect(existsSync(join(dir, "nomad2k8s.config.json"))).toBe(false);
  });
});
