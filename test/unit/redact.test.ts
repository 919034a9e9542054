import { describe, expect, it } from "vitest";
import { firstLine } from "../../src/redact.js";

describe("firstLine", () => {
  it("keeps the first line of a message from elsewhere, cut and inert", () => {
    expect(firstLine("\n  denied: no token\nstack: at x\n")).toBe("denied: no token");
    expect(firstLine("a".repeat(400))).toHaveLength(300);
    expect(firstLine("abcdef", 3)).toBe("abc");
    expect(firstLine("bad\u001b[31m red\tx")).toBe("bad\\x1b[31m red\\x09x");
  });
});
