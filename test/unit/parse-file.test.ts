import { describe, expect, it } from "vitest";
import { inSourceOrder, parseFile } from "../../src/nomad/parse-file.js";
import { lineAt } from "../../src/nomad/source-position.js";
import { JobError } from "../../src/diagnostics.js";

describe("parse-file helpers", () => {
  it("puts labelled blocks back in file order, searching from a start offset", () => {
    const src = 'group "b" {\n  task "z" {}\n  task "a" {}\n}\ngroup "a" {\n  task "a" {}\n  task "z" {}\n}\n';
    expect(inSourceOrder([["a", 1], ["b", 2]], "group", src).map(([l]) => l)).toEqual(["b", "a"]);
    const second = src.indexOf('group "a"');
    expect(inSourceOrder([["a", 1], ["z", 2]], "task", src, second).map(([l]) => l)).toEqual(["a", "z"]);
    expect(inSourceOrder([["a", 1], ["z", 2]], "task", src, 0).map(([l]) => l)).toEqual(["z", "a"]);
  });

  it("finds lines and turns parser errors into a JobError with the line", async () => {
    const text = "a\nb\njob \"x\"\n";
    expect(lineAt(text, text.indexOf('job "x"'))).toBe(3);
    const err = await parseFile("bad.hcl", 'job "x" {\n  a = \n}\n').catch((e) => e);
    expect(err).toBeInstanceOf(JobError);
    expect(err.diagnostic).toMatchObject({ code: "N2K-PARSE-001", file: "bad.hcl", line: 2 });
  });

  it("names the error that caused the others, with its column, and keeps the parser's follow-on errors apart", async () => {
    const err = await parseFile("q.hcl", 'job "x" {\n  group "g" {\n    meta {\n      a = "open\n    }\n  }\n}\n').catch((e) => e);
    expect(err).toBeInstanceOf(JobError);
    expect(err.diagnostic).toMatchObject({ code: "N2K-PARSE-001", line: 4, column: 16, message: expect.stringMatching(/^invalid HCL: Unterminated template string;/) });
    expect(err.also.length).toBeGreaterThan(1);
    for (const d of err.also) expect(d).toMatchObject({ code: "N2K-PARSE-002", severity: "info", message: expect.stringContaining("Invalid multi-line string") });
  });
});
