import { describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/diagnostics.js";
import { evalSource } from "../../src/nomad/hcl/eval-expr.js";
import { FUNCTION_NAMES } from "../../src/nomad/hcl/functions/index.js";
import { buildScope } from "../../src/nomad/scope.js";
import { Unknown } from "../../src/nomad/hcl/value.js";

const scope = buildScope({ variable: { reg: [{}] } }, {}, new Diagnostics());
const ev = (src: string) => evalSource(src, scope);
const fails = (src: string) => {
  try {
    ev(src);
  } catch (err) {
    return (err as Error).message;
  }
  return "did not fail";
};

describe("HCL2 function library", () => {
  it("has every function of Nomad's jobspec2 list", () => {
    const nomad =
      "abs base64decode base64encode bcrypt can ceil chomp chunklist cidrhost cidrnetmask cidrsubnet cidrsubnets coalesce coalescelist compact concat contains convert csvdecode distinct element flatten floor format formatdate formatlist indent index join jsondecode jsonencode keys length log lookup lower max merge min parseint pow range reverse replace regex_replace rsadecrypt setintersection setproduct setunion sha256 sha512 signum slice sort split strlen strrev substr timeadd title trim trimprefix trimspace trimsuffix try upper urlencode uuidv4 uuidv5 values yamldecode yamlencode zipmap abspath basename dirname file filebase64 fileexists fileset pathexpand tostring tonumber tobool tolist tomap toset";
    expect(nomad.split(" ").filter((f) => !FUNCTION_NAMES.includes(f))).toEqual([]);
  });

  it("strings", () => {
    expect(ev('format("%s-%05d|%-4s|%x|%X|%.2f|%q|%v|%#v|%t|%+d|%%|%e|%g", "a", 42, "b", 255, 255, 3.14159, "q\\"", 1.5, {a = 1}, true, 7, 1234.5678, 0.000012)')).toBe('a-00042|b   |ff|FF|3.14|"q\\""|1.5|{"a":1}|true|+7|%|1.234568e+03|1.2e-05');
    expect(ev('format("%[2]s %[1]s", "a", "b")')).toBe("b a");
    expect(fails('format("%d", 1.5)')).toContain("whole number");
    expect(fails('format("%s %s", "a")')).toContain("not enough arguments");
    expect(ev('formatlist("%s=%s", ["a", "b"], "x")')).toEqual(["a=x", "b=x"]);
    expect(ev('formatlist("%s:%s", ["a", "b"], ["1", "2"])')).toEqual(["a:1", "b:2"]);
    expect(ev('join(", ", ["a", "b"], ["c"])')).toBe("a, b, c");
    expect(ev('split(",", "a,,b")')).toEqual(["a", "", "b"]);
    expect(ev('regex_replace("hello world", "(?P<w>o)(r?)", "[$${w}$2]")')).toBe("hell[o] w[or]ld");
    expect(ev('regex_replace("a1b22", "[0-9]+", "<$0>")')).toBe("a<1>b<22>");
    // Go reads "$1x" as the group named "1x" (empty), unlike JavaScript.
    expect(ev('regex_replace("ab", "(a)", "$1x")')).toBe("b");
    expect(ev('regex_replace("ABC", "(?i)b", "-")')).toBe("A-C");
    expect(ev('regex_replace("a1", "[[:digit:]]", "#")')).toBe("a#");
    expect(ev('replace("a.b.c", ".", "-")')).toBe("a-b-c");
    expect(ev('chomp("x\\r\\n\\n")')).toBe("x");
    expect(ev('indent(2, "a\\nb")')).toBe("a\n  b");
    expect(ev('title("hello world-foo")')).toBe("Hello World-Foo");
    expect(ev('trim("?!hello?!", "!?")')).toBe("hello");
    expect(ev('trimprefix("helloworld", "hello")')).toBe("world");
    expect(ev('trimsuffix("helloworld", "world")')).toBe("hello");
    expect(ev('trimspace("  x \\n")')).toBe("x");
    expect(ev('substr("hello world", 1, 4)')).toBe("ello");
    expect(ev('substr("hello", -3, -1)')).toBe("llo");
    expect(ev('strlen("héllo")')).toBe(5);
    expect(ev('strrev("abc")')).toBe("cba");
    expect(ev('upper("a")') + String(ev('lower("B")'))).toBe("Ab");
  });

  it("collections", () => {
    expect(ev('merge({a = 1, b = 2}, {b = 3}, null)')).toEqual({ a: 1, b: 3 });
    expect(ev('lookup({a = "x"}, "a", "d")')).toBe("x");
    expect(ev('lookup({a = "x"}, "z", "d")')).toBe("d");
    expect(fails('lookup({a = "x"}, "z")')).toContain('no key "z"');
    expect(ev('concat(["a"], ["b", "c"])')).toEqual(["a", "b", "c"]);
    expect(ev('flatten([["a", ["b"]], "c", []])')).toEqual(["a", "b", "c"]);
    expect(ev('distinct(["a", "b", "a"])')).toEqual(["a", "b"]);
    expect(ev('compact(["a", "", "b"])')).toEqual(["a", "b"]);
    expect(ev('contains(["a", "b"], "b")')).toBe(true);
    expect(ev('index(["a", "b"], "b")')).toBe(1);
    expect(ev('element(["a", "b", "c"], 4)')).toBe("b");
    expect(ev('keys({b = 1, a = 2})')).toEqual(["a", "b"]);
    expect(ev('values({b = 1, a = 2})')).toEqual([2, 1]);
    expect(ev('length("héllo")')).toBe(5);
    expect(ev('length({a = 1})')).toBe(1);
    expect(ev("range(1, 7, 2)")).toEqual([1, 3, 5]);
    expect(ev("range(3, 0)")).toEqual([3, 2, 1]);
    expect(ev('reverse(["a", "b"])')).toEqual(["b", "a"]);
    expect(ev('slice(["a", "b", "c", "d"], 1, 3)')).toEqual(["b", "c"]);
    expect(ev('sort(["b", "a", "10"])')).toEqual(["10", "a", "b"]);
    expect(ev('chunklist(["a", "b", "c"], 2)')).toEqual([["a", "b"], ["c"]]);
    expect(ev('zipmap(["a", "b"], [1, 2])')).toEqual({ a: 1, b: 2 });
    expect(ev('coalesce("", null, "x")')).toBe("x");
    expect(ev('coalescelist([], ["a"])')).toEqual(["a"]);
    expect(ev('setunion(["b", "a"], ["a", "c"])')).toEqual(["a", "b", "c"]);
    expect(ev('setintersection(["a", "b"], ["b", "c"])')).toEqual(["b"]);
    expect(ev('setproduct(["a", "b"], [1, 2])')).toEqual([["a", 1], ["a", 2], ["b", 1], ["b", 2]]);
  });

  it("numbers", () => {
    expect(ev("abs(-3.5)")).toBe(3.5);
    expect(ev("ceil(1.2)")).toBe(2);
    expect(ev("floor(-1.2)")).toBe(-2);
    expect(ev("log(8, 2)")).toBe(3);
    expect(ev("pow(2, 10)")).toBe(1024);
    expect(ev("max(1, 5, -2)")).toBe(5);
    expect(ev("min(1, 5, -2)")).toBe(-2);
    expect(ev("signum(-7)")).toBe(-1);
    expect(ev('parseint("FF", 16)')).toBe(255);
    expect(ev('parseint("-101", 2)')).toBe(-5);
    expect(fails('parseint("12", 1)')).toContain("between 2 and 62");
  });

  it("encodings", () => {
    expect(ev('base64encode("héllo")')).toBe("aMOpbGxv");
    expect(ev('base64decode("aMOpbGxv")')).toBe("héllo");
    expect(ev('jsonencode({b = [1, "<x>"], a = null})')).toBe('{"a":null,"b":[1,"\\u003cx\\u003e"]}');
    expect(ev('jsondecode("{\\"a\\": [1, true]}")')).toEqual({ a: [1, true] });
    expect(ev('yamlencode({foo = [1, 2], bar = "baz", o = {x = 1}, l = [{a = 1, b = 2}]})')).toBe('"bar": "baz"\n"foo":\n- 1\n- 2\n"l":\n- "a": 1\n  "b": 2\n"o":\n  "x": 1\n');
    expect(ev('yamldecode("a: [1, b]\\nc: {d: true}")')).toEqual({ a: [1, "b"], c: { d: true } });
    expect(ev('csvdecode("a,b\\n1,2\\n3,4\\n")')).toEqual([
      { a: "1", b: "2" },
      { a: "3", b: "4" },
    ]);
    expect(ev('urlencode("a b&c/d~")')).toBe("a+b%26c%2Fd~");
  });

  it("hashes and uuids (deterministic), uuidv4 and bcrypt as module inputs", () => {
    expect(ev('sha256("x")')).toBe("2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881");
    expect(String(ev('sha512("x")')).slice(0, 16)).toBe("a4abd4448c49562d");
    expect(ev('uuidv5("dns", "example.com")')).toBe("cfbff0d1-9375-5685-968c-48ce8b15ae17");
    const s = buildScope({}, {}, new Diagnostics());
    const u = evalSource("uuidv4()", s);
    expect(u).toBeInstanceOf(Unknown);
    expect((u as Unknown).tf).toBe("var.uuidv4_value");
    expect([...s.inputs.values()].map((i) => i.name)).toEqual(["uuidv4_value"]);
  });

  it("networks", () => {
    expect(ev('cidrhost("10.12.112.0/20", 16)')).toBe("10.12.112.16");
    expect(ev('cidrhost("10.12.112.0/20", -2)')).toBe("10.12.127.254");
    expect(ev('cidrhost("fd00:fd12:3456:7890::/56", 16)')).toBe("fd00:fd12:3456:7800::10");
    expect(ev('cidrnetmask("172.16.0.0/12")')).toBe("255.240.0.0");
    expect(ev('cidrsubnet("172.16.0.0/12", 4, 2)')).toBe("172.18.0.0/16");
    expect(ev('cidrsubnet("fd00:fd12:3456:7890::/56", 16, 162)')).toBe("fd00:fd12:3456:7800:a200::/72");
    expect(ev('cidrsubnets("10.1.0.0/16", 4, 4, 8, 4)')).toEqual(["10.1.0.0/20", "10.1.16.0/20", "10.1.32.0/24", "10.1.48.0/20"]);
    expect(fails('cidrsubnet("10.0.0.0/30", 4, 1)')).toContain("not enough");
  });

  it("dates", () => {
    expect(ev('formatdate("DD MMM YYYY hh:mm ZZZ EEE", "2018-01-02T23:12:01Z")')).toBe("02 Jan 2018 11:12 UTC Tue");
    expect(ev(`formatdate("EEEE, MMMM D, YYYY 'at' h:mmaa", "2018-01-02T23:12:01-08:00")`)).toBe("Tuesday, January 2, 2018 at 11:12pm");
    expect(ev('formatdate("YYYY-MM-DD ZZZZZ", "2018-01-02T23:12:01+05:30")')).toBe("2018-01-02 +05:30");
    expect(ev('timeadd("2017-11-22T00:00:00Z", "10m")')).toBe("2017-11-22T00:10:00Z");
    expect(ev('timeadd("2017-11-22T00:00:00+01:00", "-1h30m")')).toBe("2017-11-21T22:30:00+01:00");
    expect(fails('formatdate("x", "2018-01-02T23:12:01Z")')).toContain("must be quoted");
  });

  it("paths and types", () => {
    expect(ev('basename("/a/b/c.txt")')).toBe("c.txt");
    expect(ev('dirname("/a/b/c.txt")')).toBe("/a/b");
    expect(ev('tostring(5)')).toBe("5");
    expect(ev('tonumber("5.5")')).toBe(5.5);
    expect(ev('tobool("true")')).toBe(true);
    expect(ev('tolist(["a", 1])')).toEqual(["a", "1"]);
    expect(ev('toset(["b", "a", "b"])')).toEqual(["a", "b"]);
    expect(ev('tomap({a = 1, b = "x"})')).toEqual({ a: "1", b: "x" });
    expect(ev('convert({a = "1"}, object({a = number, b = optional(string, "z")}))')).toEqual({ a: 1, b: "z" });
    expect(fails('tonumber("five")')).toContain("expected number, got string");
    expect(ev('try(tonumber("five"), 0)')).toBe(0);
    expect(ev('can(tonumber("five"))')).toBe(false);
    expect(fails("nosuch(1)")).toContain("unknown function nosuch()");
  });

  it("renders calls on module inputs as the same Terraform call", () => {
    expect((ev('upper(var.reg)') as Unknown).tf).toBe("upper(var.reg)");
    expect((ev('format("%s/app", var.reg)') as Unknown).tf).toBe('format("%s/app", var.reg)');
    expect((ev('strlen(var.reg)') as Unknown).tf).toBe("length(var.reg)");
    expect((ev('var.reg == "" ? "none" : var.reg') as Unknown).tf).toBe('(var.reg == "") ? "none" : var.reg');
    expect(fails('file(var.reg)')).toContain("--var reg=…");
  });
});
