import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load-config.js";
import { defaultSiteConfig } from "../../src/config/site-config.js";
import { convert } from "../../src/convert.js";

const task = (name: string, extra = "") => `
    task "${name}" {
      driver = "docker"
      ${extra}
      config {
        image = "busybox:1.36"
        args  = ["echo", "${name}"]
      }
    }`;

const job = (head: string, tasks: string) => `
job "nodes" {
  type = "sysbatch"
  ${head}
  group "g" {
    network {
      port "http" { to = 8080 }
    }
    service {
      port = "http"
      check {
        type     = "http"
        path     = "/"
        interval = "10s"
        timeout  = "2s"
      }
    }
    ${tasks}
  }
}`;

async function run(text: string, config = defaultSiteConfig()) {
  const result = await convert([{ file: "nodes.nomad.hcl", text }], { config });
  return result.jobs[0];
}

describe("sysbatch: a DaemonSet that runs the tasks once per node", () => {
  it("runs prestart then main tasks as init containers, keeps sidecars, waits in a pause container", async () => {
    const r = await run(job("", [task("first"), task("second"), task("pre", 'lifecycle { hook = "prestart" }'), task("logs", 'lifecycle {\n hook = "poststart"\n sidecar = true\n }')].join("\n")));
    expect(r.status).toBe("converted");
    const [w] = r.plan!.workloads;
    expect(w.kind).toBe("daemon_set");
    expect(w.pod.initContainers.map((c) => c.task)).toEqual(["pre", "first", "second"]);
    expect(w.pod.containers.map((c) => c.name)).toEqual(["wait", "logs"]);
    expect(w.pod.containers[0].image).toBe("registry.k8s.io/pause:3.10");
    // The API server refuses probes on init containers; the check's probe is dropped.
    for (const c of w.pod.initContainers) expect([c.livenessProbe, c.readinessProbe, c.startupProbe]).toEqual([undefined, undefined, undefined]);
    // Not Ready while the init containers run: a Service would never have endpoints.
    expect(r.plan!.services).toEqual([]);
    const job009 = r.diagnostics.filter((d) => d.code === "N2K-JOB-009").map((d) => d.message);
    expect(job009).toHaveLength(2);
    expect(job009[0]).toMatch(/"first", "second" run once per node .* ran side by side on Nomad; init containers run one after another/);
    expect(job009[0]).toMatch(/sidecar task "logs" start only after the run/);
    expect(job009[1]).toMatch(/no Service for port 8080/);
  });

  it("takes the wait image from the site config", async () => {
    const config = parseConfig({ sysbatch: { waitImage: "mirror.local/pause:3.9" } });
    const r = await run(job("", task("only")), config);
    expect(r.plan!.workloads[0].pod.containers.map((c) => c.image)).toEqual(["mirror.local/pause:3.9"]);
    expect(r.plan!.workloads[0].pod.initContainers.map((c) => c.task)).toEqual(["only"]);
  });

  it("skips a periodic or parameterized sysbatch job, naming the manual ways", async () => {
    for (const head of ['periodic {\n cron = "@daily"\n }', "parameterized {}"]) {
      const r = await run(job(head, task("prune")));
      expect(r.status).toBe("skipped");
      const d = r.diagnostics.find((x) => x.code === "N2K-JOB-010")!;
      expect(d.message).toMatch(/never once on each node/);
      expect(d.hint).toMatch(/one CronJob per node .* DaemonSet whose container repeats the task/);
    }
  });
});
