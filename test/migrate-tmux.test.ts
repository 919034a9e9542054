import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { scratch } from "./cli-helpers.js";
import { ROOT } from "./helpers.js";

// migrate as a user runs it: the built command (npm test builds dist/ first) in a real terminal
// of 80×24 under tmux, keys typed with send-keys and the screen read with capture-pane.

// A machine without tmux skips these (the same flows run without a terminal in migrate.test.ts).
const HAS_TMUX = (() => {
  try {
    execFileSync("tmux", ["-V"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();
// Generous: on a loaded machine each prompt can take seconds to draw.
const SLOW = 120_000;

const SOCKET = `n2k-test-${process.pid}`;
const tmux = (...args: string[]) => execFileSync("tmux", ["-L", SOCKET, ...args], { encoding: "utf8" });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

afterEach(() => {
  try {
    tmux("kill-server");
  } catch {
    // no server left: the session ended
  }
});

/** Starts migrate in a detached 80×24 tmux session; the shell prints its exit code at the end. */
function start(dir: string, args: string): string {
  const session = `m${Math.random().toString(36).slice(2, 8)}`;
  const cmd = `cd '${dir}' && NO_COLOR=1 node '${join(ROOT, "bin", "nomad2k8s.js")}' migrate ${args}; echo "EXIT=$?"; sleep 60`;
  tmux("new-session", "-d", "-s", session, "-x", "80", "-y", "24", cmd);
  return session;
}

const screen = (s: string) => tmux("capture-pane", "-p", "-t", s);
const scrollback = (s: string) => tmux("capture-pane", "-p", "-J", "-S", "-2000", "-t", s);

/** Waits until the visible screen's last question is `text`, then types `keys` (tmux key names). */
async function answer(s: string, text: string, ...keys: string[]): Promise<void> {
  const until = Date.now() + 45_000;
  for (;;) {
    const shown = screen(s).trimEnd().split("\n");
    const asking = shown.filter((l) => l.startsWith("? ")).pop() ?? "";
    if (asking.includes(text)) break;
    if (Date.now() > until) throw new Error(`the screen never asked "${text}":\n${shown.join("\n")}`);
    await sleep(100);
  }
  for (const k of keys) {
    tmux("send-keys", "-t", s, k);
    await sleep(150);
  }
}

async function exitCode(s: string): Promise<number> {
  const until = Date.now() + 45_000;
  for (;;) {
    const m = /^EXIT=(\d+)$/m.exec(scrollback(s));
    if (m) return Number(m[1]);
    if (Date.now() > until) throw new Error(`migrate did not end:\n${scrollback(s)}`);
    await sleep(100);
  }
}

function shopFolder(): string {
  const dir = scratch(false);
  mkdirSync(join(dir, "jobs"));
  // Three groups: web and api route a host each, worker keeps a host volume (pattern C).
  cpSync(join(ROOT, "test", "iterate", "shop.nomad.hcl"), join(dir, "jobs", "shop.nomad.hcl"));
  return dir;
}

describe.skipIf(!HAS_TMUX)("migrate in a terminal of 80×24 (tmux)", () => {
  it("asks pattern, tier and hostname per group of a three-group job and saves the answers per group", async () => {
    const dir = shopFolder();
    const s = start(dir, "shop -i jobs");
    await answer(s, "Accept the inferred settings?");
    // The summary and the question fit the first screen.
    const first = screen(s);
    expect(first).toContain('Job "shop" (jobs/shop.nomad.hcl:1) → modules-k8s/shop/');
    expect(first).toContain("group worker: pattern C");
    await answer(s, "Accept the inferred settings?", "n", "Enter");
    await answer(s, "Pattern of group web", "Enter");
    await answer(s, "Resource tier of group web (task nginx)", "Down", "Down", "Down", "Enter");
    await answer(s, "Hostname of group web (shop.example.org)", "Enter");
    await answer(s, "Pattern of group api", "Enter");
    await answer(s, "Resource tier of group api (task api)", "Enter");
    await answer(s, "Hostname of group api (api.example.org)", "shop-api.example.net", "Enter");
    await answer(s, "Pattern of group worker", "Enter");
    await answer(s, "Resource tier of group worker (task worker)", "Down", "Enter");
    // worker routes no host: no hostname question for it.
    await answer(s, "Namespace", "apps", "Enter");
    await answer(s, "Write 4 file(s) to modules-k8s/shop/ and update the report and fleet/?", "Enter");
    await answer(s, "Save these answers in nomad2k8s.config.json", "Enter");
    expect(await exitCode(s)).toBe(0);
    const all = scrollback(s);
    expect(all).not.toContain("Hostname of group worker");
    expect(all).toContain("# modules-k8s/fleet/main.tf: new file");

    const config = JSON.parse(readFileSync(join(dir, "nomad2k8s.config.json"), "utf8"));
    expect(config.jobs.shop).toEqual({
      groups: { web: { tier: "heavy" }, api: { hostname: "shop-api.example.net" }, worker: { tier: "light" } },
      namespace: "apps",
    });
    const main = readFileSync(join(dir, "modules-k8s", "shop", "main.tf"), "utf8");
    expect(main).toContain('host = "shop-api.example.net"');
    expect(main).toContain('requests = { cpu = "50m", memory = "64Mi" }');
    expect(readFileSync(join(dir, "modules-k8s", "shop", "variables.tf"), "utf8")).toMatch(/default += "shop.example.org"/);
    expect(existsSync(join(dir, "modules-k8s", "fleet", "main.tf"))).toBe(true);
  }, SLOW);

  it("exits 130 on Ctrl-C, even at the last question, with nothing written", async () => {
    const dir = shopFolder();
    const s = start(dir, "shop -i jobs");
    await answer(s, "Accept the inferred settings?", "n", "Enter");
    for (const q of ["Pattern of group web", "Resource tier of group web", "Hostname of group web", "Pattern of group api", "Resource tier of group api", "Hostname of group api", "Pattern of group worker"]) await answer(s, q, "Enter");
    await answer(s, "Resource tier of group worker", "Down", "Enter");
    await answer(s, "Namespace", "Enter");
    await answer(s, "Write 4 file(s)", "Enter");
    await answer(s, "Save these answers", "C-c");
    expect(await exitCode(s)).toBe(130);
    expect(scrollback(s)).toContain("Cancelled: nothing written.");
    expect(existsSync(join(dir, "modules-k8s"))).toBe(false);
    expect(existsSync(join(dir, "nomad2k8s.config.json"))).toBe(false);
  }, SLOW);
});
