import type { Diagnostics } from "../../diagnostics.js";
import type { Artifact, Task } from "../../nomad/model.js";
import type { Variable, VirtualMachinePlan } from "../model.js";
import { expr } from "../hcl-value.js";

type Disk = VirtualMachinePlan["disk"];

const OCI = /^(?:docker|oci):\/\//;
const ARCHIVE = /\.(zip|tar|tgz|tar\.gz|tar\.bz2|tbz2|tar\.xz|txz|tar\.zst)$/i;

/**
 * The VM's boot disk. An OCI image (the site config's image for the group, or a `docker://`
 * artifact) is a containerDisk; an http(s) artifact is imported by CDI into a DataVolume whose
 * size the operator sets; anything else leaves the module a required image input.
 */
export function planDisk(task: Task, override: string | undefined, variables: Variable[], diags: Diagnostics): Disk {
  const vm = task.vm!;
  const bus = diskBus(vm.driveInterface, task, diags);
  if (override) return { bus, containerDisk: override };
  const artifact = imageArtifact(task);
  const source = artifact?.source ?? "";
  if (OCI.test(source)) return { bus, containerDisk: source.replace(OCI, "") };
  if (artifact && /^https?:\/\//.test(source)) {
    notCarriedOptions(artifact, diags);
    variables.push({ name: "disk_size", description: `Size of the VM disk CDI imports from ${source} (room for the image's virtual size and what the guest writes), e.g. "20Gi"`, type: "string" });
    diags.manual("N2K-VM-002", `the VM disk is imported by CDI from ${source} into a DataVolume: set variable "disk_size" (at least the image's virtual size, plus what the guest writes)`, {
      path: artifact.path,
      blocking: true,
      hint: `qemu-img info <image> gives the virtual size; give it with -var disk_size=20Gi before terraform apply. The disk persists across VM restarts (Nomad downloaded the image again for every new allocation)${ARCHIVE.test(source) ? `; ${source} is an archive, which CDI does not unpack: host the disk image itself (raw, qcow2 or iso, optionally .gz/.xz) and change the URL` : ""}`,
    });
    return { bus, dataVolume: { url: source, size: expr("var.disk_size") } };
  }
  variables.push({ name: "disk_image", description: `A KubeVirt containerDisk image holding the VM disk Nomad ran from ${vm.imagePath ?? "its image_path"}`, type: "string" });
  const where = artifact ? `artifact ${source}, which CDI cannot import (only http(s) and container images)` : `${vm.imagePath ?? "no image_path"} on the Nomad client`;
  diags.manual("N2K-VM-006", `the VM disk came from ${where}: set variable "disk_image" to a containerDisk image that holds it`, {
    path: artifact?.path ?? `${task.path}.config.image_path`,
    blocking: true,
    hint: 'build one with a Dockerfile "FROM scratch" + "ADD --chown=107:107 <disk>.qcow2 /disk/", push it, and give it with -var disk_image=<registry>/<repo>:<tag>; or import the disk into a PVC with virtctl image-upload and point the VM at it in an override file',
  });
  return { bus, containerDisk: expr("var.disk_image") };
}

/** The artifact image_path names (`local/vm.img` ← an artifact into `local/`), else the first. */
function imageArtifact(task: Task): Artifact | undefined {
  const path = (task.vm?.imagePath ?? "").replace(/^\.?\/+/, "");
  const file = path.split("/").pop() ?? "";
  const named = task.artifacts.find((a) => {
    const base = a.source.split(/[?#]/)[0].split("/").pop() ?? "";
    return !!file && (base === file || base.startsWith(`${file}.`) || file.startsWith(base));
  });
  return named ?? task.artifacts[0];
}

/** go-getter options CDI's http source has no field for. */
function notCarriedOptions(a: Artifact, diags: Diagnostics): void {
  const lost = [...Object.keys(a.options).map((k) => `options.${k}`), ...(Object.keys(a.headers).length ? ["headers"] : [])];
  if (!lost.length) return;
  diags.warn("N2K-VM-007", `artifact ${a.source}: ${lost.join(", ")} not carried to the CDI import (it verifies no checksum and sends no extra header)`, {
    path: a.path,
    hint: "check the image after the import; headers (a token) go in a Secret named by the DataVolume's secretExtraHeaders, in an override file",
  });
}

/** qemu's drive_interface (default ide) as a KubeVirt disk bus, which has no ide. */
function diskBus(driveInterface: string | undefined, task: Task, diags: Diagnostics): string {
  const d = (driveInterface ?? "ide").toLowerCase();
  if (d === "virtio" || d === "scsi" || d === "sata") return d;
  if (d === "ide") {
    diags.changed("N2K-VM-004", `drive_interface ${driveInterface ?? "ide (qemu's default)"} becomes the sata bus: KubeVirt has no IDE bus; the guest still sees /dev/sdX`, { path: `${task.path}.config.drive_interface` });
    return "sata";
  }
  diags.warn("N2K-VM-004", `drive_interface ${driveInterface} has no KubeVirt bus; the disk is on virtio (the guest needs virtio drivers)`, { path: `${task.path}.config.drive_interface` });
  return "virtio";
}
