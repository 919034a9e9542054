import * as fs from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";

// A case-insensitive file system (macOS, Windows defaults) lists a folder as it was created
// ("API") and opens it under any case ("api/main.tf"): the listing is simulated here, on a
// case-sensitive disk, by reporting the folder under another case than its real one.
vi.mock("node:fs", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:fs")>();
  return { ...real, readdirSync: ((p: string, ...rest: unknown[]) => (real.readdirSync as (...a: unknown[]) => string[])(p, ...rest).map((n) => (n === "api" ? "API" : n))) as typeof real.readdirSync };
});

const { OutputWriter } = await import("../../src/io/output-writer.js");

describe("OutputWriter on a case-insensitive file system", () => {
  it("a folder that existed under another case is read before writing: a file not ours is kept", () => {
    const out = fs.mkdtempSync(join(tmpdir(), "n2k-case-"));
    fs.mkdirSync(join(out, "api"));
    fs.writeFileSync(join(out, "api", "main.tf"), "# the user's own\n");
    expect(fs.readdirSync(out)).toEqual(["API"]);
    const outcomes = new OutputWriter(out, { force: false, dryRun: false }).write({ "api/main.tf": "# generated\n" });
    expect(outcomes).toEqual([{ path: "api/main.tf", action: "blocked", state: "foreign" }]);
    expect(fs.readFileSync(join(out, "api", "main.tf"), "utf8")).toBe("# the user's own\n");
  });
});
