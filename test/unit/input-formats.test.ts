import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Diagnostics, JobError } from "../../src/diagnostics.js";
import { discoverInputs } from "../../src/io/discover.js";
import { int, str, strList, bool } from "../../src/nomad/fields.js";
import { rawFromApiJob, snakeCase } from "../../src/nomad/parse-api-json.js";
import { parseFile } from "../../src/nomad/parse-file.js";
import { parseHcl1 } from "../../src/nomad/parse-hcl1.js";
import { Reader } from "../../src/nomad/reader.js";

describe("HCL1 job files", () => {
  it("reshapes HCL1's block lists into hcl2json's labelled-block maps", () => {
    const raw = parseHcl1('job "a" {\n  group "g" {\n    task "t" { driver = "docker" },\n    task "u" { driver = "docker" }\n  }\n}\n');
    expect(Object.keys((raw.job as Record<string, unknown>).a as object)).toEqual(["0"]);
    const group = ((raw.job as any).a[0].group.g[0]) as any;
    expect(Object.keys(group.task).sort()).toEqual(["t", "u"]);
    expect(group.task.t[0].driver).toBe("docker");
  });

  it("keeps the last of a repeated argument, merges repeated lists and reads quoted keys", () => {
    const raw = parseHcl1('job "a" {\n  group "g" {\n    task "t" {\n      env {\n        "MY_KEY" = "x"\n      }\n      service {\n        port = "a"\n        port = "b"\n        tags = ["x"]\n        tags = ["y"]\n      }\n    }\n  }\n}\n') as any;
    const task = raw.job.a[0].group.g[0].task.t[0];
    expect(task.env[0]).toEqual({ MY_KEY: "x" });
    expect(task.service[0]).toMatchObject({ port: "b", tags: ["x", "y"] });
  });

  it("is tried when HCL2 rejects a file; a file both reject gets the HCL2 error and a hint", async () => {
    const ok = await parseFile("old.nomad", 'job "a" {\n  update { stagger = "10s"\n  }\n}\n');
    expect(ok.format).toBe("hcl1");
    const err = await parseFile("bad.nomad", 'job "x" {\n  a = \n}\n').catch((e) => e);
    expect(err).toBeInstanceOf(JobError);
    expect(err.diagnostic).toMatchObject({ code: "N2K-PARSE-001", line: 2, hint: expect.stringContaining("HCL1") });
  });
});

describe("API JSON jobs", () => {
  it("maps PascalCase API fields into the raw shape, dropping server fields and defaults", () => {
    const raw = rawFromApiJob({
      ID: "web",
      Region: "global",
      Priority: 50,
      CreateIndex: 3,
      Status: "running",
      TaskGroups: [
        {
          Name: "g",
          Count: 2,
          Networks: [{ Mode: "bridge", DynamicPorts: [{ Label: "http", Value: 0, To: 80 }], ReservedPorts: [{ Label: "adm", Value: 9000 }] }],
          Services: [{ Name: "web", PortLabel: "http", Tags: ["a"], Checks: [{ Type: "tcp", Interval: 10e9, Timeout: 1.5e9 }] }],
          Tasks: [{ Name: "t", Driver: "docker", Config: { image: "nginx" }, Env: { FOO_BAR: "1" }, Resources: { CPU: 100, MemoryMB: 64, MemoryMaxMB: 0 }, Templates: [{ DestPath: "local/x", EmbeddedTmpl: "${a} %{b}" }] }],
        },
      ],
    }) as any;
    const job = raw.job.web[0];
    expect(job.region).toBeUndefined();
    expect(job.priority).toBeUndefined();
    expect(job.create_index).toBeUndefined();
    const g = job.group.g[0];
    expect(g.count).toBe(2);
    expect(g.network[0]).toEqual({ mode: "bridge", port: { adm: [{ static: 9000 }], http: [{ to: 80 }] } });
    expect(g.service[0]).toMatchObject({ name: "web", port: "http", tags: ["a"], check: [{ type: "tcp", interval: "10s", timeout: "1500ms" }] });
    const t = g.task.t[0];
    expect(t).toMatchObject({ driver: "docker", config: [{ image: "nginx" }], env: [{ FOO_BAR: "1" }], resources: [{ cpu: 100, memory: 64 }] });
    expect(t.template[0]).toEqual({ destination: "local/x", data: "$${a} %%{b}" });
  });

  it("snake-cases fields it has no rule for", () => {
    expect(snakeCase("MaxClientDisconnect")).toBe("max_client_disconnect");
    expect(snakeCase("GRPCService")).toBe("grpc_service");
  });

  it("reads JSON whatever the extension, and refuses JSON that is not a job", async () => {
    const parsed = await parseFile("job.nomad", JSON.stringify({ Job: { ID: "x", Type: "service", TaskGroups: [] } }));
    expect(parsed.format).toBe("json");
    const err = await parseFile("package.json", JSON.stringify({ name: "x" })).catch((e) => e);
    expect(err).toBeInstanceOf(JobError);
    expect(err.diagnostic.code).toBe("N2K-SPEC-002");
  });

  it("is discovered in folders only when the JSON holds a job", async () => {
    const dir = mkdtempSync(join(tmpdir(), "n2k-disc-"));
    mkdirSync(join(dir, "sub"));
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "app" }));
    writeFileSync(join(dir, "sub", "api.json"), JSON.stringify({ Job: { ID: "x", TaskGroups: [] } }));
    writeFileSync(join(dir, "broken.json"), "{ not json");
    writeFileSync(join(dir, "old.job"), 'job "y" {\n}\n');
    writeFileSync(join(dir, "notes.job"), "cron: daily\n");
    const found = await discoverInputs([dir]);
    expect(found.files.map((f) => f.slice(dir.length + 1)).sort()).toEqual(["old.job", "sub/api.json"]);
  });
});

