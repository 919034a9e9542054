import { describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/diagnostics.js";
import { evaluate } from "../../src/nomad/evaluate.js";
import { evalSource } from "../../src/nomad/hcl/eval-expr.js";
import { buildScope } from "../../src/nomad/scope.js";
import { MODULE_REF, splitTemplate } from "../../src/nomad/template-string.js";

const raw = {
  variable: { image: [{ default: "nginx" }], n: [{ default: 3 }], list: [{ default: ["a", "b"] }], m: [{ default: { k: "v" } }], reg: [{ description: "Registry" }], count: [{ type: "${number}" }] },
  locals: [{ host: "x.example.com" }],
};
const scope = (d = new Diagnostics()) => buildScope(raw, {}, d);

describe("HCL2 evaluation", () => {
  it("keeps the type of a whole-value reference", () => {
    const d = new Diagnostics();
    expect(evaluate("${var.n}", scope(), d, "p")).toBe(3);
    expect(evaluate("${var.list}", scope(), d, "p")).toEqual(["a", "b"]);
    expect(d.items).toEqual([]);
  });

  it("interpolates references, indexes, functions and directives", () => {
    const d = new Diagnostics();
    expect(evaluate("${var.image}:${var.list[1]}", scope(), d, "p")).toBe("nginx:b");
    expect(evaluate('${upper(local.host)}-${var.m["k"]}', scope(), d, "p")).toBe("X.EXAMPLE.COM-v");
    expect(evaluate("%{ for x in var.list }[${x}]%{ endfor }%{ if var.n > 2 }big%{ else }small%{ endif }", scope(), d, "p")).toBe("[a][b]big");
    expect(evalSource('join("-", var.list)', scope())).toBe("a-b");
    expect(evalSource("var.n * 2 + 1 >= 7 && !false ? -var.n : 0", scope())).toBe(-3);
    expect(evalSource('[for i, x in var.list : "${i}=${x}" if x != "b"]', scope())).toEqual(["0=a"]);
    expect(evalSource("{for k, v in var.m : v => k}", scope())).toEqual({ v: "k" });
    expect(evalSource('{ a = 1, "b" = [var.n, "x\\n"] }', scope())).toEqual({ a: 1, b: [3, "x\n"] });
    expect(evalSource('[{ id = 1 }, { id = 2 }][*].id', scope())).toEqual([1, 2]);
    expect(evalSource("max(var.list...)", buildScope({ variable: { list: [{ default: [1, 5, 2] }] } }, {}, new Diagnostics()))).toBe(5);
    expect(d.items).toEqual([]);
  });

  it("leaves runtime interpolations and escapes for later stages, also inside functions", () => {
    const d = new Diagnostics();
    expect(evaluate("${NOMAD_PORT_http} $${LITERAL}", scope(), d, "p")).toBe("${NOMAD_PORT_http} $${LITERAL}");
    expect(evaluate('${concat(["--dir", "${NOMAD_TASK_DIR}/x"], var.list)}', scope(), d, "p")).toEqual(["--dir", "${NOMAD_TASK_DIR}/x", "a", "b"]);
    expect(evaluate("${attr.cpu.arch}", scope(), d, "p")).toBe("${attr.cpu.arch}");
    expect(d.items).toEqual([]);
  });

  it("takes an undeclared variable as a module input (warning) and fails on unknown functions", () => {
    const d = new Diagnostics();
    expect(evaluate("${var.missing}", scope(d), d, "job.x.env.A")).toBe(`\${${MODULE_REF}var.missing}`);
    expect(evaluate("${nosuch(1)}", scope(), d, "job.x.env.B")).toBe("${nosuch(1)}");
    expect(d.items.map((i) => [i.code, i.severity, i.path])).toEqual([
      // The shared scope declares `variable "count"`, a name Terraform reserves: renamed nomad_count.
      ["N2K-HCL-008", "info", "variable.count"],
      ["N2K-HCL-003", "warning", "variable.missing"],
      ["N2K-HCL-005", "error", "job.x.env.B"],
    ]);
    expect(d.items[2].message).toContain("nosuch()");
  });

  it("turns a variable without a value into a module-input reference, functions into Terraform ones", () => {
    const d = new Diagnostics();
    const s = scope();
    expect(s.inputs.get("reg")).toEqual({ name: "reg", nomad: "reg", description: "Registry", type: undefined });
    expect(evaluate("${var.reg}/app:1.2", s, d, "p")).toBe(`\${${MODULE_REF}var.reg}/app:1.2`);
    expect(evaluate("${upper(var.reg)}", s, d, "p")).toBe(`\${${MODULE_REF}upper(var.reg)}`);
    expect(evaluate('${regex_replace(var.reg, "^http://", "")}', s, d, "p")).toBe(`\${${MODULE_REF}replace(var.reg, "/^http:///", "")}`);
    expect(d.items).toEqual([]);
    // A for expression over an input cannot be carried: it names the --var to pass.
    evaluate("${[for x in var.reg : x]}", s, d, "job.j.group.g.count");
    expect(d.items.map((i) => i.code)).toEqual(["N2K-HCL-004"]);
    expect(d.items[0].message).toContain("--var reg=…");
  });

  it("expands dynamic blocks; one over a job variable without value fails naming the --var", () => {
    const d = new Diagnostics();
    const s = buildScope({ variable: { names: [{ default: ["a", "b"] }], other: [{}] } }, {}, d);
    const raw = { dynamic: { template: [{ for_each: "${var.names}", content: [{ destination: "local/${template.value}.txt", data: "#${template.key}" }] }] } };
    expect(evaluate(raw, s, d, "job.j.group.g.task.t")).toEqual({
      template: [
        { destination: "local/a.txt", data: "#0" },
        { destination: "local/b.txt", data: "#1" },
      ],
    });
    expect(d.items).toEqual([]);
    evaluate({ dynamic: { template: [{ for_each: "${var.other}", content: [{ data: "x" }] }] } }, s, d, "job.j.group.g.task.t");
    expect(d.items.map((i) => [i.code, i.path])).toEqual([["N2K-HCL-004", "job.j.group.g.task.t.dynamic.template"]]);
    expect(d.items[0].message).toContain("--var other=…");
  });

  it("returns literals as they are and still evaluates templates beside them, in lists and objects", () => {
    const d = new Diagnostics();
    const s = buildScope({ variable: { n: [{ default: "x" }] } }, {}, d);
    const raw = { a: 1, b: null, c: true, d: "plain $ and % text", e: ["${var.n}", 2, null, "%{ if true }y%{ endif }", "$${kept}"], f: [{ g: "${var.n}-1" }], h: [] };
    expect(evaluate(raw, s, d, "p")).toEqual({ a: 1, b: null, c: true, d: "plain $ and % text", e: ["x", 2, null, "y", "$${kept}"], f: [{ g: "x-1" }], h: [] });
    expect(evaluate([undefined, "t"], s, d, "p")).toEqual([null, "t"]);
    expect(d.items).toEqual([]);
  });

  it("keeps key order around dynamic blocks: generated ones follow those written out, a malformed one is evaluated as is", () => {
    const d = new Diagnostics();
    const s = buildScope({ variable: { names: [{ default: ["a"] }] } }, {}, d);
    const raw = { a: "x", template: [{ data: "w" }], dynamic: { template: [{ for_each: "${var.names}", content: [{ data: "${template.value}" }] }] }, z: "${var.names[0]}" };
    const out = evaluate(raw, s, d, "job.j.group.g.task.t") as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(["a", "template", "z"]);
    expect(out.template).toEqual([{ data: "w" }, { data: "a" }]);
    expect(out.z).toBe("a");
    expect(evaluate({ dynamic: { x: [{ content: [{}] }] }, b: 1 }, s, d, "p")).toEqual({ dynamic: { x: [{ content: [{}] }] }, b: 1 });
    expect(d.items).toEqual([]);
  });

  it("renames an input that would clash with a standard module variable", () => {
    const d = new Diagnostics();
    const s = buildScope({ variable: { namespace: [{}] } }, {}, d);
    expect(s.inputs.get("namespace")?.name).toBe("nomad_namespace");
    expect(d.items.map((i) => i.code)).toEqual(["N2K-HCL-008"]);
  });

  it("builds the scope from defaults, variables blocks, --var values and locals", () => {
    const d = new Diagnostics();
    const s = buildScope(
      {
        variable: { a: [{ default: "x" }], n: [{ type: "${number}" }], l: [{ type: "${list(number)}" }], o: [{ type: "${object({a = string, b = optional(number, 7)})}" }], b: [{ type: "${bool}" }] },
        variables: [{ c: "from-block" }],
        locals: [{ b: "${local.c}-b", c: "${var.a}-c" }],
      },
      { n: "5", l: '["1", 2]', o: "{ a = 3 }", b: "true" },
      d,
    );
    expect(s.vars).toEqual({ a: "x", n: 5, l: [1, 2], o: { a: "3", b: 7 }, b: true, c: "from-block" });
    expect(s.local("b")).toBe("x-c-b");
    expect(d.items).toEqual([]);
  });

  it("fails a --var that does not convert, naming the path and both types", () => {
    const d = new Diagnostics();
    buildScope({ variable: { n: [{ type: "${number}" }], l: [{ type: "${list(number)}" }] } }, { n: "five", l: '["1", "x"]' }, d);
    expect(d.items.map((i) => [i.code, i.message])).toEqual([
      ["N2K-HCL-007", 'variable "n": expected number, got string'],
      ["N2K-HCL-007", 'variable "l"[1]: expected number, got string'],
    ]);
  });

  it("splits templates around interpolations and directives", () => {
    expect(splitTemplate('a${var.x}b%{ if y }c%{ endif }${f("}")}')).toEqual([
      { kind: "text", text: "a" },
      { kind: "interp", expr: "var.x" },
      { kind: "text", text: "b" },
      { kind: "directive", expr: "if y" },
      { kind: "text", text: "c" },
      { kind: "directive", expr: "endif" },
      { kind: "interp", expr: 'f("}")' },
    ]);
  });
});

describe("literal values in scope", () => {
  it("reads file() through the access it is given, as literal text", () => {
    const d = new Diagnostics();
    const files = { read: (p: string) => (p === "app.conf" ? Buffer.from("port ${PORT}\n") : undefined), list: () => ["a.txt", "sub/b.txt", "c.md"] };
    const s = buildScope({}, {}, d, files);
    expect(evaluate('${file("app.conf")}', s, d, "p")).toBe("port $${PORT}\n");
    expect(evaluate('${fileexists("app.conf")}', s, d, "p")).toBe(true);
    expect(evaluate('${filebase64("app.conf")}', s, d, "p")).toBe(Buffer.from("port ${PORT}\n").toString("base64"));
    expect(evaluate('${fileset(".", "**/*.txt")}', s, d, "p")).toEqual(["a.txt", "sub/b.txt"]);
    expect(d.items).toEqual([]);
    // A file that is not there: its content becomes a module input.
    expect(evaluate('${file("conf/missing.txt")}', s, d, "p")).toBe(`\${${MODULE_REF}var.file_missing_txt}`);
    expect(s.inputs.get("\0file_missing_txt")?.description).toContain("Content of conf/missing.txt");
    expect(d.items).toEqual([]);
  });

  it("keeps an escaped dollar-brace in a variable default literal wherever it is used", () => {
    const d = new Diagnostics();
    const s = buildScope({ variable: { x: [{ default: "a$${b}" }] } }, {}, d);
    expect(s.vars.x).toBe("a${b}");
    expect(evaluate("${var.x}", s, d, "p")).toBe("a$${b}");
    expect(evaluate("${var.x}-y", s, d, "p")).toBe("a$${b}-y");
  });
});
