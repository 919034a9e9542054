// The typed Nomad job every later stage reads. Strings keep Nomad runtime interpolations
// (`${NOMAD_PORT_http}`) in HCL template form; the plan stage resolves them.
export type JobType = "service" | "batch" | "system" | "sysbatch";

export interface NomadJob {
  name: string;
  file: string;
  line?: number;
  type: JobType;
  namespace?: string;
  periodic?: Periodic;
  parameterized: boolean;
  constraints: Constraint[];
  groups: Group[];
}

export interface Periodic {
  crons: string[];
  prohibitOverlap: boolean;
  timeZone?: string;
  enabled: boolean;
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
  path?: string;
  interval?: string;
  timeout?: string;
  port?: string;
  command?: string;
  args?: string[];
  grpcService?: string;
}

export interface Service {
  name?: string;
  port?: string;
  tags: string[];
  checks: Check[];
  /** Consul Connect upstreams: other services the group reached on localhost. */
  upstreams?: Upstream[];
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
}

export interface Template {
  data?: string;
  source?: string;
  destination: string;
  env: boolean;
  perms?: string;
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
  capAdd: string[];
  capDrop: string[];
  workDir?: string;
  volumes: string[];
  mounts: DockerMount[];
  runtime?: string;
}

export interface Task {
  name: string;
  driver: string;
  lifecycle?: { hook: "prestart" | "poststart" | "poststop"; sidecar: boolean };
  config: TaskConfig;
  user?: string;
  env: Record<string, string>;
  templates: Template[];
  resources: { cpu?: number; memory?: number; memoryMax?: number; cores?: number };
  volumeMounts: VolumeMount[];
  services: Service[];
  devices: Device[];
  killTimeoutSeconds?: number;
  constraints: Constraint[];
  path: string;
}

export interface Group {
  name: string;
  count: number;
  ports: Port[];
  networkMode?: string;
  services: Service[];
  volumes: GroupVolume[];
  tasks: Task[];
  ephemeralDiskMb?: number;
  restartAttempts?: number;
  constraints: Constraint[];
  distinctHosts: boolean;
  path: string;
}
