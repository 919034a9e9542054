import { NOT_CARRIED } from "./not-carried.js";
import { readMeta } from "./read-meta.js";
import { inSourceOrder } from "./parse-file.js";
import type { Reader } from "./reader.js";
import type { Group, GroupVolume, Port } from "./model.js";
import { bool, int, str } from "./fields.js";
import { readConstraints, readServices } from "./normalize-service.js";
import { readTask } from "./normalize-task.js";

export function readGroup(name: string, r: Reader, source: string, start = 0): Group {
  const ports: Port[] = [];
  let networkMode: string | undefined;
  for (const n of r.blocks("network")) {
    networkMode = n.get("mode", str);
    for (const [label, p] of [...n.labelled("port"), ...n.labelled("reserved_ports"), ...n.labelled("dynamic_ports")]) {
      ports.push({ label, to: p.get("to", int), static: p.get("static", int) });
      p.notCarried(NOT_CARRIED.PORT);
      p.finish();
    }
    n.notCarried(NOT_CARRIED.NETWORK);
    n.finish();
  }
  let ephemeralDiskMb: number | undefined;
  for (const d of r.blocks("ephemeral_disk")) {
    ephemeralDiskMb = d.get("size", int);
    d.notCarried(NOT_CARRIED.EPHEMERAL_DISK);
    d.finish();
  }
  let restartAttempts: number | undefined;
  for (const rs of r.blocks("restart")) {
    restartAttempts = rs.get("attempts", int);
    rs.notCarried(NOT_CARRIED.RESTART);
    rs.finish();
  }
  const volumes: GroupVolume[] = r.labelled("volume").map(([vname, v]) => {
    const vol: GroupVolume = {
      name: vname,
      type: (v.get("type", str) ?? "host") as GroupVolume["type"],
      source: v.get("source", str) ?? vname,
      readOnly: v.get("read_only", bool) ?? false,
    };
    v.notCarried(NOT_CARRIED.GROUP_VOLUME);
    v.finish();
    return vol;
  });
  const constraints = readConstraints(r);
  const group: Group = {
    name,
    count: r.get("count", int) ?? 1,
    ports,
    networkMode,
    services: readServices(r),
    volumes,
    tasks: inSourceOrder(r.labelled("task"), "task", source, start).map(([tname, t]) => readTask(tname, t, source)),
    ephemeralDiskMb,
    restartAttempts,
    constraints: constraints.filter((c) => c.operator !== "distinct_hosts"),
    distinctHosts: constraints.some((c) => c.operator === "distinct_hosts" && c.value !== "false"),
    meta: readMeta(r),
    path: r.path,
  };
  r.notCarried(NOT_CARRIED.GROUP);
  r.finish();
  return group;
}
