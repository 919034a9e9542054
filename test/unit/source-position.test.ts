import { describe, expect, it } from "vitest";
import { inSourceOrder } from "../../src/nomad/parse-file.js";
import { attributeAt, blockAt, jobLineStart, lineAt } from "../../src/nomad/source-position.js";

// The regular expressions these searches replaced: each case is checked against them too.
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const reBlock = (src: string, kind: string, label: string, from = 0) => {
  const re = new RegExp(`\\b${kind}\\s+"${escapeRegExp(label)}"`, "g");
  re.lastIndex = from;
  return re.exec(src)?.index ?? -1;
};
const reJob = (src: string, name: string) => new RegExp(`^\\s*job\\s+"${escapeRegExp(name)}"`, "m").exec(src)?.index ?? -1;
const reAttr = (src: string, key: string, value: string) => new RegExp(`${key}\\s*=\\s*"${escapeRegExp(value)}"`).exec(src)?.index ?? -1;

describe("source positions without regular expressions", () => {
  const src = [
    '# job "web" is described below; see task "web-api"',
    'locals { x = "group \\"api\\"" }',
    "job   \"a.b+c(d)*\" {",
    '  group "api-2" {}',
    '  group "api" {',
    '    task "web-api" {}',
    '    subtask "web" {}',
    '    task\t"web" {',
    '      template { destination = "local/a.env" }',
    '      template { xdestination="local/[x].env" }',
    "    }",
    "  }",
    "}",
    'job "web" {}',
  ].join("\n");

  it("finds a block by its quoted label, skipping longer labels and other keywords", () => {
    expect(blockAt(src, "task", "web")).toBe(src.indexOf('task\t"web"'));
    expect(blockAt(src, "group", "api")).toBe(src.indexOf('group "api" {'));
    expect(blockAt(src, "job", "a.b+c(d)*")).toBe(src.indexOf("job   "));
    // Like the RegExp, a mention in a comment counts (jobStart then looks for groups from there on).
    expect(blockAt(src, "job", "web")).toBe(2);
    expect(blockAt(src, "job", "web", 3)).toBe(src.lastIndexOf('job "web"'));
    expect(blockAt(src, "task", "web", src.indexOf('task\t"web"') + 1)).toBe(-1);
    expect(blockAt(src, "task", "nope")).toBe(-1);
    for (const [kind, label] of [["task", "web"], ["group", "api"], ["group", "api-2"], ["job", "web"], ["job", "a.b+c(d)*"], ["task", "web-api"], ["group", ""]])
      for (const from of [0, 5, src.indexOf("group"), src.indexOf('task "web-api"'), src.length]) expect(blockAt(src, kind, label, from)).toBe(reBlock(src, kind, label, from));
  });

  it("puts blocks in file order when a label is a prefix of another", () => {
    const order = inSourceOrder([["api", 1], ["api-2", 2], ["missing", 3]], "group", src).map(([l]) => l);
    expect(order).toEqual(["api-2", "api", "missing"]);
  });

  it("finds the job line as the multiline RegExp did, blank lines and CRLF included", () => {
    const cases: [string, string, number | undefined][] = [
      ['job "x" {}', "x", 1],
      ['# job "x"\n  job "x" {}', "x", 2],
      ['locals { a = "job \\"x\\"" }\njob "x" {}', "x", 2],
      ['a\n\n\n  job "x" {}', "x", 2], // the match starts at the first blank line
      ['a\r\n\r\njob "x" {}', "x", 1], // after "\r" a line starts at its "\n"
      ['myjob "x"\njob "x.y" {}\njob "x" {}', "x", 3],
      ['job "x"', "y", undefined],
    ];
    for (const [text, name, line] of cases) {
      expect(jobLineStart(text, name)).toBe(reJob(text, name));
      expect(lineAt(text, jobLineStart(text, name))).toBe(line);
    }
  });

  it("finds attributes as the RegExp did (no word boundary before the key)", () => {
    expect(attributeAt(src, "destination", "local/a.env")).toBe(src.indexOf("destination"));
    expect(attributeAt(src, "destination", "local/[x].env")).toBe(reAttr(src, "destination", "local/[x].env"));
    expect(attributeAt(src, "destination", "local/[x].env")).toBeGreaterThan(0);
    expect(attributeAt('data = "x"\ndestination   =\n  "x"', "destination", "x")).toBe(11);
    expect(attributeAt('destination == "x"', "destination", "x")).toBe(reAttr('destination == "x"', "destination", "x"));
  });

  it("counts lines by newline", () => {
    expect(lineAt("a\r\nb\nc", 0)).toBe(1);
    expect(lineAt("a\r\nb\nc", 3)).toBe(2);
    expect(lineAt("a\r\nb\nc", 6)).toBe(3);
    expect(lineAt("abc", -1)).toBeUndefined();
  });
});
