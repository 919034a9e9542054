import { describe, expect, it } from "vitest";
import { defaultSiteConfig } from "../../src/config/site-config.js";
import { convert } from "../../src/convert.js";
import type { VirtualMachinePlan } from "../../src/plan/model.js";
import { expr } from "../../src/plan/hcl-value.js";
import { virtualMachineManifest } from "../../src/render/manifests.js";

const vmPlan = (over: Partial<VirtualMachinePlan> = {}): VirtualMachinePlan => ({
  tfName: "vm",
  name: expr("local.app_name"),
  group: "g",
  task: "vm",
  cores: 2,
  memory: "2Gi",
  cpu: "2000m",
  disk: { bus: "virtio", containerDisk: "quay.io/containerdisks/fedora:40" },
  ports: [{ port: 22 }],
  graphics: false,
  archValues: ["amd64"],
  archOperator: "In",
  comments: [],
  ...over,
});

// The yamlencode() argument of a manifest, as data.
const body = (vm: VirtualMachinePlan) => (virtualMachineManifest(vm) as { args: [Record<string, any>] }).args[0];

describe("KubeVirt VirtualMachine manifest", () => {
  it("boots a containerDisk with the cores, memory and forwarded guest ports", () => {
    const m = body(vmPlan());
    expect([m.apiVersion, m.kind, m.spec.runStrategy]).toEqual(["kubevirt.io/v1", "VirtualMachine", "Always"]);
    expect(m.spec.dataVolumeTemplates).toBeUndefined();
    const spec = m.spec.template.spec;
    expect(spec.domain.cpu).toEqual({ cores: 2 });
    expect(spec.domain.resources.requests).toEqual({ cpu: "2000m", memory: "2Gi" });
    expect(spec.domain.devices.disks).toEqual([{ name: "disk0", disk: { bus: "virtio" } }]);
    expect(spec.domain.devices.interfaces).toEqual([{ name: "default", masquerade: {}, ports: [{ port: 22 }] }]);
    expect(spec.domain.devices.autoattachGraphicsDevice).toBe(false);
    expect(spec.volumes).toEqual([{ name: "disk0", containerDisk: { image: "quay.io/containerdisks/fedora:40" } }]);
    // The Service selects the virt-launcher pod by this label.
    expect(m.spec.template.metadata.labels.args[1]).toEqual({ "kubevirt.io/domain": expr("local.app_name") });
  });

  it("imports an http image into a DataVolume of the given size", () => {
    const m = body(vmPlan({ disk: { bus: "sata", dataVolume: { url: "https://example.org/vm.qcow2", size: expr("var.disk_size") } }, graphics: true }));
    expect(m.spec.dataVolumeTemplates).toEqual([
      { metadata: { name: { $tpl: [expr("local.app_name"), "-disk"] } }, spec: { source: { http: { url: "https://example.org/vm.qcow2" } }, storage: { resources: { requests: { storage: expr("var.disk_size") } } } } },
    ]);
    expect(m.spec.template.spec.volumes).toEqual([{ name: "disk0", dataVolume: { name: { $tpl: [expr("local.app_name"), "-disk"] } } }]);
    expect(m.spec.template.spec.domain.devices.autoattachGraphicsDevice).toBeUndefined();
  });
});

const job = (config: string, extra = "") => `
job "vm" {
  group "g" {
    network {
      port "ssh" {}
    }
    task "vm" {
      driver = "qemu"
      ${extra}
      config {
        ${config}
      }
      resources {
        cpu    = 1000
        memory = 1024
        ${""}
      }
    }
  }
}`;

describe("qemu tasks as VirtualMachines", () => {
  it("passes the CRD shape and provider checks, with a Service on the guest port", async () => {
    const text = job('image_path = "local/vm.qcow2"\n accelerator = "kvm"\n args = ["-smp", "2", "-cpu", "host"]\n port_map { ssh = 22 }', 'artifact {\n source = "https://example.org/images/vm.qcow2"\n }');
    const result = await convert([{ file: "vm.nomad.hcl", text }], { config: defaultSiteConfig(), verify: true });
    const r = result.jobs[0];
    expect(r.status, JSON.stringify(r.diagnostics.filter((d) => d.severity === "error"))).toBe("converted");
    const vm = r.plan!.virtualMachines[0];
    expect([vm.cores, vm.memory, vm.disk.bus, vm.ports]).toEqual([2, "1Gi", "sata", [{ port: 22 }]]);
    expect(vm.disk.dataVolume?.url).toBe("https://example.org/images/vm.qcow2");
    expect(r.plan!.services[0].selector).toEqual({ "kubevirt.io/domain": expr("local.app_name") });
    expect(r.plan!.services[0].ports).toEqual([{ port: 22, targetPort: 22 }]);
    const codes = r.diagnostics.map((d) => `${d.code}:${d.severity}`);
    expect(codes).toEqual(expect.arrayContaining(["N2K-DRIVER-007:warning", "N2K-VM-002:manual", "N2K-VM-003:warning", "N2K-VM-001:info"]));
    expect(r.diagnostics.find((d) => d.code === "N2K-VM-003")!.message).toMatch(/-cpu host.*-cpu \(spec\.template\.spec\.domain\.cpu\.model/);
    expect(r.needs!.prerequisites.map((p) => p.id)).toEqual(expect.arrayContaining(["operator:kubevirt", "operator:cdi"]));
  });

  it("takes a docker:// artifact as a containerDisk; an image only on the client is a required input", async () => {
    const oci = await convert([{ file: "vm.nomad.hcl", text: job('image_path = "local/disk.img"', 'artifact {\n source = "docker://quay.io/containerdisks/debian:12"\n }') }], { config: defaultSiteConfig() });
    expect(oci.jobs[0].plan!.virtualMachines[0].disk).toEqual({ bus: "sata", containerDisk: "quay.io/containerdisks/debian:12" });
    expect(oci.jobs[0].needs!.prerequisites.map((p) => p.id)).not.toContain("operator:cdi");
    const host = await convert([{ file: "vm.nomad.hcl", text: job('image_path = "/srv/vms/win.img"\n drive_interface = "virtio"') }], { config: defaultSiteConfig() });
    const r = host.jobs[0];
    expect(r.plan!.virtualMachines[0].disk).toEqual({ bus: "virtio", containerDisk: expr("var.disk_image") });
    expect(r.plan!.variables.find((v) => v.name === "disk_image")?.default).toBeUndefined();
    expect(r.diagnostics.find((d) => d.code === "N2K-VM-006")).toMatchObject({ severity: "manual", blocking: true });
  });

  it("says a count of several VMs is one VirtualMachine", async () => {
    const text = job('image_path = "/srv/vm.img"').replace('group "g" {', 'group "g" {\n count = 3');
    const r = (await convert([{ file: "vm.nomad.hcl", text }], { config: defaultSiteConfig() })).jobs[0];
    expect(r.diagnostics.find((d) => d.code === "N2K-VM-008")?.message).toMatch(/count = 3: the module runs one VirtualMachine/);
  });

  it("keeps a qemu task in a batch job skipped", async () => {
    const text = job('image_path = "/srv/vm.img"').replace('job "vm" {', 'job "vm" {\n type = "batch"');
    const r = (await convert([{ file: "vm.nomad.hcl", text }], { config: defaultSiteConfig() })).jobs[0];
    expect(r.status).toBe("skipped");
    expect(r.diagnostics.map((d) => d.code)).toContain("N2K-DRIVER-001");
  });
});
