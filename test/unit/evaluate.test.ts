import { describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/diagnostics.js";
import { evaluate, evalExpr } from "../../src/nomad/evaluate.js";
import { buildScope } from "../../src/nomad/scope.js";
import { splitTemplate } from "../../src/nomad/template-string.js";

const scope = { vars: { image: "nginx", n: 3, list: ["a", "b"], m: { k: "v" } }, locals: { host: "x.example.com" } };

describe("HCL2 evaluation", () => {
  it("keeps the type of a whole-value reference", () => {
    const d = new Diagnostics();
    expect(evaluate("${var.n}", scope, d, "p")).toBe(3);
    expect(evaluate("${var.list}", scope, d, "p")).toEqual(["a", "b"]);
    expect(d.items).toEqual([]);
  });

  it("interpolates references, indexes and pure functions", () => {
    const d = new Diagnostics();
    expect(evaluate("${var.image}:${var.list[1]}", scope, d, "p")).toBe("nginx:b");
    expect(evaluate('${upper(local.host)}-${var.m["k"]}', scope, d, "p")).toBe("X.EXAMPLE.COM-v");
    expect(evalExpr('join("-", var.list)', scope)).toBe("a-b");
    expect(evalExpr('format("%s=%d", "a", 2)', scope)).toBe("a=2");
  });

  it("leaves runtime interpolations and escapes for later stages", () => {
    const d = new Diagnostics();
    expect(evaluate("${NOMAD_PORT_http} $${LITERAL}", scope, d, "p")).toBe("${NOMAD_PORT_http} $${LITERAL}");
    expect(d.items).toEqual([]);
  });

  it("reports what names var/local but cannot be evaluated", () => {
    const d = new Diagnostics();
    expect(evaluate("${var.missing}", scope, d, "job.x.env.A")).toBe("${var.missing}");
    expect(d.items.map((i) => [i.code, i.path])).toEqual([["N2K-HCL-001", "job.x.env.A"]]);
  });

  it("builds the scope from defaults, --var values and locals in dependency order", () => {
    const d = new Diagnostics();
    const raw = {
      variable: { a: [{ default: "x" }], n: [{ type: "${number}" }], req: [{}] },
      locals: [{ b: "${local.c}-b", c: "${var.a}-c" }],
    };
    const s = buildScope(raw, { n: "5" }, d);
    expect(s.vars).toEqual({ a: "x", n: 5 });
    expect(s.locals).toEqual({ b: "x-c-b", c: "x-c" });
    expect(d.items.map((i) => i.code)).toEqual(["N2K-HCL-003"]);
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
  it("reads file() through the reader it is given, as literal text", () => {
    const d = new Diagnostics();
    const s = { vars: {}, locals: {}, readFile: (p: string) => (p === "app.conf" ? "port ${PORT}\n" : undefined) };
    expect(evaluate('${file("app.conf")}', s, d, "p")).toBe("port $${PORT}\n");
    expect(evaluate('${file("missing")}', s, d, "p")).toBe('${file("missing")}');
    expect(d.items.map((i) => i.code)).toEqual(["N2K-HCL-001"]);
  });

  it("keeps an escaped dollar-brace in a variable default literal wherever it is used", () => {
    const d = new Diagnostics();
    const s = buildScope({ variable: { x: [{ default: "a$${b}" }] } }, {}, d);
    expect(s.vars.x).toBe("a${b}");
    expect(evaluate("${var.x}", s, d, "p")).toBe("a$${b}");
    expect(evaluate("${var.x}-y", s, d, "p")).toBe("a$${b}-y");
  });
});
