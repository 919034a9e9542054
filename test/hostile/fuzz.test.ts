import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli-helpers.js";
import { folder } from "./hostile-helpers.js";

// Abuse test (issue 20): job files generated and mutated from a fixed seed (random nesting,
// huge strings, control characters, weird names, stray HCL tokens) go through the CLI. Whatever
// they hold: no stack trace, no exit 0 without a report, no write outside --out, and the secret
// markers (credential literals, secret template bodies, a sensitive --var) in no terminal line,
// report or comment. Bounded in time: ten files, one run of each command (~10 s alone; the
// limit leaves room for a loaded CI machine).

const SEED = 20;
const FILES = 10;

/** mulberry32: a small deterministic generator, so a failure replays exactly. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MARKERS = ["MARKER_ENV_SECRET", "MARKER_TPL_SECRET", "MARKER_VAR_SECRET", "MARKER_TAG_SECRET"];

const NAMES = ["", "..", ".", "web", "Web", "we_b", "a/b", "<img src=x onerror=alert(1)>", "x|y`z", "\\u001b[2Jclear", "名前", "a".repeat(300), "${NOMAD_JOB_NAME}", "job\\nname"];
const STRINGS = ["", "plain", "x".repeat(5_000), "\\u0000\\u0007\\u001b]0;t\\u0007", "%{ if true }x%{ endif }", "$${x}", '{{ range service \\"db\\" }}{{ .Address }}{{ end }}', "../../../etc/passwd", "/proc/self/environ", "\\\\", "🙂".repeat(1000)];
const TOKENS = ["{", "}", "\"", "=", "${", "}}", "[", "]", "(", ")", ",", "\n", "#", "/*", "<<EOF", "job", "group", "task", "null", "1e999", "-", "..."];

export function generateJob(r: () => number, n: number): string {
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
  const often = <T>(usual: T, xs: T[]): T => (r() < 0.7 ? usual : pick(xs));
  const lit = () => `"${pick(STRINGS)}"`;
  // Any value, nested at random: lists, maps and calls around strings.
  const any = (depth: number): string => {
    if (depth <= 0 || r() < 0.25) return lit();
    const kind = r();
    if (kind < 0.35) return `[${Array.from({ length: 1 + Math.floor(r() * 3) }, () => any(depth - 1)).join(", ")}]`;
    if (kind < 0.7) return `{ k${Math.floor(r() * 9)} = ${any(depth - 1)} }`;
    return `merge({ a = ${any(depth - 1)} }, { b = ${any(depth - 1)} })`;
  };
  // A string-valued expression, with random nesting inside.
  const str = (depth: number): string => {
    if (depth <= 0 || r() < 0.3) return lit();
    return pick([`upper(${str(depth - 1)})`, `lower(${str(depth - 1)})`, `format("%s-%s", ${str(depth - 1)}, ${str(depth - 1)})`, `jsonencode(${any(depth + 2)})`, `join(",", [${str(depth - 1)}, ${str(depth - 1)}])`]);
  };
  const meta = (depth: number): string => (depth <= 0 ? `m${Math.floor(r() * 99)} = ${str(2)}` : `${meta(depth - 1)}\n        m${depth}x = ${str(depth)}`);
  // The secret-bearing part stays well-formed: mutations below never cut into it.
  const secrets = `      env {
        DB_PASSWORD = "MARKER_ENV_SECRET"
        API_TOKEN   = var.api_token
      }
      template {
        data        = "{{ with secret \\"kv/data/app\\" }}PW={{ .Data.data.pw }}{{ end }}\\nMARKER_TPL_SECRET=1\\n"
        destination = "secrets/app.env"
        env         = true
      }
`;
  let body = `      driver = "${often("docker", ["exec", "raw_exec", "java", "podman", "weird"])}"
      config {
        image = "${often("nginx:1", ["", "x".repeat(500), "a:b:c", "$${NOMAD_META_x}"])}"
        args  = [${str(3)}, ${str(2)}]
        volumes = ["${pick(["local/data", "local/../../x", "/etc", "name=x/:/data", "alloc/x/../y"])}:/data"]
      }
      meta {
        ${meta(Math.floor(r() * 4))}
      }
      resources {
        cpu        = ${often("100", ["-1", "0", "1e12", "\"x\""])}
        memory     = ${often("64", ["0", "99999999", "null"])}
        memory_max = ${pick(["32", "128", "1024"])}
      }
`;
  // Stray tokens and cuts in a third of the files, outside the secret part.
  if (r() < 0.35) {
    for (let i = 1 + Math.floor(r() * 3); i > 0; i--) {
      const at = Math.floor(r() * body.length);
      body = r() < 0.2 ? body.slice(0, at) : body.slice(0, at) + pick(TOKENS) + body.slice(at);
    }
  }
  const name = pick(NAMES);
  return `variable "api_token" {
  type = string
}
job "${name}" {
  datacenters = ["dc1"]
  type = "${often("service", ["batch", "system", "sysbatch", "weird"])}"
  group "g${n}" {
    count = ${often("1", ["3", "0", "-5"])}
    network {
      port "http" { to = ${often("8080", ["0", "70000", "\"x\""])} }
    }
    service {
      name = "s${n}"
      port = "http"
      tags = ["traefik.http.routers.r.rule=Host(\`${name.replace(/[^a-z]/g, "").slice(0, 20) || "x"}.example.com\`)", "traefik.http.middlewares.m.basicauth.users=u:MARKER_TAG_SECRET"]
    }
    task "t" {
${secrets}${body}
    }
  }
}
`;
}

/** Every file under `dir` with its size, except `skip` (a relative folder). */
function listing(dir: string, skip: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      const rel = relative(dir, p);
      if (rel === skip || rel.startsWith(`${skip}/`)) continue;
      if (e.isDirectory()) walk(p);
      else out.push(`${rel} ${statSync(p).size}`);
    }
  };
  walk(dir);
  return out.sort();
}