describe("type conversion as Nomad's HCL2 decoder does", () => {
  const read = (raw: Record<string, unknown>) => {
    const d = new Diagnostics();
    return { r: new Reader(raw, "job.x", d, []), d };
  };

  it("turns numbers and bools into strings, numeric strings into numbers", () => {
    const { r, d } = read({ perms: 755, value: true, count: "3", memory: " 512 ", args: ["-p", 80, false], flag: "true" });
    expect(r.get("perms", str)).toBe("755");
    expect(r.get("value", str)).toBe("true");
    expect(r.get("count", int)).toBe(3);
    expect(r.get("memory", int)).toBe(512);
    expect(r.get("args", strList)).toEqual(["-p", "80", "false"]);
    expect(r.get("flag", bool)).toBe(true);
    expect(d.items).toEqual([]);
  });

  it("names the path, the expected type and the given type when a value cannot convert", () => {
    const { r, d } = read({ count: "three", image: ["a"], args: ["a", { b: 1 }], sidecar: 1 });
    r.get("count", int);
    r.get("image", str);
    r.get("args", strList);
    r.get("sidecar", bool);
    expect(d.items.map((i) => [i.code, i.path, i.message])).toEqual([
      ["N2K-SPEC-001", "job.x.count", 'count: expected a whole number, got a string ("three")'],
      ["N2K-SPEC-001", "job.x.image", 'image: expected a string, got a list (["a"])'],
      ["N2K-SPEC-001", "job.x.args[1]", 'args[1]: expected a list of strings, got a map ({"b":1})'],
      ["N2K-SPEC-001", "job.x.sidecar", "sidecar: expected true or false, got a number (1)"],
    ]);
    expect(d.items.some((i) => /Invalid input/.test(i.message))).toBe(false);
  });
});

describe("jobs Nomad reads with implied structure", () => {
  it("reads a task written directly in the job as a group of the same name", async () => {
    const { convert } = await import("../../src/convert.js");
    const { defaultSiteConfig } = await import("../../src/config/site-config.js");
    const text = 'job "tick" {\n  type = "batch"\n  task "tick" {\n    driver = "docker"\n    config {\n      image = "busybox:1.36"\n      command = "date"\n    }\n  }\n}\n';
    const r = await convert([{ file: "tick.nomad.hcl", text }], { config: defaultSiteConfig() });
    expect(r.jobs.map((j) => [j.status, j.nomad?.groups.map((g) => [g.name, g.count, g.tasks.map((t) => t.name)])])).toEqual([["converted", [["tick", 1, ["tick"]]]]]);
  });

  it("runs a group of prestart tasks alone as its last task, as Nomad runs them", async () => {
    const { convert } = await import("../../src/convert.js");
    const { defaultSiteConfig } = await import("../../src/config/site-config.js");
    const text = 'job "once" {\n  type = "batch"\n  group "g" {\n    task "prep" {\n      driver = "docker"\n      lifecycle {\n        hook = "prestart"\n      }\n      config {\n        image = "busybox:1.36"\n      }\n    }\n    task "run" {\n      driver = "docker"\n      lifecycle {\n        hook = "prestart"\n      }\n      config {\n        image = "example/run:1"\n      }\n    }\n  }\n}\n';
    const r = await convert([{ file: "once.nomad.hcl", text }], { config: defaultSiteConfig() });
    expect(r.jobs[0].status).toBe("converted");
    const w = r.jobs[0].plan!.workloads[0];
    expect([w.pod.initContainers.length, w.pod.containers.length]).toEqual([1, 1]);
  });
});
