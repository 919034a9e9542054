import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { NOT_CARRIED } from "../src/nomad/not-carried.js";
import { ROOT } from "./helpers.js";

// The user documentation lives in the repository: README and docs/ link only to each other
// (or to the web), and the mapping lists every attribute the normalizers leave out.

const DOCS = ["README.md", "data/README.md", ...readdirSync(join(ROOT, "docs")).map((f) => `docs/${f}`)];

describe("documentation", () => {
  it("links only to files of this repository that exist, or to the web", () => {
    const broken: string[] = [];
    for (const doc of DOCS) {
      const text = readFileSync(join(ROOT, doc), "utf8");
      for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1].split("#")[0];
        if (/^https?:\/\//.test(target) || target === "") continue;
        const full = resolve(dirname(join(ROOT, doc)), target);
        if (relative(ROOT, full).startsWith("..") || !existsSync(full)) broken.push(`${doc}: ${m[1]}`);
      }
      if (text.includes("../shared")) broken.push(`${doc}: mentions ../shared`);
    }
    expect(broken).toEqual([]);
  });

  it("README links the contract, the mapping and the codes", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    for (const doc of ["docs/module-contract.md", "docs/mapping.md", "docs/diagnostics.md"]) expect(readme).toContain(`](${doc})`);
  });

  it("the mapping lists every attribute the normalizers leave out, under its block", () => {
    const mapping = readFileSync(join(ROOT, "docs", "mapping.md"), "utf8");
    const sections = new Map<string, string>();
    for (const part of mapping.split(/^### /m).slice(1)) sections.set(part.slice(0, part.indexOf("\n")), part);
    const heading: Record<keyof typeof NOT_CARRIED, string> = {
      JOB: "job",
      GROUP: "group",
      NETWORK: "group network and ports",
      PORT: "group network and ports",
      TASK_NETWORK: "group network and ports",
      EPHEMERAL_DISK: "ephemeral_disk, restart and group volumes",
      RESTART: "ephemeral_disk, restart and group volumes",
      GROUP_VOLUME: "ephemeral_disk, restart and group volumes",
      SERVICE: "service and check",
      CHECK: "service and check",
      TASK: "task, device and resources",
      DEVICE: "task, device and resources",
      RESOURCES: "task, device and resources",
      DOCKER_CONFIG: "docker config and mounts",
      DOCKER_MOUNT: "docker config and mounts",
      TEMPLATE: "template",
    };
    const missing: string[] = [];
    for (const [table, keys] of Object.entries(NOT_CARRIED)) {
      const section = sections.get(heading[table as keyof typeof NOT_CARRIED]);
      if (!section) {
        missing.push(`no section for ${table}`);
        continue;
      }
      for (const key of Object.keys(keys)) if (!section.includes(`\`${key}\``)) missing.push(`${table}.${key}`);
    }
    expect(missing).toEqual([]);
  });
});
