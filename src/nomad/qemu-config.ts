import { bool, str, strList } from "./fields.js";
import type { QemuConfig } from "./model.js";
import type { Reader } from "./reader.js";

/**
 * The qemu driver's `config`: the disk image, how qemu runs it and the guest ports
 * (`port_map { label = guest port }`, also filled into `portMap` for a legacy task network).
 */
export function readQemuConfig(task: Reader, portMap: Record<string, number>): QemuConfig {
  const r = task.blocks("config")[0];
  const vm: QemuConfig = { portMap: {} };
  if (!r) return vm;
  // `port_map { ssh = 22 }`: a block, a map, or a list of one map, as docker's.
  for (const m of r.blocks("port_map")) {
    for (const k of m.keys()) {
      const n = Number(m.get(k, str));
      if (Number.isInteger(n) && n > 0) vm.portMap[k] = portMap[k] = n;
    }
    m.finish();
  }
  Object.assign(vm, {
    imagePath: r.get("image_path", str),
    accelerator: r.get("accelerator", str),
    driveInterface: r.get("drive_interface", str),
    graphics: r.get("graphics", bool),
    guestAgent: r.get("guest_agent", bool),
    args: r.get("args", strList),
    emulator: r.get("emulator", str),
  });
  r.finish();
  return vm;
}
