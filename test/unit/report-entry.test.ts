import { describe, expect, it } from "vitest";
import { readableRefs } from "../../src/plan/hcl-value.js";
import { slim } from "../../src/report/build-report.js";
import { MODULE_REF } from "../../src/nomad/template-string.js";

describe("report entry helpers", () => {
  it("readableRefs shows marked references in both forms and leaves other text as it is", () => {
    expect(readableRefs("port 8080 for ${NOMAD_PORT_http}")).toBe("port 8080 for ${NOMAD_PORT_http}");
    expect(readableRefs("a=\uE000var.x\uE001 b")).toBe("a=${var.x} b");
    expect(readableRefs(`image \${${MODULE_REF}var.reg}/app`)).toBe("image ${var.reg}/app");
    expect(readableRefs("")).toBe("");
  });

  it("slim keeps code, message and only the present optional fields, in this order", () => {
    expect(Object.entries(slim({ code: "N2K-A-001", severity: "warning", message: "m \uE000var.x\uE001", job: "j", file: "f" }))).toEqual([
      ["code", "N2K-A-001"],
      ["message", "m ${var.x}"],
    ]);
    const full = slim({ code: "N2K-A-002", severity: "manual", message: "m", path: "job.j", line: 3, hint: "set \uE000var.y\uE001", blocking: true });
    expect(JSON.stringify(full)).toBe('{"code":"N2K-A-002","message":"m","path":"job.j","line":3,"hint":"set ${var.y}","severity":"error"}');
    expect(Object.keys(slim({ code: "N2K-A-003", severity: "info", message: "m", path: "", line: 0, hint: "" }))).toEqual(["code", "message"]);
  });
});
