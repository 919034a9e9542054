import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli-helpers.js";
import { readTree } from "../helpers.js";
import { folder } from "./hostile-helpers.js";

// Escape sequences in a job file (issue 20): a job name or a value quoted in a diagnostic cannot
// drive the operator's terminal; they are printed as \xNN.

describe("the terminal gets inert text", () => {
  it("escapes control characters of job names and diagnostics in convert's lines", async () => {
    const job = `job "a\\u001b[31mred" {
  group "g" {
    task "t" {
      driver = "docker"
      config {
        image = "nginx:1"
        volumes = ["name=x\\u001b]0;pwned\\u0007/:/data"]
      }
    }
  }
}
`;
    const dir = folder({ "jobs/web.nomad.hcl": job });
    const r = await runCli(["convert", "jobs", "-o", "out", "-v"], dir, { NO_COLOR: "1" });
    expect(r.stderr).toContain('job "a\\x1b[31mred"');
    expect(r.stderr).toContain("\\x1b]0;pwned\\x07");
    expect(r.stderr).not.toMatch(/[\u001b\u0007]/);
  });
});

// A job name, a file or a template line holding escape sequences or HTML: every command's
// lines, the `.tf` comments and the Markdown report keep them inert.
const NASTY = `job "<img src=x onerror=alert(1)>|\`x\\u001b[2J" {
  group "g" {
    task "t" {
      driver = "docker"
      config {
        image = "nginx:1"
        volumes = ["name=x\\u001b]0;pwned\\u0007/:/data"]
      }
      template {
        data = "a=\\u001b[31mred\\n"
        destination = "local/a.conf"
      }
    }
  }
}
`;

describe("every output is inert", () => {
  it("diff, explain and check print no control character", async () => {
    const dir = folder({ "jobs/web.nomad.hcl": NASTY });
    for (const args of [["diff", "jobs", "-o", "out", "--report"], ["explain", "jobs/web.nomad.hcl"], ["convert", "jobs", "-o", "out", "-v"], ["check", "out"]]) {
      const r = await runCli(args, dir, { NO_COLOR: "1" });
      expect(r.stdout + r.stderr, args[0]).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
      if (args[0] !== "check") expect(r.stdout + r.stderr, args[0]).toContain("\\x1b");
    }
  });

  it("colours pass, escape sequences from a job do not", async () => {
    const dir = folder({ "jobs/web.nomad.hcl": NASTY });
    let stdout = "";
    const io = { stdout: (s: string) => void (stdout += s), stderr: (s: string) => void (stdout += s), isTTY: true, env: {}, cwd: dir };
    const { run } = await import("../../src/cli/index.js");
    await run(["diff", "jobs", "-o", "out"], io);
    expect(stdout).toContain("\x1b[32m+");
    expect(stdout).not.toContain("\x1b[2J");
    expect(stdout).toContain("\\x1b[2J");
  });

  it("the .tf comments and the Markdown report escape control characters and HTML", async () => {
    const dir = folder({ "jobs/web.nomad.hcl": NASTY });
    await runCli(["convert", "jobs", "-o", "out"], dir);
    const tree = readTree(join(dir, "out"));
    for (const [file, text] of Object.entries(tree)) expect(text, file).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    const md = tree["MIGRATION_REPORT.md"];
    expect(md.split("\n").filter((l) => l.includes("<img"))).toEqual([]);
    expect(md).toContain("&lt;img src=x onerror=alert(1)&gt;");
    // The table row keeps its 9 cell borders: the name's `|` is escaped.
    const row = md.split("\n").find((l) => l.startsWith("| &lt;img"))!;
    expect(row.replace(/\\\|/g, "").split("|")).toHaveLength(10);
  });
});

/** The code spans of a Markdown line as CommonMark reads them (a `\`` outside code is no opener). */
function codeSpans(line: string): string[] {
  const spans: string[] = [];
  let i = 0;
  while (i < line.length) {
    if (line[i] === "\\") {
      i += 2;
      continue;
    }
    if (line[i] !== "`") {
      i++;
      continue;
    }
    const fence = /^`+/.exec(line.slice(i))![0];
    let j = i + fence.length;
    let end = -1;
    while (j < line.length) {
      const run = /^`+/.exec(line.slice(j));
      if (run && run[0].length === fence.length) {
        end = j;
        break;
      }
      j += run ? run[0].length : 1;
    }
    if (end < 0) {
      i += fence.length;
      continue;
    }
    const inner = line.slice(i + fence.length, end);
    spans.push(/^ .* $/.test(inner) && inner.trim() ? inner.slice(1, -1) : inner);
    i = end + fence.length;
  }
  return spans;
}

describe("backticks in names keep the report's Markdown whole", () => {
  it("a job, group and file name with backticks stay whole in code spans and plain in headings", async () => {
    const job = 'job "we`b``x" {\n  group "`g" {\n    task "t" {\n      driver = "docker"\n      config { image = "nginx:1" }\n      env { A = "${NOMAD_ALLOC_ID}" }\n    }\n  }\n}\n';
    const dir = folder({ "jobs/a`b.nomad.hcl": job });
    await runCli(["convert", "jobs", "-o", "out"], dir);
    const md = readTree(join(dir, "out"))["MIGRATION_REPORT.md"].split("\n");
    expect(md).toContain("## we\\`b\\`\\`x — converted");
    expect(codeSpans(md.find((l) => l.startsWith("Source: "))!)).toEqual(["jobs/a`b.nomad.hcl", "we-b-x/"]);
    expect(codeSpans(md.find((l) => l.startsWith("- group "))!)[0]).toBe("`g");
    expect(md.find((l) => l.startsWith("| we"))).toContain("| we\\`b\\`\\`x | jobs/a\\`b.nomad.hcl |");
    // Every span that holds the job name holds all of it (explain lists each finding's path).
    const explained = (await runCli(["explain", "jobs/a`b.nomad.hcl"], dir)).stdout.split("\n");
    const named = explained.flatMap(codeSpans).filter((s) => s.includes("we`b"));
    expect(named.length).toBeGreaterThan(0);
    for (const s of named) expect(s).toMatch(/we`b``x/);
  });
});
