// Nomad API JSON jobs (`nomad job inspect`, `GET /v1/job/:id`, `nomad job run -output`) →
// the same raw shape @cdktf/hcl2json gives for an HCL job, so one normalizer reads both.
// The API job is fully evaluated: strings are literal, except the runtime `${…}` Nomad's
// client interpolates, which stay as they are (the template form's interpolations).

type Json = unknown;
type Obj = Record<string, Json>;
type Rule = string | ((v: Json, out: Obj) => void) | null;

const isObj = (v: Json): v is Obj => !!v && typeof v === "object" && !Array.isArray(v);

/** A job object held by an API JSON document, or undefined when it is not one. */
export function apiJob(doc: Json): Obj | undefined {
  if (!isObj(doc)) return undefined;
  const job = isObj(doc.Job) ? doc.Job : doc;
  return Array.isArray(job.TaskGroups) || (typeof job.ID === "string" && ("Type" in job || "Datacenters" in job)) ? job : undefined;
}

/** `{"job": {"name": {…}}}`: HCL's JSON syntax, already the raw shape. */
export function isHclJson(doc: Json): doc is Obj {
  return isObj(doc) && isObj(doc.job);
}

/** Does this JSON text hold a Nomad job (API or HCL JSON syntax)? */
export function isNomadJobJson(doc: Json): boolean {
  return !!apiJob(doc) || isHclJson(doc);
}

// Fields the server fills in when it stores a job: not part of the job's specification.
const SERVER_FIELDS = new Set(["Status", "StatusDescription", "Stable", "Version", "SubmitTime", "CreateIndex", "ModifyIndex", "JobModifyIndex", "Stop", "ParentID", "Dispatched", "DispatchIdempotencyToken", "NomadTokenID", "Payload", "VersionTag", "VaultNamespace", "ConsulNamespace"]);

/** API job → `{ job: { <id>: [body] } }`. */
export function rawFromApiJob(job: Obj): Record<string, unknown> {
  const id = String(job.ID ?? job.Name ?? "job");
  return { job: { [id]: [convert(job, JOB)] } };
}

const DROP = null;
const nsDuration = (key: string) => (v: Json, out: Obj) => {
  if (typeof v === "number" && v > 0) out[key] = v % 1e9 === 0 ? `${v / 1e9}s` : `${Math.round(v / 1e6)}ms`;
};
const unless = (key: string, ...defaults: Json[]) => (v: Json, out: Obj) => {
  if (!defaults.includes(v)) out[key] = v;
};
const list = (key: string, rules: Rules) => (v: Json, out: Obj) => {
  if (Array.isArray(v) && v.length) out[key] = v.filter(isObj).map((x) => convert(x, rules));
};
const one = (key: string, rules: Rules) => (v: Json, out: Obj) => {
  if (isObj(v)) out[key] = [convert(v, rules)];
};
/** Labelled blocks (`task "web" {}`): a list of objects keyed by their name field. */
const labelled = (key: string, nameField: string, rules: Rules) => (v: Json, out: Obj) => {
  const items = Array.isArray(v) ? v : isObj(v) ? Object.entries(v).map(([k, x]) => (isObj(x) ? { [nameField]: k, ...x } : x)) : [];
  const blocks: Obj = {};
  for (const x of items.filter(isObj)) ((blocks[String(x[nameField])] ??= []) as Json[]).push(convert(x, rules, nameField));
  if (Object.keys(blocks).length) out[key] = blocks;
};
/** Maps whose keys are the user's (env, meta, driver config): kept as they are. */
const keep = (key: string) => (v: Json, out: Obj) => {
  if (isObj(v)) out[key] = [escapeDirectives(v)];
};
const escapeDirectives = (v: Json): Json => (typeof v === "string" ? v.replace(/%\{/g, "%%{") : Array.isArray(v) ? v.map(escapeDirectives) : isObj(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, escapeDirectives(x)])) : v);

