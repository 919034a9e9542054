// The typed Nomad job every later stage reads. Strings keep Nomad runtime interpolations
// (`${NOMAD_PORT_http}`) in HCL template form; the plan stage resolves them.
import type { ModuleInput } from "./scope.js";

export type JobType = "service" | "batch" | "system" | "sysbatch";

export interface NomadJob {
  name: string;
  file: string;
  /** The file's syntax when it is not HCL2 (HCL1 or API JSON). */
  format?: "hcl1" | "json";
  line?: number;
  type: JobType;
  namespace?: string;
  periodic?: Periodic;
  parameterized?: Parameterized;
  constraints: Constraint[];
  groups: Group[];
  /** Job `meta` (template form), for `${NOMAD_META_k}`; group and task meta win over it. */
  meta: Record<string, string>;
  region?: string;
  datacenters: string[];
  /** Nomad node pool the job runs in ("default" and "all" are every node: not set). */
  nodePool?: string;
  /** Job variables without a value: inputs of the module (declared when referenced). */
  inputs: ModuleInput[];
  /** Consul Connect gateway groups (no task: Nomad runs Envoy for them), left out of `groups`. */
  gateways?: { group: string; kind: string }[];
}

export interface Periodic {
  crons: string[];
  prohibitOverlap: boolean;
  timeZone?: string;
  enabled: boolean;
}

/** A dispatch-only job: `parameterized { meta_required, meta_optional, payload }`. */
export interface Parameterized {
  metaRequired: string[];
  metaOptional: string[];
  /** `optional` (Nomad's default), `required` or `forbidden`. */
  payload: string;
  /** Whether a task writes the payload to a file (`dispatch_payload`); otherwise none reads it. */
  payloadRead: boolean;
  /** The job's `meta`: defaults for the dispatch meta keys (Nomad merges them). */
  meta: Record<string, string>;
  path: string;
}

export interface Constraint {
  attribute?: string;
  operator?: string;
  value?: string;
  path: string;
}

export interface Port {
  label: string;
  to?: number;
  static?: number;
}

export interface Check {
  type: string;
  /** Its Consul name: `…-ready`, `…-alive` tell which check gates traffic and which restarts. */
  name?: string;
  path?: string;
  interval?: string;
  timeout?: string;
  port?: string;
  command?: string;
  args?: string[];
  grpcService?: string;
  grpcUseTls?: boolean;
  /** `http` or `https` for http checks. */
  protocol?: string;
  method?: string;
  headers?: Record<string, string[]>;
  body?: string;
  tlsSkipVerify?: boolean;
  tlsServerName?: string;
  /** The task a script check runs in (group-level services). */
  task?: string;
  successBeforePassing?: number;
  failuresBeforeCritical?: number;
  /** Its own `check_restart`, or the service's. */
  restart?: CheckRestart;
}

/** `check_restart`: restart the task after `limit` failed checks, not before `grace`. */
export interface CheckRestart {
  limit?: number;
  /** A Nomad duration (`"90s"`), or nanoseconds in API JSON. */
  grace?: string | number;
}

export interface Service {
  name?: string;
  port?: string;
  tags: string[];
  checks: Check[];
  /** Consul Connect upstreams: other services the group reached on localhost. */
  upstreams?: Upstream[];
  /**
   * Port labels the Connect sidecar (Envoy) listened on: its metrics port, expose listeners.
   * An expose listener maps to the app's local port (`local_path_port`, or the service port of
   * an `expose = true` check); the other labels have no local port.
   */
  connectPorts?: Record<string, number | string | null>;
  /** Registered with a Consul Connect sidecar (Envoy), which reached the app on localhost. */
  sidecar?: boolean;
  /** `task = "x"` of a group service: the task that serves it. */
  task?: string;
  path: string;
}

export interface Upstream {
  /** The Consul service name (`destination_name`). */
  name: string;
  localBindPort?: number;
}

export interface VolumeMount {
  volume: string;
  destination: string;
  readOnly: boolean;
}

export interface GroupVolume {
  name: string;
  type: "csi" | "host";
  source: string;
  readOnly: boolean;
}

export interface DockerMount {
  type: "bind" | "volume" | "tmpfs";
  source?: string;
  target: string;
  readOnly: boolean;
  /** tmpfs_options.size, bytes. */
  tmpfsSize?: number;
  /** volume_options.driver_config: the volume driver and its options (`type = "nfs"`, `device`, `o`). */
  driver?: { name?: string; options: Record<string, string> };
}

/** A docker `devices` entry: a host device node or directory passed into the container. */
export interface HostDevice {
  hostPath: string;
  containerPath?: string;
  permissions?: string;
}

export interface Template {
  data?: string;
  source?: string;
  destination: string;
  env: boolean;
  perms?: string;
  /** Custom Go-template delimiters (`left_delimiter`/`right_delimiter`). */
  leftDelimiter?: string;
  rightDelimiter?: string;
  path: string;
  line?: number;
}

export interface Device {
  name: string;
  count: number;
}

export interface TaskConfig {
  image?: string;
  entrypoint?: string[];
  command?: string;
  args?: string[];
  ports: string[];
  networkMode?: string;
  privileged?: boolean;
  /** docker `interactive`: stdin kept open (an app that exits at end of input needs it). */
  interactive?: boolean;
  tty?: boolean;
  capAdd: string[];
  capDrop: string[];
  workDir?: string;
  volumes: string[];
  /** With a volume driver, `volumes` sources are driver volume names, not task-relative paths. */
  volumeDriver?: string;
  devices?: HostDevice[];
  mounts: DockerMount[];
  runtime?: string;
  /** `host`: the pod shares the node's PID namespace (a node agent that ran under raw_exec). */
  pidMode?: string;
  /** docker `shm_size`, in bytes. */
  shmSize?: number;
}

