import type { Diagnostics } from "../../diagnostics.js";
import { allocDataUses } from "../../infer/sticky-disk.js";
import type { Group } from "../../nomad/model.js";
import type { Container } from "../model.js";
import { dnsLabel } from "../names.js";
import { mount, type PodVolumes } from "./pod-volumes.js";

/**
 * `ephemeral_disk { sticky = true }` (or `migrate`) kept the allocation's alloc/data and the
 * tasks' local/ directories across updates. When a task keeps its data in alloc/data (a
 * database's `--dbpath`), that directory is a host path under the storage root, as Pattern C
 * keeps persisted data; otherwise the empty_dir stays and the report says what it loses.
 */
export function planStickyDisk(group: Group, containers: Container[], pod: PodVolumes, ctx: { appName: string; multi: boolean; root: string; diags: Diagnostics }): void {
  const disk = group.stickyDisk;
  if (!disk) return;
  const { diags } = ctx;
  const how = disk.migrate ? "(on the same node, or moved to another node: migrate)" : "(on the same node: sticky)";
  const alloc = pod.volumes.find((v) => v.name === "alloc" && v.emptyDir);
  const uses = allocDataUses(group);
  if (!uses.length || !alloc) {
    diags.warn("N2K-VOL-015", `ephemeral_disk: Nomad kept alloc/data and each task's local/ directory across updates ${how}; no task names alloc/data, so the pod's alloc and local directories are empty_dir: files a task writes there at run time (caches, downloads, state it keeps in local/) start empty after every rollout or reschedule`, {
      path: disk.path,
      hint: "if a task keeps data there, mount a host path (or a PersistentVolumeClaim) at that directory in an override file",
    });
    return;
  }
  const path = `${ctx.root.replace(/\/+$/, "")}/${dnsLabel(ctx.multi ? `${ctx.appName}-${group.name}` : ctx.appName)}-alloc-data`;
  const size = group.ephemeralDiskMb ? ` (the disk was ${group.ephemeralDiskMb} MB)` : "";
  const name = pod.hostPath("alloc-data", path, "Directory", {
    nomad: `alloc/data of the allocation (sticky ephemeral_disk${disk.migrate ? ", migrate" : ""})`,
    copy: `copy the running allocation's alloc/data folder (<Nomad data_dir>/alloc/<alloc id>/alloc/data on its client) to ${path} on the node, or create it empty, before the first start${size}`,
  });
  for (const c of containers) {
    for (const m of c.volumeMounts) {
      if (m.name !== alloc.name || !m.subPath || !/^data(\/|$)/.test(m.subPath)) continue;
      m.name = name;
      const rest = m.subPath.replace(/^data\/*/, "");
      if (rest) m.subPath = rest;
      else delete m.subPath;
    }
    for (const m of [...c.volumeMounts]) {
      if (m.name !== alloc.name || m.subPath) continue;
      const target = `${m.mountPath.replace(/\/+$/, "")}/data`;
      if (!c.volumeMounts.some((x) => x.mountPath === target)) c.volumeMounts.push(mount(name, target, { readOnly: m.readOnly }));
    }
  }
  const who = uses.map((u) => `"${u.task}" (${u.where})`).join(", ");
  diags.manual("N2K-VOL-016", `ephemeral_disk: Nomad kept alloc/data across updates ${how}, and task${uses.length > 1 ? "s" : ""} ${who} keep${uses.length > 1 ? "" : "s"} data there: alloc/data is the host path ${path} (type Directory), so rollouts keep it as Nomad did`, {
    path: disk.path,
    blocking: true,
    hint: `before the first apply, copy the running allocation's alloc/data folder (<Nomad data_dir>/alloc/<alloc id>/alloc/data on its client) to ${path} on the node, or create it empty; it must have room for the data${size}`,
  });
}
