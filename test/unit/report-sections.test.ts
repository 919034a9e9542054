import { describe, expect, it } from "vitest";
import { defaultSiteConfig } from "../../src/config/site-config.js";
import { convert } from "../../src/convert.js";
import { Diagnostics } from "../../src/diagnostics.js";
import { buildReport } from "../../src/report/build-report.js";
import { jobSection } from "../../src/report/markdown.js";

// An info that says how something was carried over (rewritten, resolved) is not one about an
// attribute left out: the report files it by the diagnostic's own `changed` mark.
const JOB = `
job "My_Shop" {
  group "web" {
    network { port "http" { to = 8080 } }
    ephemeral_disk { size = 600 }
    reschedule { attempts = 1 }
    task "web" {
      driver = "docker"
      config { image = "nginx:1.27" }
      env { JAVA_OPTS = "-Xmx\${NOMAD_MEMORY_LIMIT}m" }
      resources { cpu = 200  memory = 256 }
    }
  }
}`;

describe("report sections of info diagnostics", () => {
  it("diags.changed marks an info; diags.info does not", () => {
    const d = new Diagnostics();
    d.changed("N2K-NAME-001", "renamed");
    d.info("N2K-IGNORED", "left out");
    expect(d.items.map((i) => [i.severity, i.changed ?? false])).toEqual([
      ["info", true],
      ["info", false],
    ]);
  });

  it("lists rewrites under 'Carried over with changes' and only what was left out under 'Deliberately not carried over'", async () => {
    const result = await convert([{ file: "shop.nomad.hcl", text: JOB }], { config: defaultSiteConfig(), vars: {} });
    const [j] = buildReport(result).jobs;
    const changed = (j.changed ?? []).map((d) => d.code);
    expect(changed).toEqual(expect.arrayContaining(["N2K-NAME-001", "N2K-VOL-008", "N2K-INTERP-006"]));
    expect(j.ignored.map((d) => d.code)).toContain("N2K-IGNORED");
    expect(j.ignored.some((d) => ["N2K-NAME-001", "N2K-VOL-008", "N2K-INTERP-006"].includes(d.code))).toBe(false);
    const md = jobSection(j).join("\n");
    const carried = md.slice(md.indexOf("### Carried over with changes"), md.indexOf("### Deliberately not carried over"));
    expect(carried).toContain("`N2K-NAME-001`");
    expect(carried).toContain("`N2K-INTERP-006`");
    expect(md.slice(md.indexOf("### Deliberately not carried over"))).not.toContain("N2K-NAME-001");
  });
});