const STACK = /\n\s+at .+:\d+:\d+\)?|internal error|TypeError|RangeError|ReferenceError/;

describe("fuzz: generated and mutated job files", () => {
  it(`seed ${SEED}: no stack trace, no exit 0 without a report, no write outside --out, no secret shown`, { timeout: 60_000 }, async () => {
    const r = rng(SEED);
    const files = Object.fromEntries(Array.from({ length: FILES }, (_, i) => [`jobs/j${i}.nomad.hcl`, generateJob(r, i)]));
    const dir = folder(files);
    const before = listing(dir, "out");
    const shown: string[] = [];
    const runs: [string[], boolean][] = [
      [["convert", "jobs", "-o", "out", "-v", "--var", "api_token=MARKER_VAR_SECRET"], true],
      [["diff", "jobs", "-o", "out", "--report", "--var", "api_token=MARKER_VAR_SECRET"], false],
      [["explain", "jobs/j0.nomad.hcl", "--var", "api_token=MARKER_VAR_SECRET"], false],
      [["migrate", "jobs/j1.nomad.hcl", "-o", "out", "--yes", "--var", "api_token=MARKER_VAR_SECRET"], false],
      [["check", "out"], false],
    ];
    for (const [args, writesReport] of runs) {
      const res = await runCli(args, dir, { NO_COLOR: "1" });
      const text = res.stdout + res.stderr;
      shown.push(text);
      expect(text, args.join(" ")).not.toMatch(STACK);
      expect(text, args.join(" ")).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
      if (writesReport && res.code === 0) expect(statSync(join(dir, "out", "MIGRATION_REPORT.md")).isFile()).toBe(true);
    }
    // The mix is exercised: some jobs convert (their modules carry the secrets), some fail.
    const tally = /(\d+) converted, (\d+) skipped, (\d+) failed/.exec(shown[0]);
    expect(tally && Number(tally[1]) > 0 && Number(tally[3]) > 0, shown[0].slice(-300)).toBe(true);
    expect(listing(dir, "out")).toEqual(before);
    const report = ["MIGRATION_REPORT.md", "migration-report.json"].map((f) => readFileSync(join(dir, "out", f), "utf8"));
    const comments = listing(join(dir, "out"), "\0")
      .map((l) => l.split(" ")[0])
      .filter((f) => f.endsWith(".tf"))
      .flatMap((f) => readFileSync(join(dir, "out", f), "utf8").split("\n").filter((l) => l.trim().startsWith("#")));
    for (const m of MARKERS) for (const text of [...shown, ...report, comments.join("\n")]) expect(text.includes(m), m).toBe(false);
  });
});
