import { NOT_CARRIED } from "./not-carried.js";
import { readMeta } from "./read-meta.js";
import { inSourceOrder } from "./parse-file.js";
import type { Reader } from "./reader.js";
import type { Group, GroupVolume, Port } from "./model.js";
import { bool, duration, durationSeconds, int, str } from "./fields.js";
import { isDistinctHosts, readConstraints, readServices } from "./normalize-service.js";
import { readRestartAttempts, readTask } from "./normalize-task.js";
import { scopeLegacyPortLabels } from "./legacy-ports.js";
import { readUpdate } from "./read-update.js";

export function readGroup(name: string, r: Reader, source: string, start = 0): Group {
  for (const x of scopeLegacyPortLabels(r.raw)) {
    // The renamed label is read under its new name; its place in the file is claimed here.
    for (const at of [`resources.network.port.${x.from}`, `config.port_map.${x.from}`]) r.claims.push({ path: `${r.path}.task.${x.task}.${at}`, how: "mapped", reason: `renamed ${x.to}` });
    r.warn("N2K-PORT-004", `task "${x.task}" defines port "${x.from}" that another network of the group defines too; it is renamed "${x.to}" within the task`, `task.${x.task}.resources.network`);
  }
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
  let stickyDisk: Group["stickyDisk"];
  for (const d of r.blocks("ephemeral_disk")) {
    ephemeralDiskMb = d.get("size", int);
    const migrate = d.get("migrate", bool) ?? false;
    // Nomad hands the previous allocation's data to the next one when either is set.
    stickyDisk = d.get("sticky", bool) || migrate ? { migrate, path: `${r.path}.ephemeral_disk` } : undefined;
    d.notCarried(NOT_CARRIED.EPHEMERAL_DISK);
    d.finish();
  }
  const restartAttempts = readRestartAttempts(r);
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
  const legacyPorts: Port[] = [];
  const group: Group = {
    name,
    count: r.get("count", int) ?? 1,
    update: readUpdate(r),
    ports,
    networkMode,
    services: readServices(r),
    volumes,
    tasks: inSourceOrder(r.labelled("task"), "task", source, start).map(([tname, t]) => readTask(tname, t, source, legacyPorts)),
    ephemeralDiskMb,
    ...(stickyDisk ? { stickyDisk } : {}),
    restartAttempts,
    shutdownDelaySeconds: durationSeconds(r.get("shutdown_delay", duration)),
    ...(reschedule(r.raw.reschedule, `${r.path}.reschedule`) ?? {}),
    constraints: constraints.filter((c) => c.operator !== "distinct_hosts"),
    distinctHosts: constraints.some(isDistinctHosts),
    gateway: gatewayKind(r.raw.service),
    meta: readMeta(r),
    path: r.path,
  };
  addLegacyPorts(group, legacyPorts);
  r.notCarried(NOT_CARRIED.GROUP);
  r.finish();
  return group;
}

/** Legacy task-level ports join the group's ports, as a group port `p` with `to` = the port_map value would. */
function addLegacyPorts(group: Group, legacy: Port[]): void {
  for (const p of legacy) if (!group.ports.some((x) => x.label === p.label)) group.ports.push({ ...p });
}

function gatewayKind(services: unknown): string | undefined {
  const list = (Array.isArray(services) ? services : [services]) as Record<string, unknown>[];
  for (const s of list) {
    for (const c of [s?.connect].flat() as Record<string, unknown>[]) {
      for (const g of [c?.gateway].flat() as Record<string, unknown>[]) {
        const kind = g && ["ingress", "terminating", "mesh"].find((k) => g[k] !== undefined);
        if (kind) return kind;
      }
    }
  }
  return undefined;
}

/**
 * `reschedule { attempts, unlimited }` as written (the block stays "left out": Kubernetes
 * reschedules pods itself); batch jobs count its attempts into the Job's retries.
 */
export function reschedule(raw: unknown, path: string): { reschedule: NonNullable<Group["reschedule"]> } | undefined {
  const block = (Array.isArray(raw) ? raw[0] : raw) as Record<string, unknown> | undefined;
  if (!block || typeof block !== "object") return undefined;
  const attempts = typeof block.attempts === "number" ? block.attempts : undefined;
  const unlimited = typeof block.unlimited === "boolean" ? block.unlimited : undefined;
  return attempts === undefined && unlimited === undefined ? undefined : { reschedule: { attempts, unlimited, path } };
}
