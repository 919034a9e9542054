// Terraform judges the modules: the provider stand-in speaks the plugin protocol, and
// `terraform init/validate/plan` against it passes every golden module and catches what
// Terraform refuses. The runs need the terraform binary; without it they are skipped (and
// `check` says so).
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as loader from "@grpc/proto-loader";
import { describe, expect, it } from "vitest";
import { findTerraform, terraformCheck } from "../src/check/terraform/terraform-check.js";
import { runCli, scratch } from "./cli-helpers.js";
import { GOLDEN, ROOT } from "./helpers.js";

const terraform = findTerraform();
const STAND_IN = join(ROOT, "dist", "check", "terraform", "provider-stand-in.js");
const COOKIE = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";

/** Module folder → its .tf files. */
function modulesUnder(dir: string): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d).sort()) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (e.endsWith(".tf")) (out[d] ??= {})[e] = readFileSync(p, "utf8");
    }
  };
  walk(dir);
  return out;
}

describe("provider stand-in", () => {
  it("prints the go-plugin handshake and serves the shipped schema over tfplugin5", async () => {
    const p = spawn(process.execPath, [STAND_IN, "kubectl"], { env: { ...process.env, TF_PLUGIN_MAGIC_COOKIE: COOKIE } });
    try {
      const line = await new Promise<string>((resolve) => p.stdout.once("data", (d: Buffer) => resolve(String(d).trim())));
      expect(line).toMatch(/^1\|5\|tcp\|127\.0\.0\.1:\d+\|grpc$/);
      const def = grpc.loadPackageDefinition(loader.loadSync(join(ROOT, "data", "terraform-plugin", "tfplugin5.proto"), { keepCase: true, longs: Number, enums: Number })) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
      const client = new def.tfplugin5.Provider(line.split("|")[3], grpc.credentials.createInsecure());
      const schema = await new Promise<any>((resolve, reject) => client.GetSchema({}, (err: Error | null, res: unknown) => (err ? reject(err) : resolve(res)))); // eslint-disable-line @typescript-eslint/no-explicit-any
      expect(Object.keys(schema.resource_schemas)).toEqual(["kubectl_manifest"]);
      const yaml = schema.resource_schemas.kubectl_manifest.block.attributes.find((a: { name: string }) => a.name === "yaml_body");
      expect({ type: String(yaml.type), required: yaml.required, sensitive: yaml.sensitive }).toEqual({ type: '"string"', required: true, sensitive: true });
      const proposed = { msgpack: Buffer.from([0x81, 0xa1, 0x61, 0x01]) };
      const plan = await new Promise<any>((resolve, reject) => client.PlanResourceChange({ type_name: "kubectl_manifest", proposed_new_state: proposed }, (err: Error | null, res: unknown) => (err ? reject(err) : resolve(res)))); // eslint-disable-line @typescript-eslint/no-explicit-any
      expect(Buffer.from(plan.planned_state.msgpack)).toEqual(proposed.msgpack);
      client.close();
    } finally {
      p.kill();
    }
  });

  it("refuses to run without Terraform's cookie", async () => {
    const p = spawn(process.execPath, [STAND_IN, "kubernetes"], { env: { ...process.env, TF_PLUGIN_MAGIC_COOKIE: "" } });
    const code = await new Promise<number | null>((resolve) => p.on("exit", resolve));
    expect(code).toBe(1);
  });
});

describe.skipIf(!terraform)("terraform init, validate and plan against the stand-in", () => {
  it("passes every golden module", async () => {
    const r = await terraformCheck(modulesUnder(GOLDEN), { plan: true });
    expect(r.modules).toBeGreaterThan(60);
    expect(r.problems).toEqual([]);
  }, 600_000);

  it("names the module and what Terraform refused", async () => {
    const base = modulesUnder(join(ROOT, "modules-k8s", "gitea"))[join(ROOT, "modules-k8s", "gitea")];
    const reserved = { ...base, "variables.tf": `${base["variables.tf"]}\nvariable "version" {\n  type = string\n}\n` };
    const undeclared = { ...base, "main.tf": base["main.tf"].replace("local.app_name", "local.app_nme") };
    const unknownArg = { ...base, "main.tf": base["main.tf"].replace("  metadata {\n", "  metadata {\n    bogus = 1\n") };
    expect(unknownArg["main.tf"]).not.toBe(base["main.tf"]);
    const r = await terraformCheck({ reserved, undeclared, "unknown-argument": unknownArg, fine: base }, { plan: true });
    const found = r.problems.map((p) => `${p.module} ${p.step}: ${p.message.slice(0, 60)}`);
    expect(found).toContainEqual(expect.stringMatching(/^reserved init: Error: Invalid variable name/));
    expect(found).toContainEqual(expect.stringMatching(/^undeclared validate: Error: Reference to undeclared local value/));
    expect(found).toContainEqual(expect.stringMatching(/^unknown-argument validate: Error: Unsupported argument/));
    expect(found.filter((f) => f.startsWith("fine"))).toEqual([]);
  }, 600_000);

  // What Terraform refuses and our own checks let through: an override's nested block (taken
  // whole by Terraform) naming a variable the module does not declare.
  it("convert --verify fails a module Terraform refuses although the schema check passes it", async () => {
    const dir = scratch();
    expect((await runCli(["convert"], dir)).code).toBe(0);
    writeFileSync(join(dir, "modules-k8s/gitea/main_override.tf"), 'resource "kubernetes_service" "gitea" {\n  metadata {\n    name      = var.service_name\n    namespace = var.namespace\n  }\n}\n');
    const ours = await runCli(["check", "--no-terraform", "modules-k8s/gitea"], dir);
    expect(ours.code).toBe(0);
    const r = await runCli(["convert", "--verify"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/terraform modules-k8s\/gitea: terraform validate: Error: Reference to undeclared input variable on main_override\.tf line 3/);
    // The fleet's root module calls gitea's, so it is refused with it; no other module is.
    expect([...r.stderr.matchAll(/^terraform modules-k8s\/([^:]+):/gm)].map((m) => m[1])).toEqual(["fleet", "gitea"]);
    rmSync(dir, { recursive: true, force: true });
  }, 600_000);

  // Terraform merges an override's top-level arguments with a partial decode: a misspelt one
  // is dropped without a word, by validate too. `check` names it itself (override-arguments.ts).
  it("lets an unknown top-level argument of an override through, which is why check reads overrides itself", async () => {
    const base = modulesUnder(join(ROOT, "modules-k8s", "gitea"))[join(ROOT, "modules-k8s", "gitea")];
    const r = await terraformCheck({ gitea: { ...base, "main_override.tf": 'resource "kubernetes_stateful_set" "gitea" {\n  bogus = 1\n}\n' } }, { plan: true });
    expect(r.problems).toEqual([]);
  }, 600_000);
});

describe("without terraform on PATH", () => {
  it("check says it skipped Terraform and runs the rest; convert --verify says so too", async () => {
    const dir = scratch();
    const empty = mkdtempSync(join(tmpdir(), "n2k-no-terraform-"));
    const path = process.env.PATH;
    process.env.PATH = empty;
    try {
      expect(findTerraform()).toBeUndefined();
      const v = await runCli(["convert", "--verify"], dir);
      expect(v.code).toBe(0);
      expect(v.stderr).toContain("terraform: skipped (terraform is not on PATH)\n");
      const r = await runCli(["check"], dir);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^schema: \d+ files, \d+ resources, 0 problems\nterraform: skipped \(terraform is not on PATH\); the checks above ran\n$/m);
    } finally {
      process.env.PATH = path;
      rmSync(empty, { recursive: true, force: true });
      rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);
});
