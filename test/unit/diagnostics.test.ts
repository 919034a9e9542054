import { describe, expect, it } from "vitest";
import { asksForEdit, Diagnostics, EDIT_HINT } from "../../src/diagnostics.js";

describe("Diagnostics", () => {
  it("points manual steps that change the module at override files, not steps done outside it", () => {
    const d = new Diagnostics();
    d.manual("N2K-CONSUL-001", "replace db.service.consul in env DB_HOST");
    d.manual("N2K-LITE-008", "put the Litestream keys in the secret store", { hint: "key apps/x, bucket b" });
    d.manual("N2K-INGRESS-004", "router r uses middlewares auth@file");
    expect(d.items.map((x) => x.hint)).toEqual([EDIT_HINT, "key apps/x, bucket b", undefined]);
    expect(asksForEdit({ code: "N2K-X-001", message: "set variable \"x\": …" })).toBe(false);
  });

  it("keeps one of each code, path, message and job; severity and hint do not count", () => {
    const d = new Diagnostics({ job: "j", file: "f.nomad" });
    d.warn("N2K-A-001", "m", { path: "p" });
    d.info("N2K-A-001", "m", { path: "p", hint: "other" });
    d.warn("N2K-A-001", "m", { path: "q" });
    d.warn("N2K-A-001", "m", { path: "p", job: "k" });
    expect(d.items.map((x) => `${x.path}/${x.job}/${x.severity}`)).toEqual(["p/j/warning", "q/j/warning", "p/k/warning"]);
  });

  it("adds again an item that a stage spliced out", () => {
    const d = new Diagnostics();
    d.manual("N2K-A-002", "set it", { path: "p" });
    d.info("N2K-A-003", "other");
    d.items.splice(0, 1);
    d.manual("N2K-A-002", "set it", { path: "p" });
    d.manual("N2K-A-002", "set it", { path: "p" });
    expect(d.items.map((x) => x.code)).toEqual(["N2K-A-003", "N2K-A-002"]);
  });

  it("builds the same item, keys in the same order, through add and the helpers", () => {
    const a = new Diagnostics({ job: "j", file: "f" });
    const b = new Diagnostics({ job: "j", file: "f" });
    a.add({ code: "N2K-A-004", severity: "error", message: "m", path: "p", job: "override", line: 3 });
    b.error("N2K-A-004", "m", { path: "p", job: "override", line: 3 });
    expect(JSON.stringify(b.items)).toBe(JSON.stringify(a.items));
    expect(Object.keys(a.items[0])).toEqual(["job", "file", "code", "severity", "message", "path", "line"]);
  });

  it("gives each helper its severity and keeps an extra key given as undefined, as add() does", () => {
    const a = new Diagnostics({ file: "f" });
    const b = new Diagnostics({ file: "f" });
    for (const [severity, call] of [["error", b.error], ["warning", b.warn], ["manual", b.manual], ["info", b.info]] as const) {
      a.add({ code: `N2K-B-${severity}`, severity, message: "m", hint: undefined });
      call.call(b, `N2K-B-${severity}`, "m", { hint: undefined });
    }
    b.info("N2K-B-none", "no extra");
    a.add({ code: "N2K-B-none", severity: "info", message: "no extra" });
    expect(b.items).toEqual(a.items);
    expect(b.items.map((x) => Object.keys(x).join())).toEqual(a.items.map((x) => Object.keys(x).join()));
    expect(Object.keys(b.items[0])).toEqual(["file", "code", "severity", "message", "hint"]);
  });

  it("keeps a hint changed in place and still de-duplicates that item", () => {
    const d = new Diagnostics();
    d.warn("N2K-A-005", "m", { path: "p" });
    d.items[0].hint = "later";
    d.warn("N2K-A-005", "m", { path: "p", hint: "new" });
    expect(d.items).toHaveLength(1);
    expect(d.items[0].hint).toBe("later");
  });
});