/** Literal text a template body holds: `${` and `%{` there are not interpolations. */
const literal = (key: string) => (v: Json, out: Obj) => {
  if (typeof v === "string" && v !== "") out[key] = v.replace(/\$\{/g, () => "$${").replace(/%\{/g, "%%{");
};

type Rules = Record<string, Rule>;

const CONSTRAINT: Rules = { LTarget: "attribute", RTarget: "value", Operand: "operator" };
const AFFINITY: Rules = { LTarget: "attribute", RTarget: "value", Operand: "operator", Weight: "weight" };
const PORT: Rules = { Label: DROP, Value: (v, out) => typeof v === "number" && v > 0 && (out.static = v), To: unless("to", 0), HostNetwork: unless("host_network", "default", ""), IgnoreCollision: unless("ignore_collision", false) };
/** Reserved and dynamic ports are both `port "label"` blocks of one network. */
function ports(rules: Rules) {
  return (v: Json, out: Obj) => {
    const tmp: Obj = {};
    labelled("port", "Label", rules)(v, tmp);
    if (tmp.port) out.port = { ...(out.port as Obj), ...(tmp.port as Obj) };
  };
}
const NETWORK: Rules = {
  Mode: unless("mode", "host", ""),
  MBits: unless("mbits", 0),
  ReservedPorts: ports(PORT),
  // A dynamic port's Value is the port the scheduler picked, not part of the job.
  DynamicPorts: ports({ ...PORT, Value: DROP }),
  DNS: "dns",
  Hostname: unless("hostname", ""),
  CIDR: unless("cidr", ""),
  IP: unless("ip", ""),
  Device: unless("device", ""),
  CNI: "cni",
};
const CHECK: Rules = {
  PortLabel: "port",
  GRPCService: "grpc_service",
  GRPCUseTLS: unless("grpc_use_tls", false),
  TLSSkipVerify: unless("tls_skip_verify", false),
  TLSServerName: unless("tls_server_name", ""),
  Interval: nsDuration("interval"),
  Timeout: nsDuration("timeout"),
  TaskName: unless("task", ""),
  AddressMode: unless("address_mode", ""),
  OnUpdate: unless("on_update", "require_healthy", ""),
  SuccessBeforePassing: unless("success_before_passing", 0),
  FailuresBeforeCritical: unless("failures_before_critical", 0),
  FailuresBeforeWarning: unless("failures_before_warning", 0),
  Expose: unless("expose", false),
  Header: "header",
  CheckRestart: "check_restart",
};
const SERVICE: Rules = {
  PortLabel: "port",
  TaskName: unless("task", ""),
  Checks: list("check", CHECK),
  AddressMode: unless("address_mode", "auto", ""),
  OnUpdate: unless("on_update", "require_healthy", ""),
  Provider: unless("provider", "consul", ""),
  EnableTagOverride: unless("enable_tag_override", false),
  Cluster: unless("cluster", "default", ""),
};
const TEMPLATE: Rules = {
  SourcePath: unless("source", ""),
  DestPath: "destination",
  EmbeddedTmpl: literal("data"),
  Envvars: unless("env", false),
  LeftDelim: unless("left_delimiter", "{{"),
  RightDelim: unless("right_delimiter", "}}"),
  ChangeMode: unless("change_mode", "restart"),
  ChangeSignal: unless("change_signal", ""),
  Splay: unless("splay", 5e9),
  Perms: unless("perms", "0644"),
  Uid: DROP,
  Gid: DROP,
  VaultGrace: unless("vault_grace", 0),
  ErrMissingKey: unless("error_on_missing_key", false),
  Once: unless("once", false),
};
const RESOURCES: Rules = {
  CPU: "cpu",
  Cores: unless("cores", 0),
  MemoryMB: "memory",
  MemoryMaxMB: unless("memory_max", 0),
  DiskMB: unless("disk", 0),
  IOPS: unless("iops", 0),
  SecretsMB: DROP,
  Networks: list("network", NETWORK),
  Devices: labelled("device", "Name", { Name: DROP, Count: "count", Constraints: list("constraint", CONSTRAINT), Affinities: list("affinity", AFFINITY) }),
  NUMA: "numa",
};
const RESTART: Rules = { Attempts: "attempts", Interval: nsDuration("interval"), Delay: nsDuration("delay"), Mode: "mode", RenderTemplates: unless("render_templates", false) };
const TASK: Rules = {
  Name: DROP,
  Driver: "driver",
  User: unless("user", ""),
  Config: keep("config"),
  Env: keep("env"),
  Services: list("service", SERVICE),
  Templates: list("template", TEMPLATE),
  Constraints: list("constraint", CONSTRAINT),
  Affinities: list("affinity", AFFINITY),
  Resources: one("resources", RESOURCES),
  RestartPolicy: one("restart", RESTART),
  Lifecycle: one("lifecycle", { Hook: "hook", Sidecar: "sidecar" }),
  KillTimeout: unless("kill_timeout", 5e9),
  KillSignal: unless("kill_signal", ""),
  LogConfig: DROP,
  Artifacts: list("artifact", { GetterSource: "source", RelativeDest: unless("destination", "local/", ""), GetterMode: unless("mode", "any", ""), GetterOptions: keep("options"), GetterHeaders: keep("headers"), GetterInsecure: unless("insecure", false), Chown: unless("chown", false) }),
  Leader: unless("leader", false),
  ShutdownDelay: unless("shutdown_delay", 0),
  VolumeMounts: list("volume_mount", { Volume: "volume", Destination: "destination", ReadOnly: "read_only", PropagationMode: unless("propagation_mode", "private", ""), SELinuxLabel: unless("selinux_label", "") }),
  ScalingPolicies: list("scaling", {}),
  Kind: unless("kind", ""),
  DispatchPayload: "dispatch_payload",
  CSIPluginConfig: one("csi_plugin", { ID: "id", Type: "type", MountDir: "mount_dir", StagePublishBaseDir: "stage_publish_base_dir", HealthTimeout: "health_timeout" }),
  Identity: "identity",
  Identities: list("identity", {}),
  Actions: list("action", {}),
  Vault: "vault",
  Consul: "consul",
  Meta: keep("meta"),
};
const GROUP: Rules = {
  Name: DROP,
  Count: "count",
  Constraints: list("constraint", CONSTRAINT),
  Affinities: list("affinity", AFFINITY),
  Spreads: list("spread", {}),
  Tasks: labelled("task", "Name", TASK),
  RestartPolicy: one("restart", RESTART),
  ReschedulePolicy: "reschedule",
  EphemeralDisk: one("ephemeral_disk", { SizeMB: unless("size", 300), Migrate: unless("migrate", false), Sticky: unless("sticky", false) }),
  Networks: list("network", NETWORK),
  Services: list("service", SERVICE),
  Volumes: labelled("volume", "Name", { Name: DROP, Type: "type", Source: "source", ReadOnly: "read_only", AccessMode: unless("access_mode", ""), AttachmentMode: unless("attachment_mode", ""), PerAlloc: unless("per_alloc", false), MountOptions: "mount_options", Sticky: unless("sticky", false) }),
  ShutdownDelay: unless("shutdown_delay", 0),
  StopAfterClientDisconnect: "stop_after_client_disconnect",
  MaxClientDisconnect: "max_client_disconnect",
  PreventRescheduleOnLost: unless("prevent_reschedule_on_lost", false),
  Scaling: "scaling",
  Update: "update",
  Migrate: "migrate",
  Consul: "consul",
  Meta: keep("meta"),
};
const JOB: Rules = {
  ID: DROP,
  Name: DROP,
  Type: "type",
  Region: unless("region", "global", ""),
  Namespace: unless("namespace", "default", ""),
  Datacenters: "datacenters",
  NodePool: unless("node_pool", "default", ""),
  Priority: unless("priority", 50),
  AllAtOnce: unless("all_at_once", false),
  Constraints: list("constraint", CONSTRAINT),
  Affinities: list("affinity", AFFINITY),
  Spreads: list("spread", {}),
  TaskGroups: labelled("group", "Name", GROUP),
  Periodic: (v, out) => {
    if (!isObj(v)) return;
    const p: Obj = { enabled: v.Enabled ?? true, prohibit_overlap: v.ProhibitOverlap ?? false };
    if (typeof v.Spec === "string" && v.Spec) p.cron = v.Spec;
    if (Array.isArray(v.Specs) && v.Specs.length) p.crons = v.Specs;
    if (typeof v.TimeZone === "string" && v.TimeZone && v.TimeZone !== "UTC") p.time_zone = v.TimeZone;
    out.periodic = [p];
  },
  ParameterizedJob: one("parameterized", { Payload: "payload", MetaRequired: "meta_required", MetaOptional: "meta_optional" }),
  Meta: keep("meta"),
  ConsulToken: unless("consul_token", ""),
  VaultToken: unless("vault_token", ""),
  Update: "update",
  Migrate: "migrate",
  Reschedule: "reschedule",
  Multiregion: "multiregion",
  UI: "ui",
};

/** PascalCase → snake_case for fields with no rule (`MaxClientDisconnect` → `max_client_disconnect`). */
export function snakeCase(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .toLowerCase();
}

/** A value with no rule: keys snake-cased all the way down, empties dropped. */
function passThrough(v: Json): Json {
  if (Array.isArray(v)) return v.map(passThrough);
  if (isObj(v)) {
    const out: Obj = {};
    for (const [k, x] of Object.entries(v)) if (!isEmpty(x)) out[/^[A-Z][a-z]/.test(k) ? snakeCase(k) : k] = passThrough(x);
    return out;
  }
  return typeof v === "string" ? v.replace(/%\{/g, "%%{") : v;
}

function isEmpty(v: Json): boolean {
  return v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0) || (isObj(v) && Object.keys(v).length === 0);
}

function convert(src: Obj, rules: Rules, skip?: string): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(src)) {
    if (k === skip || SERVER_FIELDS.has(k) || isEmpty(v)) continue;
    const rule = k in rules ? rules[k] : snakeCase(k);
    if (rule === null) continue;
    if (typeof rule === "string") {
      const x = passThrough(v);
      // Maps and blocks given as one object read as one block.
      out[rule] = isObj(x) ? [x] : x;
    } else rule(v, out);
  }
  return out;
}
