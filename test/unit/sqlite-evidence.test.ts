import { describe, expect, it } from "vitest";
import { sqliteEvidence } from "../../src/infer/evidence.js";
import type { Group, Template } from "../../src/nomad/model.js";

function group(opts: { env?: Record<string, string>; image?: string; templates?: Partial<Template>[] }): Group {
  const templates = (opts.templates ?? []).map((t, i) => ({ destination: "local/x", env: false, path: `job.j.group.g.task.app.template[${i}]`, ...t }));
  const task = { name: "app", path: "job.j.group.g.task.app", env: opts.env ?? {}, config: { image: opts.image ?? "example/app:1", args: [] }, templates };
  return { tasks: [task] } as unknown as Group;
}

const VAULTWARDEN = [{ image: "vaultwarden/server", dbPath: "/data/db.sqlite3", dbEnv: { name: "DATABASE_URL", format: "{path}" } }];

describe("SQLite evidence: only a database the app really opens", () => {
  it("takes a *.db path only where a database setting or SQLite is named", () => {
    expect(sqliteEvidence(group({ templates: [{ data: "example.com {\n  file /zones/example.com.db\n}\n" }] }), []).evidence).toEqual([]);
    expect(sqliteEvidence(group({ env: { ZONE: "/zones/example.com.db" } }), []).evidence).toEqual([]);
    expect(sqliteEvidence(group({ env: { DB_FILE: "/data/app.db" } }), []).dbPath).toBe("/data/app.db");
    expect(sqliteEvidence(group({ templates: [{ data: "[database]\nDB_TYPE = sqlite3\nPATH = /data/gitea.db\n" }] }), []).dbPath).toBe("/data/gitea.db");
  });

  it("drops a known image whose database URL points at another server, in env or an env template", () => {
    expect(sqliteEvidence(group({ image: "vaultwarden/server:1.30", env: { DATABASE_URL: "postgresql://vw@db/vw" } }), VAULTWARDEN).evidence).toEqual([]);
    const fromVault = group({ image: "vaultwarden/server:1.30", templates: [{ env: true, data: 'DATABASE_URL={{ with secret "kv/vw" }}{{ .Data.url }}{{ end }}\n' }] });
    expect(sqliteEvidence(fromVault, VAULTWARDEN).evidence).toEqual([]);
    expect(sqliteEvidence(group({ image: "vaultwarden/server:1.30", env: { DB_TYPE: "mysql" } }), VAULTWARDEN).evidence).toEqual([]);
  });

  it("knows how to move the database: the env var holding its path, else the image's setting", () => {
    expect(sqliteEvidence(group({ env: { DATABASE_URL: "sqlite:///var/lib/app/app.db" } }), []).relocate).toEqual({ task: "app", env: "DATABASE_URL", format: "sqlite://{path}" });
    const known = sqliteEvidence(group({ image: "vaultwarden/server:1.30" }), VAULTWARDEN);
    expect(known).toMatchObject({ dbPath: "/data/db.sqlite3", dbPathFrom: { image: "vaultwarden/server" }, relocate: { task: "app", env: "DATABASE_URL", format: "{path}" } });
    expect(sqliteEvidence(group({ image: "linuxserver/sonarr:4" }), [{ image: "linuxserver/sonarr", dbPath: "/config/sonarr.db" }]).relocate).toBeUndefined();
  });

  it("marks the job's own Litestream (tasks and config)", () => {
    const g = group({ templates: [{ destination: "local/litestream.yml", data: "dbs:\n  - path: /alloc/db.sqlite3\n    replica:\n      url: s3://b/db\n" }] });
    (g.tasks as unknown[]).push({ name: "ls", path: "job.j.group.g.task.ls", env: {}, config: { image: "litestream/litestream:0.5.2", args: ["replicate"] }, templates: [] });
    expect(sqliteEvidence(g, []).own).toEqual({ tasks: ["ls"], configs: ["local/litestream.yml"] });
  });
});
