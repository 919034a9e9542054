import type { Diagnostics } from "../../diagnostics.js";
import type { QemuConfig, Task } from "../../nomad/model.js";

// qemu flags an operator must redo in the VirtualMachine spec, with where they go.
const IMPORTANT_ARGS: [RegExp, string][] = [
  [/^-m$/, "-m (memory: resources.memory is the guest memory)"],
  [/^-cpu$/, "-cpu (spec.template.spec.domain.cpu.model, e.g. host-passthrough)"],
  [/^-(drive|hd[a-d]|cdrom)$/, "-drive/-hdX/-cdrom (more disks: domain.devices.disks + volumes)"],
  [/^-(bios|pflash)$/, "-bios/-pflash (UEFI: domain.firmware.bootloader.efi)"],
  [/^-(device|usb|usbdevice)$/, "-device (devices: domain.devices)"],
  [/^-(netdev|net|nic)$/, "-netdev/-net (networks: interfaces and Multus networks)"],
  [/^-(machine|M)$/, "-machine (domain.machine.type)"],
  [/^-(vnc|display|spice)$/, "-vnc/-display (virtctl vnc)"],
  [/^-(serial|chardev)$/, "-serial (virtctl console)"],
  [/^-(object|fw_cfg|smbios)$/, "-object/-smbios (domain.firmware, features)"],
];

/** accelerator, graphics, guest agent and qemu args: what KubeVirt does instead, and what is not carried. */
export function reportQemuSettings(task: Task, checks: string[], qemu: QemuConfig, diags: Diagnostics): void {
  const at = `${task.path}.config`;
  const accel = (qemu.accelerator ?? "tcg").toLowerCase();
  if (accel === "kvm") diags.changed("N2K-VM-001", "accelerator kvm: KubeVirt runs every VM with KVM; the nodes need /dev/kvm (a prerequisite in the report)", { path: `${at}.accelerator` });
  else {
    diags.warn("N2K-VM-001", `accelerator ${qemu.accelerator ?? "tcg (qemu's default)"}: Nomad ran the VM emulated; KubeVirt uses KVM and schedules it only on nodes with /dev/kvm`, {
      path: `${at}.accelerator`,
      hint: "on nodes without KVM, set spec.configuration.developerConfiguration.useEmulation = true in the KubeVirt CR (cluster-wide; as slow as on Nomad)",
    });
  }
  if (qemu.graphics) diags.changed("N2K-VM-004", "graphics = true: KubeVirt attaches a VNC display; open it with virtctl vnc <vm>", { path: `${at}.graphics` });
  if (qemu.guestAgent) diags.changed("N2K-VM-004", "guest_agent = true: KubeVirt talks to qemu-guest-agent in the guest on its own channel", { path: `${at}.guest_agent` });
  const args = (qemu.args ?? []).filter((a, i, all) => !(a === "-smp" || all[i - 1] === "-smp" || a.startsWith("-smp=")));
  if (args.length) {
    const important = IMPORTANT_ARGS.filter(([re]) => args.some((a) => re.test(a.split("=")[0]))).map(([, what]) => what);
    diags.warn("N2K-VM-003", `qemu args are not carried over (KubeVirt builds the qemu command line): ${args.join(" ")}${important.length ? `; among them ${important.join("; ")}` : ""}`, {
      path: `${at}.args`,
      hint: "redo each in the VirtualMachine spec (an override file for main.tf); -smp became the core count",
    });
  }
  const parts = [
    ...(Object.keys(task.env).length ? ["env"] : []),
    ...(task.templates.length ? ["templates"] : []),
    ...(task.volumeMounts.length ? ["volume_mount"] : []),
    ...(task.artifacts.length > 1 ? ["artifacts other than the disk image"] : []),
    ...(checks.length ? [`the ${checks.join(", ")} check${checks.length > 1 ? "s" : ""} (KubeVirt probes a VM over http or tcp only)`] : []),
  ];
  if (parts.length) {
    diags.warn("N2K-VM-005", `qemu task "${task.name}": ${parts.join(", ")} not carried over (the guest has its own disk and no task directory; KubeVirt makes the pod)`, {
      path: task.path,
      hint: "give files to the guest with a cloudInitNoCloud or configMap disk, an exec probe through the guest agent, in the VirtualMachine spec (an override file for main.tf)",
    });
  }
}
