// Corpus files that Nomad itself refuses, keyed by "<repository folder>/<file>", with Nomad's reason.
// A failure of any other file is a regression.
export const NOMAD_REJECTS: Record<string, string> = {
  "ElMarioVI__nomad-homelab/apps__grafana__job.hcl": "a dynamic block iterates over local.config_files, which the file never declares (Nomad: Reference to undeclared local value)",
  "ElMarioVI__nomad-homelab/apps__load-balancer__job.hcl": "a dynamic block iterates over a local the file never declares (Nomad: Reference to undeclared local value)",
};

// Keys seen under N2K-UNKNOWN-001 that are not part of Nomad's job specification. Matched as a
// suffix of the reported path.
export const NOT_NOMAD_FIELDS: string[] = [
  // `secret` is a task-level block; at job level Nomad reports "Unsupported block type".
  "job.secret",
  // not a Nomad task field (`env` is)
  "task.*.environment",
];

// Why a job may be skipped: it has nothing a container can run. Each entry is a diagnostic code
// the skip carries, or a pattern of the skip reason. Any other skip is a regression.
export const ALLOWED_SKIPS: { code?: string; reason?: RegExp; why: string }[] = [
  { code: "N2K-DRIVER-001", why: "a main task (no lifecycle hook) on a driver with no Kubernetes form (qemu, lxc, …): no image to run; helpers on those drivers are dropped, not skipped" },
  { code: "N2K-DRIVER-005", why: "a raw_exec task that administers the node (container runtime CLI, services, packages, host paths, the nomad CLI): node administration, not an app" },
  { code: "N2K-DRIVER-006", why: "a Windows task (IIS, PowerShell, .exe)" },
  { code: "N2K-TASK-004", why: "a CSI plugin job: the CSI driver's own chart registers it with the kubelet" },
  { code: "N2K-JOB-010", why: "a periodic or parameterized sysbatch job: no CronJob or Job runs once on every node" },
  // sofixa__nomad-examples/traefik__traefik.nomad (a service port no network defines, which Nomad rejects) is one: skipped before planning finds the port.
  { code: "N2K-JOB-011", why: "an edge router (Traefik on the Consul/Nomad catalog, Fabio on Consul): the site's ingress controller replaces it" },
  { reason: /gateway/, why: "jobs that only run Consul Connect gateways" },
];
