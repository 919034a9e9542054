import { describe, expect, it } from "vitest";
import { checkFiles } from "../../src/check/check-files.js";
import { Diagnostics } from "../../src/diagnostics.js";
import { sqliteEvidence } from "../../src/infer/evidence.js";
import type { Group } from "../../src/nomad/model.js";
import type { ModulePlan } from "../../src/plan/model.js";

// Both scans skip text that holds none of the words a match needs: these cases pin what is
// still found (and what is not) around those words.
function group(env: Record<string, string>, args: string[] = [], data = ""): Group {
  const task = { name: "app", path: "job.j.group.g.task.app", env, config: { image: "example/app:1", args }, templates: data ? [{ destination: "local/app.conf", data, path: "job.j.group.g.task.app.template[0]" }] : [] };
  return { tasks: [task] } as unknown as Group;
}

describe("sqliteEvidence", () => {
  it("finds database paths and URLs in env, args and templates, and nothing in other text", () => {
    expect(sqliteEvidence(group({ DB: "/data/app.db" }), []).dbPath).toBe("/data/app.db");
    expect(sqliteEvidence(group({}, ["--db", "sqlite3:///var/lib/x.sqlite3"]), []).dbPath).toBe("/var/lib/x.sqlite3");
    expect(sqliteEvidence(group({ URL: "sqlite://state/app" }), []).dbPath).toBe("/state/app");
    expect(sqliteEvidence(group({}, [], "path = /srv/data.sqlite\n"), []).evidence.map((e) => e.detail)).toEqual(["SQLite database path /srv/data.sqlite"]);
    expect(sqliteEvidence(group({ N: 3 as unknown as string, U: undefined as unknown as string }, [null as unknown as string]), []).evidence).toEqual([]);
    expect(sqliteEvidence(group({ A: "/data/app.dbx", B: "mysql://db/x", C: "/data/db/file" }, ["--sql", "SQLITE"], "no database"), []).evidence).toEqual([]);
  });
});

describe("checkFiles", () => {
  it("reports leaked JavaScript values and only them", async () => {
    const codes = async (text: string) => {
      const d = new Diagnostics();
      await checkFiles({ "main.tf": text }, {} as ModulePlan, d, false);
      return d.items.map((i) => i.message);
    };
    expect(await codes('a = "[object Object]"\n')).toEqual(['main.tf contains "[object Object]" (a nomad2k8s bug)']);
    expect(await codes("a = undefined\n")).toEqual(['main.tf contains "= undefined" (a nomad2k8s bug)']);
    expect(await codes("a = [1, NaN]\n")).toEqual(['main.tf contains ", NaN" (a nomad2k8s bug)']);
    expect(await codes('a = "undefinedness"\nb = "NaN"\nc = NaNa\n')).toEqual([]);
    expect(await codes("a = 1")).toEqual(["main.tf does not end with a newline (a nomad2k8s bug)"]);
  });
});
