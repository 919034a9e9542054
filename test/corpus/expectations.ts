// Corpus files that Nomad itself refuses, keyed by "<repository folder>/<file>", with Nomad's reason.
// A failure of any other file is a regression.
export const NOMAD_REJECTS: Record<string, string> = {
  "ElMarioVI__nomad-homelab/apps__grafana__job.hcl": "a dynamic block iterates over local.config_files, which the file never declares (Nomad: Reference to undeclared local value)",
  "ElMarioVI__nomad-homelab/apps__load-balancer__job.hcl": "a dynamic block iterates over a local the file never declares (Nomad: Reference to undeclared local value)",
  "sofixa__nomad-examples/traefik__traefik.nomad": 'a service uses port "https", which no network defines (Nomad: port label referenced by services does not exist)',
};

// Keys seen under N2K-UNKNOWN-001 that are not part of Nomad's job specification. Matched as a
// suffix of the reported path.
export const NOT_NOMAD_FIELDS: string[] = [
  // `secret` is a task-level block; at job level Nomad reports "Unsupported block type".
  "job.secret",
  // not a Nomad task field (`env` is)
  "task.*.environment",
];
