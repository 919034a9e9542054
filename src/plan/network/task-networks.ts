import type { Diagnostics } from "../../diagnostics.js";
import type { Group, NomadJob, Task } from "../../nomad/model.js";
import { runsAsContainer } from "../../nomad/normalize-task.js";

// Outside bridge mode, Nomad's docker driver gives every task a network namespace of its own:
// two tasks of one group may both listen on 8080, and each reaches the other only through its
// published ports. A pod has one network, so such tasks become workloads of their own (each
// with its Service), as they ran. Tasks that share files through the allocation directory stay
// in one pod: a pod's volumes cannot be shared across pods. Process drivers (exec, raw_exec,
// java) get no network namespace outside bridge mode: their tasks shared the node's network
// and dialled each other on 127.0.0.1, so they stay containers of one pod.
const HOST_NETWORK_DRIVERS = new Set(["exec", "exec2", "raw_exec", "java"]);

/** The job with every group whose main tasks had their own networks split into one group per task. */
export function splitTaskNetworks(job: NomadJob, diags: Diagnostics): NomadJob {
  const taken = new Set(job.groups.map((g) => g.name));
  const groups = job.groups.flatMap((g) => splitGroup(g, taken, diags));
  return groups.length === job.groups.length ? job : { ...job, groups };
}

function splitGroup(group: Group, taken: Set<string>, diags: Diagnostics): Group[] {
  if (group.networkMode && group.networkMode !== "host") return [group];
  // A host-network task is split off too: its pod goes on the node's network, the others do not.
  const mains = group.tasks.filter((t) => !t.lifecycle && runsAsContainer(t));
  if (mains.length < 2 || mains.every((t) => HOST_NETWORK_DRIVERS.has(t.driver))) return [group];
  const clash = clashingPort(group, mains.filter((t) => t.config.networkMode !== "host"));
  const own = mains.filter((t) => t.ownNetwork);
  if (!clash && !own.length) return [group];
  const why = clash ? `tasks ${clash.tasks.map((t) => `"${t}"`).join(" and ")} both listen on port ${clash.port}` : `task${own.length > 1 ? "s" : ""} ${own.map((t) => `"${t.name}"`).join(", ")} declare${own.length > 1 ? "" : "s"} a network of ${own.length > 1 ? "their" : "its"} own`;
  if (mains.some(sharesAllocDir)) {
    diags.warn("N2K-NET-005", `group "${group.name}": ${why} (separate network namespaces on Nomad), but its tasks share the allocation directory, so they stay in one pod`, { path: group.path, hint: "give the tasks distinct ports, or move what they share to a volume both workloads mount" });
    return [group];
  }
  const helpers = group.tasks.filter((t) => !mains.includes(t));
  const labelsOf = (task: Task) => new Set([...task.config.ports, ...task.services.map((s) => s.port).filter((p): p is string => !!p)]);
  const owned = new Set(mains.flatMap((t) => [...labelsOf(t)]));
  const parts = mains.map((task, i) => {
    const labels = new Set([...labelsOf(task), ...(i === 0 ? helpers.flatMap((h) => [...labelsOf(h)]) : [])]);
    // Named after the task, unless another group has that name.
    const name = taken.has(task.name) && task.name !== group.name ? `${group.name}-${task.name}` : task.name;
    taken.add(name);
    // A group service goes with the task serving its port; one no task names stays with the first.
    const services = group.services.filter((s) => (s.port && owned.has(s.port) ? labels.has(s.port) : i === 0));
    for (const s of services) if (s.port) labels.add(s.port);
    return {
      ...group,
      name,
      ports: group.ports.filter((p) => labels.has(p.label)),
      services,
      // Helpers (prestart, sidecars) ran beside the first task's network.
      tasks: i === 0 ? group.tasks.filter((t) => t === task || helpers.includes(t)) : [task],
    };
  });
  diags.changed("N2K-NET-005", `group "${group.name}": ${why}; on Nomad each task had its own network namespace, so each becomes a workload with its own Service: ${parts.map((p) => `"${p.name}"`).join(", ")}`, { path: group.path });
  return parts;
}

/** Two main tasks that listen on one container port number (dynamic ports get distinct numbers). */
function clashingPort(group: Group, mains: Task[]): { port: number; tasks: string[] } | undefined {
  const owner = new Map<number, string>();
  for (const t of mains) {
    for (const label of new Set(t.config.ports)) {
      const p = group.ports.find((x) => x.label === label);
      const n = p?.to && p.to > 0 ? p.to : p?.static;
      if (!n) continue;
      const first = owner.get(n);
      if (first !== undefined && first !== t.name) return { port: n, tasks: [first, t.name] };
      owner.set(n, t.name);
    }
  }
  return undefined;
}

/** A task that reads or writes the allocation directory other tasks of its group see. */
function sharesAllocDir(t: Task): boolean {
  const texts = [...t.config.volumes, ...t.config.mounts.map((m) => m.source ?? ""), ...Object.values(t.env), ...(t.config.args ?? []), t.config.command ?? "", ...t.templates.map((x) => `${x.destination} ${x.data ?? ""}`)];
  return texts.some((s) => /(^|[\s"'=:/.])alloc\/|NOMAD_ALLOC_DIR/.test(s));
}
