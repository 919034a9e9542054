import type { Reader } from "./reader.js";
import type { Group, GroupVolume, Port } from "./model.js";
import { bool, int, str } from "./fields.js";
import { readConstraints, readServices } from "./normalize-service.js";
import { readTask } from "./normalize-task.js";

export function readGroup(name: string, r: Reader, source: string): Group {
  const ports: Port[] = [];
  let networkMode: string | undefined;
  for (const n of r.blocks("network")) {
    networkMode = n.get("mode", str);
    for (const [label, p] of [...n.labelled("port"), ...n.labelled("reserved_ports"), ...n.labelled("dynamic_ports")]) {
      ports.push({ label, to: p.get("to", int), static: p.get("static", int) });
      p.ignore("host_network", "Kubernetes pods use the cluster network");
      p.ignore("ignore_collision", "Nomad-only port collision handling");
      p.finish();
    }
    n.report("dns", "N2K-NET-001", "group DNS settings are not carried over", "set dns_config on the pod if needed");
    n.report("hostname", "N2K-NET-002", "group hostname is not carried over");
    n.ignore("mbits", "bandwidth reservations do not exist in Kubernetes");
    n.report("cni", "N2K-NET-003", "CNI arguments are not carried over");
    n.finish();
  }
  let ephemeralDiskMb: number | undefined;
  for (const d of r.blocks("ephemeral_disk")) {
    ephemeralDiskMb = d.get("size", int);
    d.ignore("migrate", "empty_dir data is not migrated between nodes");
    d.ignore("sticky", "empty_dir data does not survive pod rescheduling");
    d.finish();
  }
  let restartAttempts: number | undefined;
  for (const rs of r.blocks("restart")) {
    restartAttempts = rs.get("attempts", int);
    rs.ignore("interval", "Kubernetes restarts with its own back-off");
    rs.ignore("delay", "Kubernetes restarts with its own back-off");
    rs.ignore("mode", "Kubernetes restarts with its own back-off");
    rs.ignore("render_templates", "templates are mounted ConfigMaps/Secrets in Kubernetes");
    rs.finish();
  }
  const volumes: GroupVolume[] = r.labelled("volume").map(([vname, v]) => {
    const vol: GroupVolume = {
      name: vname,
      type: (v.get("type", str) ?? "host") as GroupVolume["type"],
      source: v.get("source", str) ?? vname,
      readOnly: v.get("read_only", bool) ?? false,
    };
    v.ignore("attachment_mode", "host_path volumes have no attachment mode");
    v.ignore("access_mode", "host_path volumes have no access mode");
    v.ignore("per_alloc", "each StatefulSet pod mounts the same host path; review when count > 1");
    v.ignore("mount_options", "host_path volumes take no mount options");
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
    tasks: r.labelled("task").map(([tname, t]) => readTask(tname, t, source)),
    ephemeralDiskMb,
    restartAttempts,
    constraints: constraints.filter((c) => c.operator !== "distinct_hosts"),
    distinctHosts: constraints.some((c) => c.operator === "distinct_hosts" && c.value !== "false"),
    path: r.path,
  };
  r.report("affinity", "N2K-PLACE-002", "affinities are not carried over", "add preferred node affinity by hand");
  r.report("spread", "N2K-PLACE-003", "spread blocks are not carried over", "use topology_spread_constraint by hand");
  r.report("scaling", "N2K-GRP-001", "scaling policies are not carried over (see the --vpa option)");
  r.report("shutdown_delay", "N2K-GRP-002", "shutdown_delay is not carried over", "add a preStop sleep hook by hand");
  r.report("vault", "N2K-SEC-005", "Vault policies and tokens are not carried over: the ExternalSecret store reads the secrets instead", "grant the secret store's Vault role read access to the paths the templates use");
  r.ignore("update", "Deployments and StatefulSets roll out with their own update strategy");
  r.ignore("migrate", "Kubernetes reschedules pods itself");
  r.ignore("reschedule", "Kubernetes reschedules pods itself");
  r.ignore("meta", "group metadata has no Kubernetes equivalent");
  r.ignore("consul", "Consul integration is replaced by Kubernetes Services");
  r.ignore("stop_after_client_disconnect", "node failure handling is the cluster's");
  r.ignore("max_client_disconnect", "node failure handling is the cluster's");
  r.ignore("disconnect", "node failure handling is the cluster's");
  r.ignore("prevent_reschedule_on_lost", "node failure handling is the cluster's");
  r.finish();
  return group;
}
