import { describe, expect, it } from "vitest";
import { scopeLegacyPortLabels } from "../../src/nomad/legacy-ports.js";

describe("legacy task port labels", () => {
  it("renames a colliding hyphenated label, and its env var spelling (NOMAD_PORT_web_ui) with it", () => {
    const port = (label: string) => [{ network: [{ port: [{ [label]: [{}] }] }] }];
    const group = {
      task: [
        { a: [{ resources: port("web-ui"), config: [{ ports: ["web-ui"] }] }] },
        { b: [{ resources: port("web-ui"), config: [{ ports: ["web-ui"], args: ["--listen=:${NOMAD_PORT_web_ui}", "${NOMAD_ALLOC_ADDR_web-ui}"] }] }] },
      ],
    };
    expect(scopeLegacyPortLabels(group)).toEqual([{ task: "b", from: "web-ui", to: "b_web_ui" }]);
    const b = (group.task[1].b[0] as { config: { args: string[] }[] }).config[0];
    expect(b.args).toEqual(["--listen=:${NOMAD_PORT_b_web_ui}", "${NOMAD_ALLOC_ADDR_b_web_ui}"]);
  });
});
