import { mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { discoverInputs } from "../../src/io/discover.js";
import { applyWrites, insideOut, planWrites } from "../../src/io/safe-write.js";
import { fileState, withHeader } from "../../src/render/header.js";

const tmp = () => mkdtempSync(join(tmpdir(), "n2k-"));

describe("generated-file header", () => {
  it("tells generated, edited and foreign files apart", () => {
    const text = withHeader('x = 1\n', "job", "main.tf");
    expect(fileState(text)).toBe("generated");
    expect(fileState(text + "# my edit\n")).toBe("edited");
    expect(fileState("x = 1\n")).toBe("foreign");
  });
});

describe("safe writes", () => {
  it("never resolves a path outside the output folder", () => {
    expect(() => insideOut("/out", "../etc/passwd")).toThrow(/outside the output folder/);
    expect(() => insideOut("/out", "/etc/passwd")).toThrow(/outside/);
    expect(insideOut("/out", "web/main.tf")).toBe("/out/web/main.tf");
  });

  it("creates, updates generated files, and blocks edited or foreign ones without force", async () => {
    const out = tmp();
    const gen = withHeader("a = 1\n", "j", "main.tf");
    await applyWrites(out, await planWrites(out, { "m/main.tf": gen, "m/other.tf": gen }, false));
    writeFileSync(join(out, "m/other.tf"), gen + "# hand edit\n");
    mkdirSync(join(out, "n"));
    writeFileSync(join(out, "n/mine.tf"), "x = 1\n");
    const next = withHeader("a = 2\n", "j", "main.tf");
    const plans = await planWrites(out, { "m/main.tf": next, "m/other.tf": next, "n/mine.tf": next }, false);
    expect(plans.map((p) => [p.path, p.action, p.state])).toEqual([
      ["m/main.tf", "update", "generated"],
      ["m/other.tf", "blocked", "edited"],
      ["n/mine.tf", "blocked", "foreign"],
    ]);
    await applyWrites(out, plans);
    expect(readFileSync(join(out, "m/main.tf"), "utf8")).toBe(next);
    expect(readFileSync(join(out, "n/mine.tf"), "utf8")).toBe("x = 1\n");
    expect(readdirSync(join(out, "m")).sort()).toEqual(["main.tf", "other.tf"]); // no temp files left
    const forced = await planWrites(out, { "n/mine.tf": next }, true);
    expect(forced[0].action).toBe("update");
  });
});

describe("input discovery", () => {
  it("finds job files recursively in a stable order and reports empty or missing inputs", async () => {
    const dir = tmp();
    mkdirSync(join(dir, "sub"));
    writeFileSync(join(dir, "b.nomad.hcl"), "");
    writeFileSync(join(dir, "sub", "a.nomad"), "");
    writeFileSync(join(dir, "notes.txt"), "");
    mkdirSync(join(dir, "empty"));
    const found = await discoverInputs([dir, join(dir, "empty"), join(dir, "nope")]);
    expect(found.files).toEqual([join(dir, "b.nomad.hcl"), join(dir, "sub", "a.nomad")]);
    expect(found.problems.map((p) => p.message)).toEqual(["no Nomad job files (*.nomad.hcl, *.nomad, *.hcl, *.job, Nomad API *.json) in this folder", "no such file or folder"]);
  });
});
