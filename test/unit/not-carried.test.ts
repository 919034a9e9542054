import { describe, expect, it } from "vitest";
import { NOT_CARRIED } from "../../src/nomad/not-carried.js";
import { Diagnostics } from "../../src/diagnostics.js";
import { Reader, type Claim } from "../../src/nomad/reader.js";

describe("the not-carried table", () => {
  const entries = Object.entries(NOT_CARRIED).flatMap(([block, table]) => Object.entries(table).map(([key, v]) => ({ block, key, v })));

  it("gives every ignored key a reason and every reported key a stable code and message", () => {
    for (const { block, key, v } of entries) {
      if (typeof v === "string") expect(v.length, `${block}.${key}`).toBeGreaterThan(10);
      else {
        expect(v.code, `${block}.${key}`).toMatch(/^N2K-[A-Z]+-\d{3}$/);
        expect(v.message.length, `${block}.${key}`).toBeGreaterThan(10);
      }
    }
  });

  it("uses each code for one meaning only", () => {
    const byCode = new Map<string, Set<string>>();
    for (const { v } of entries) if (typeof v !== "string") byCode.set(v.code, (byCode.get(v.code) ?? new Set()).add(v.message.split(" ")[0]));
    for (const [code, firstWords] of byCode) expect(firstWords.size, code).toBeLessThanOrEqual(2);
  });

  it("claims what it handles and reports it under its code", () => {
    const d = new Diagnostics();
    const claims: Claim[] = [];
    const r = new Reader({ region: "eu", datacenters: ["a"], other: 1 }, "job.x", d, claims);
    r.notCarried(NOT_CARRIED.JOB);
    r.finish();
    expect(claims.map((c) => [c.path, c.how])).toEqual([
      ["job.x.datacenters", "ignored"],
      ["job.x.region", "reported"],
      ["job.x.other", "reported"],
    ]);
    expect(d.items.map((i) => i.code)).toEqual(["N2K-IGNORED", "N2K-JOB-002", "N2K-UNKNOWN-001"]);
  });
});
