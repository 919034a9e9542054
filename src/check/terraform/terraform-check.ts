import { execFile, spawn, type ChildProcess } from "node:child_process";
import { accessSync, constants, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseHcl } from "../../nomad/hcl-parser.js";
import { TERRAFORM_RESERVED } from "../../nomad/scope.js";
import { PLUGIN_COOKIE } from "./plugin-cookie.js";

// Terraform itself judges the modules, offline: the provider stand-in (provider-stand-in.ts)
// runs once per provider and Terraform is reattached to it; a CLI config in a temp folder
// points installation at an empty filesystem mirror, so nothing is ever downloaded. Modules are copied into that folder
// (Terraform writes .terraform/ and a lock file where it runs) and called from one root
// module per batch, with placeholder values for the inputs they require, so one
// `init` + `validate` + `plan` checks a whole batch; a batch that fails is run again module by
// module to name the culprit.

export interface TerraformProblem {
  /** The module folder, as given. */
  module: string;
  /** `init`, `validate` or `plan`: the step that refused it. */
  step: string;
  message: string;
}

export interface TerraformCheck {
  /** Why Terraform did not run (no binary on PATH). */
  skipped?: string;
  modules: number;
  problems: TerraformProblem[];
}

// The compiled stand-in, also when this file runs from its TypeScript source (the tests).
const STAND_IN = fileURLToPath(import.meta.url.replace(/\/src\/check\/terraform\/terraform-check\.ts$/, "/dist/check/terraform/terraform-check.js").replace(/terraform-check\.js$/, "provider-stand-in.js"));

