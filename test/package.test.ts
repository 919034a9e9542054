import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readTree, ROOT } from "./helpers.js";

// The package as a user who does not clone gets it: `npm pack` of a copy of the sources (no
// dist/: packing must build it), installed into a temporary prefix, then the installed
// `nomad2k8s` converts the examples. The copy keeps the checkout's dist/ out of reach: packing
// cleans dist/ first, and other test files run the checkout's build meanwhile.

const work = mkdtempSync(join(tmpdir(), "n2k-pack-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function npm(args: string[], cwd: string) {
  const r = spawnSync("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], { cwd, encoding: "utf8", env: { ...process.env, npm_config_update_notifier: "false" } });
  return { code: r.status, out: `${r.stdout}\n${r.stderr}` };
}

describe("the npm package", () => {
  it("packs with its build and no tests, installs, and the installed command converts the examples", () => {
    const src = join(work, "src");
    mkdirSync(src);
    for (const f of ["package.json", "package-lock.json", "tsconfig.json", "README.md", "LICENSE", "bin", "src", "templates", "data"]) cpSync(join(ROOT, f), join(src, f), { recursive: true });
    symlinkSync(join(ROOT, "node_modules"), join(src, "node_modules"), "dir");

    const packed = spawnSync("npm", ["pack", "--json", "--loglevel=error"], { cwd: src, encoding: "utf8" });
    expect(packed.status, packed.stderr).toBe(0);
    const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf("["))) as { filename: string; files: { path: string }[] }[];
    const paths = info.files.map((f) => f.path);
    for (const needed of ["bin/nomad2k8s.js", "dist/cli/index.js", "dist/fleet/pipeline-worker.js", "dist/check/terraform/provider-stand-in.js", "templates/main.tf.ejs", "data/kubernetes-provider-schema.json", "README.md", "LICENSE"]) expect(paths).toContain(needed);
    expect(paths.some((p) => p.startsWith("data/terraform-plugin/") && p.endsWith(".proto"))).toBe(true);
    expect(paths.filter((p) => /^(test|src|nomad-jobs|modules-k8s|docs)\//.test(p))).toEqual([]);

    // Offline from the npm cache when it holds every package's metadata; else the registry
    // answers for metadata only (--prefer-offline: the package files still come from the cache).
    const prefix = join(work, "prefix");
    const tgz = join(src, info.filename);
    let installed = npm(["install", "-g", "--prefix", prefix, "--offline", tgz], work);
    if (installed.code !== 0 && /ENOTCACHED/.test(installed.out)) installed = npm(["install", "-g", "--prefix", prefix, "--prefer-offline", tgz], work);
    expect(installed.code, installed.out).toBe(0);
    const bin = join(prefix, "bin", "nomad2k8s");
    expect(existsSync(bin)).toBe(true);

    const use = join(work, "use");
    mkdirSync(use);
    cpSync(join(ROOT, "nomad-jobs"), join(use, "nomad-jobs"), { recursive: true });
    const version = spawnSync(bin, ["--version"], { cwd: use, encoding: "utf8" });
    expect(version.stdout.trim()).toBe("0.1.0");
    const run = spawnSync(bin, ["convert", "nomad-jobs"], { cwd: use, encoding: "utf8" });
    expect(run.stderr).toContain("7 jobs: 7 converted, 0 skipped, 0 failed");
    expect(run.status, run.stderr).toBe(0);
    // The installed command writes what the checkout's committed examples hold.
    expect(readTree(join(use, "modules-k8s"))).toEqual(readTree(join(ROOT, "modules-k8s")));
  }, 240_000);
});
