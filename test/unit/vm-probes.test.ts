// A qemu VM's service checks as the VirtualMachineInstance's probes (KubeVirt probes http and tcp).
import { describe, expect, it } from "vitest";
import { defaultSiteConfig } from "../../src/config/site-config.js";
import { convert } from "../../src/convert.js";

const vmJob = (checks: string) => `job "vm" {
  datacenters = ["dc1"]
  group "vm" {
    network {
      port "ssh" {
        static = 2222
      }
      port "web" {}
    }
    service {
      name = "vm"
      port = "web"
${checks}
    }
    task "vm" {
      driver = "qemu"
      config {
        image_path = "/srv/vms/app.qcow2"
        port_map {
          ssh = 22
          web = 8080
        }
      }
    }
  }
}
`;
const run = async (checks: string) => {
  const r = await convert([{ file: "vm.nomad.hcl", text: vmJob(checks) }], { config: defaultSiteConfig() });
  return { tf: r.files["vm/main.tf"] ?? "", diags: r.jobs[0].diagnostics };
};

describe("VM probes", () => {
  it("probes the guest port a check names; check_restart gives liveness, its long grace an initial delay", async () => {
    const { tf, diags } = await run(`      check {
        name     = "ssh"
        type     = "tcp"
        port     = "ssh"
        interval = "10s"
        timeout  = "2s"
        check_restart {
          limit = 3
          grace = "120s"
        }
      }`);
    const block = (name: string) => new RegExp(`${name} = \\{\\n([\\s\\S]*?)\\n\\s*\\}\\n`).exec(tf)?.[1] ?? "";
    expect(block("readinessProbe")).toMatch(/tcpSocket\s+= \{ port = 22 \}[\s\S]*periodSeconds\s+= 10/);
    expect(block("livenessProbe")).toMatch(/tcpSocket\s+= \{ port = 22 \}/);
    expect(block("livenessProbe")).toMatch(/failureThreshold\s+= 3/);
    // KubeVirt has no startup probe: check_restart's grace (120s) holds liveness back instead.
    expect(block("livenessProbe")).toMatch(/initialDelaySeconds = 120/);
    expect(diags.some((d) => d.code === "N2K-VM-005")).toBe(false);
  });

  it("leaves out a script check, which KubeVirt could only run through the guest agent", async () => {
    const { tf, diags } = await run(`      check {
        type     = "script"
        command  = "/bin/true"
        interval = "10s"
        timeout  = "2s"
      }`);
    expect(tf).not.toContain("Probe");
    expect(diags.find((d) => d.code === "N2K-VM-005")?.message).toContain("script on vm check");
  });
});