/** The terraform binary on PATH, or undefined. */
export function findTerraform(path = process.env.PATH ?? ""): string | undefined {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    const bin = join(dir, "terraform");
    try {
      accessSync(bin, constants.X_OK);
      return bin;
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * Runs terraform over modules (folder → its .tf files by name), at most `parallel` batches at
 * once. `plan` also evaluates every expression with placeholder inputs.
 */
export async function terraformCheck(modules: Record<string, Record<string, string>>, opts: { plan?: boolean; parallel?: number; terraform?: string } = {}): Promise<TerraformCheck> {
  const names = Object.keys(modules).sort();
  const terraform = opts.terraform ?? findTerraform();
  if (!terraform) return { skipped: "terraform is not on PATH", modules: names.length, problems: [] };
  if (!names.length) return { modules: 0, problems: [] };
  const home = mkdtempSync(join(tmpdir(), "n2k-terraform-"));
  let standIns: { reattach: string; stop: () => void } | undefined;
  try {
    standIns = await startStandIns();
    const env = terraformEnv(home, standIns.reattach);
    const parallel = Math.max(1, Math.min(opts.parallel ?? 2, names.length));
    const batches: string[][] = Array.from({ length: parallel }, () => []);
    names.forEach((n, i) => batches[i % parallel].push(n));
    const problems: TerraformProblem[] = [];
    await Promise.all(
      batches.map(async (batch, b) => {
        const found = await runBatch(terraform, env, join(home, `batch-${b}`), batch, modules, !!opts.plan);
        if (!found.length || batch.length === 1) return void problems.push(...found);
        // One module's error can hide the others' (init stops at the first): each alone.
        for (const [i, m] of batch.entries()) problems.push(...(await runBatch(terraform, env, join(home, `batch-${b}-${i}`), [m], modules, !!opts.plan)));
      }),
    );
    return { modules: names.length, problems: problems.sort((a, b) => (a.module < b.module ? -1 : a.module > b.module ? 1 : 0)) };
  } finally {
    standIns?.stop();
    rmSync(home, { recursive: true, force: true });
  }
}

const PROVIDERS = { kubernetes: "registry.terraform.io/hashicorp/kubernetes", kubectl: "registry.terraform.io/alekc/kubectl" };

/**
 * Starts the stand-in for each provider and hands Terraform their addresses through
 * TF_REATTACH_PROVIDERS. Launched by Terraform instead (dev_overrides), go-plugin would speak
 * mutual TLS with a certificate the plugin must mint, which Node cannot do without another
 * package; reattached, the connection is plain gRPC on the loopback address.
 */
async function startStandIns(): Promise<{ reattach: string; stop: () => void }> {
  const procs: ChildProcess[] = [];
  const stop = () => procs.forEach((p) => p.kill());
  try {
    const entries = await Promise.all(
      Object.entries(PROVIDERS).map(async ([name, address]) => {
        const p = spawn(process.execPath, [STAND_IN, name], { env: { ...process.env, [PLUGIN_COOKIE.key]: PLUGIN_COOKIE.value }, stdio: ["ignore", "pipe", "pipe"] });
        procs.push(p);
        const line = await handshake(p);
        const [, , network, addr] = line.split("|");
        return [address, { Protocol: "grpc", ProtocolVersion: 5, Pid: p.pid, Test: true, Addr: { Network: network, String: addr } }] as const;
      }),
    );
    return { reattach: JSON.stringify(Object.fromEntries(entries)), stop };
  } catch (err) {
    stop();
    throw err;
  }
}

/** The go-plugin handshake line the stand-in prints once it listens. */
function handshake(p: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    const timer = setTimeout(() => reject(new Error(`the provider stand-in did not start: ${err.trim()}`)), 30_000);
    p.stderr!.on("data", (d: Buffer) => (err += String(d)));
    p.stdout!.on("data", (d: Buffer) => {
      out += String(d);
      const line = out.split("\n")[0];
      if (out.includes("\n")) {
        clearTimeout(timer);
        if (/^1\|5\|tcp\|[^|]+\|grpc$/.test(line.trim())) resolve(line.trim());
        else reject(new Error(`the provider stand-in answered "${line}"`));
      }
    });
    p.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the provider stand-in exited (${code}): ${err.trim()}`));
    });
  });
}

/** Environment with a CLI config that installs nothing (an empty mirror) and the reattached providers. */
function terraformEnv(home: string, reattach: string): NodeJS.ProcessEnv {
  const mirror = join(home, "empty-mirror");
  mkdirSync(mirror);
  const config = join(home, "terraform.rc");
  writeFileSync(config, `provider_installation {\n  filesystem_mirror {\n    path = ${JSON.stringify(mirror)}\n  }\n}\n`);
  const env: NodeJS.ProcessEnv = { ...process.env, TF_CLI_CONFIG_FILE: config, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", TF_INPUT: "0" };
  for (const k of Object.keys(env)) if (/^TF_(VAR_|CLI_ARGS|DATA_DIR|PLUGIN_CACHE_DIR|WORKSPACE|LOG)/.test(k)) delete env[k];
  env.TF_REATTACH_PROVIDERS = reattach;
  return env;
}

async function runBatch(terraform: string, env: NodeJS.ProcessEnv, root: string, batch: string[], modules: Record<string, Record<string, string>>, plan: boolean): Promise<TerraformProblem[]> {
  mkdirSync(root, { recursive: true });
  const calls: string[] = [];
  for (const [i, name] of batch.entries()) {
    // Each in a folder of its own, beside the sibling modules it calls as "../x" (the fleet's root module).
    const dir = join(root, `m${i}`, "module");
    mkdirSync(dir, { recursive: true });
    for (const [file, text] of Object.entries(modules[name])) writeFileSync(join(dir, file), text);
    for (const sibling of siblingsCalled(modules[name])) {
      const files = modules[join(dirname(name), sibling)];
      if (!files) continue;
      mkdirSync(join(root, `m${i}`, sibling));
      for (const [file, text] of Object.entries(files)) writeFileSync(join(root, `m${i}`, sibling, file), text);
    }
    const inputs = await requiredInputs(modules[name]);
    calls.push(`module "m${i}" {\n  source = "./m${i}/module"\n${Object.entries(inputs).map(([k, v]) => `  ${k} = ${v}\n`).join("")}}\n`);
  }
  writeFileSync(join(root, "main.tf"), calls.join("\n"));
  const owner = (text: string) => {
    const m = /\bm(\d+)\//.exec(text) ?? /module\.m(\d+)\b/.exec(text);
    return m ? batch[Number(m[1])] : batch.length === 1 ? batch[0] : batch.join(", ");
  };
  const refused = (step: string, out: string | string[]): TerraformProblem[] => (typeof out === "string" ? errorsOf(out) : out).map((e) => ({ module: owner(e), step, message: e.replace(/\bm\d+\/(module\/)?/g, "").replace(/module\.m\d+\./g, "") }));
  // The mirror is empty on purpose: nothing is downloaded; the reattached stand-ins are not
  // installed at all. An install error left would be a provider the module should not need.
  const init = await run(terraform, ["init", "-backend=false", "-input=false", "-no-color"], root, env);
  const initErrors = errorsOf(init.output).filter((e) => !/Failed to query available provider packages|Failed to install provider/.test(e));
  if (init.code !== 0 && initErrors.length) return refused("init", initErrors);
  const validate = await run(terraform, ["validate", "-no-color"], root, env);
  if (validate.code !== 0) return refused("validate", validate.output);
  if (!plan) return [];
  const planned = await run(terraform, ["plan", "-input=false", "-refresh=false", "-lock=false", "-no-color"], root, env);
  return planned.code === 0 ? [] : refused("plan", planned.output);
}

/** Folders of sibling modules a module calls (`source = "../x"`): the fleet's root module calls every job's. */
function siblingsCalled(files: Record<string, string>): string[] {
  const out = new Set<string>();
  for (const text of Object.values(files)) for (const m of text.matchAll(/^\s*source\s*=\s*"\.\.\/([^"/]+)"/gm)) out.add(m[1]);
  return [...out];
}

// Text that is also valid base64 (of "placeholder!"), for inputs the module decodes.
const PLACEHOLDER = "cGxhY2Vob2xkZXIh";

/** Placeholder values (as HCL) for the module's variables without a default. */
async function requiredInputs(files: Record<string, string>): Promise<Record<string, string>> {
  const text = files["variables.tf"];
  if (!text) return {};
  let parsed: { variable?: Record<string, Record<string, unknown>[]> };
  try {
    parsed = (await parseHcl("variables.tf", text)) as typeof parsed;
  } catch {
    return {};
  }
  const out: Record<string, string> = {};
  for (const [name, [decl]] of Object.entries(parsed.variable ?? {})) {
    // A reserved name is refused where the module declares it; passing it would hide that.
    if (!decl || "default" in decl || TERRAFORM_RESERVED.has(name)) continue;
    const type = typeof decl.type === "string" ? decl.type.replace(/^\$\{|\}$/g, "") : "string";
    out[name] = /^number/.test(type) ? "1" : /^bool/.test(type) ? "false" : /^(list|set|tuple)/.test(type) ? "[]" : /^(map|object)/.test(type) ? "{}" : `"${PLACEHOLDER}"`;
  }
  return out;
}

/** The `Error: …` blocks of Terraform's human output, one line each with their detail. */
function errorsOf(output: string): string[] {
  const blocks = output.split(/\n(?=(?:│ )?Error: )/).filter((b) => /^(?:│ )?Error: /.test(b.trimStart()));
  const out = blocks.map((b) =>
    b
      .split("\n")
      .map((l) => l.replace(/^[│╵╷]\s?/, "").trim())
      .filter((l) => l && !/^[╵╷]$/.test(l))
      .join(" ")
      .replace(/\s+/g, " ")
      .slice(0, 600),
  );
  return out.length ? out : [output.trim().split("\n").slice(-5).join(" ").slice(0, 600)];
}

function run(bin: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(bin, args, { cwd, env, timeout: 300_000, maxBuffer: 32 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === "number" ? err.code : 1) : 0;
      resolve({ code, output: `${stdout}\n${stderr}` });
    });
  });
}