/** A go-getter `artifact` block, as written (template form). */
export interface Artifact {
  source: string;
  /** Relative to the task directory; Nomad's default is `local/`. */
  destination?: string;
  /** `any` (Nomad's default), `file` or `dir`. */
  mode?: string;
  /** go-getter options: `checksum`, `archive`, and getter-specific ones. */
  options: Record<string, string>;
  headers: Record<string, string>;
  path: string;
}

/** java/exec driver settings (`config` of a task that is not a container). */
export interface ProcessConfig {
  jarPath?: string;
  class?: string;
  classPath?: string;
  jvmOptions?: string[];
  /** The node's JDK the java driver ran (`/usr/lib/jvm/java-11-openjdk`): its version picks the image. */
  jdkPath?: string;
}

/** How a task on a process driver (java, exec, raw_exec) runs as a container instead. */
export interface DriverSubstitution {
  /** The driver the job used. */
  driver: string;
  /** What ran it on Kubernetes, for the report: "eclipse-temurin:21-jre running the jar". */
  summary: string;
}

/** The qemu driver's `config`: a VM, which becomes a KubeVirt VirtualMachine. */
export interface QemuConfig {
  imagePath?: string;
  accelerator?: string;
  driveInterface?: string;
  graphics?: boolean;
  guestAgent?: boolean;
  args?: string[];
  /** Port label → the guest port qemu forwarded it to. */
  portMap: Record<string, number>;
}

export interface Task {
  name: string;
  driver: string;
  /** Set when a process-driver task was turned into a container (config.image, entrypoint, args filled in). */
  substitute?: DriverSubstitution;
  /** java/exec/raw_exec `config` beyond command and args. */
  process?: ProcessConfig;
  artifacts: Artifact[];
  /** A qemu task's VM settings. */
  vm?: QemuConfig;
  lifecycle?: { hook: "prestart" | "poststart" | "poststop"; sidecar: boolean };
  /** A legacy task-level `resources { network }`: the task had a network namespace of its own. */
  ownNetwork?: boolean;
  /** `csi_plugin`: the task is a node or controller plugin of a CSI driver. */
  csiPlugin?: { id: string; type: string };
  /** Why a lifecycle helper on a process driver stays off Kubernetes (N2K-DRIVER-002). */
  notConverted?: string;
  config: TaskConfig;
  user?: string;
  env: Record<string, string>;
  templates: Template[];
  resources: { cpu?: number; memory?: number; memoryMax?: number; cores?: number };
  volumeMounts: VolumeMount[];
  services: Service[];
  devices: Device[];
  killTimeoutSeconds?: number;
  /** Task `shutdown_delay`: Nomad deregistered the task's services, then waited this long before killing it. */
  shutdownDelaySeconds?: number;
  /** Task `restart { attempts }`: overrides the group's. */
  restartAttempts?: number;
  constraints: Constraint[];
  meta: Record<string, string>;
  /** Workload identities: a JWT Nomad writes to the secrets dir (`file`) or sets as env (`env`). */
  identities?: Identity[];
  /** The Vault token Nomad gave the task (its own vault block, else its group's or job's). */
  vault?: VaultUse;
  path: string;
}

export interface VaultUse {
  policies: string[];
  /** Whether Nomad set VAULT_TOKEN (its default); `envSet` when the job asked for it explicitly. */
  env: boolean;
  envSet: boolean;
  role?: string;
  path: string;
}

export interface Identity {
  /** `default` for the unnamed identity. */
  name: string;
  file: boolean;
  env: boolean;
  aud: string[];
  ttlSeconds?: number;
  /** Where the file goes instead of the secrets dir. */
  filepath?: string;
  path: string;
}

/**
 * Nomad's `update` block, the job's merged with the group's (the group's fields win), as Nomad
 * does. Durations stay as written (strings, or nanoseconds in API JSON).
 */
export interface UpdateStrategy {
  maxParallel?: number;
  canary?: number;
  minHealthyTime?: string | number;
  healthyDeadline?: string | number;
  progressDeadline?: string | number;
  autoRevert?: boolean;
  autoPromote?: boolean;
  stagger?: string | number;
  healthCheck?: string;
  /** The group's `update` block when it has one, else the job's. */
  path: string;
  /** The path of each field as written (`job.x.update.auto_revert`), job's or group's. */
  at: Partial<Record<Exclude<keyof UpdateStrategy, "path" | "at">, string>>;
}

export interface Group {
  name: string;
  count: number;
  update?: UpdateStrategy;
  ports: Port[];
  networkMode?: string;
  services: Service[];
  volumes: GroupVolume[];
  tasks: Task[];
  ephemeralDiskMb?: number;
  /** `ephemeral_disk { sticky = true }`: Nomad kept alloc/data and the tasks' local/ across updates (`migrate`: also across nodes). */
  stickyDisk?: { migrate: boolean; path: string };
  restartAttempts?: number;
  /** Group `shutdown_delay`: applies to every task of the group (a task's own wins). */
  shutdownDelaySeconds?: number;
  /** `reschedule { attempts, unlimited }` of the group, else of the job (read for batch jobs' retry count). */
  reschedule?: { attempts?: number; unlimited?: boolean; path: string };
  constraints: Constraint[];
  distinctHosts: boolean;
  meta: Record<string, string>;
  /** The Consul Connect gateway kind of a group service (`ingress`, `terminating`, `mesh`), if any. */
  gateway?: string;
  path: string;
}
