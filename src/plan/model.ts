import { z } from "zod";
import { hclValSchema } from "./hcl-value.js";
import type { TierChoice } from "./workload/resources.js";

// The plan is Kubernetes-shaped and fully resolved: templates only read it.
const val = hclValSchema;

export const envVarSchema = z.object({
  name: z.string(),
  value: val.optional(),
  secretRef: z.object({ name: val, key: z.string() }).optional(),
  /** Downward API field, e.g. `status.hostIP`. */
  fieldRef: z.string().optional(),
});

export const volumeMountSchema = z.object({ name: z.string(), mountPath: z.string(), subPath: z.string().optional(), readOnly: z.boolean().optional() });

export const probeSchema = z.object({
  httpGet: z
    .object({ path: z.string(), port: z.union([z.number(), z.string()]), scheme: z.string().optional(), httpHeaders: z.array(z.object({ name: z.string(), value: z.string() })).optional() })
    .optional(),
  tcpSocket: z.object({ port: z.union([z.number(), z.string()]) }).optional(),
  exec: z.object({ command: z.array(z.string()) }).optional(),
  grpc: z.object({ port: z.number(), service: z.string().optional() }).optional(),
  /** The module input written for the handler's port (a dynamic port the operator gives). */
  portInput: z.string().optional(),
  initialDelaySeconds: z.number().optional(),
  periodSeconds: z.number().optional(),
  timeoutSeconds: z.number().optional(),
  successThreshold: z.number().optional(),
  failureThreshold: z.number().optional(),
  /** The path of the Nomad check it came from, for the report (not rendered). */
  from: z.string().optional(),
});

export const containerSchema = z.object({
  name: val,
  /** The Nomad task it came from (none for generated containers). */
  task: z.string().optional(),
  image: val,
  command: z.array(val).optional(),
  args: z.array(val).optional(),
  workingDir: z.string().optional(),
  /** docker `interactive` / `tty`: a process that reads stdin (a REPL, `python3` alone) exits at once without it. */
  stdin: z.boolean().optional(),
  tty: z.boolean().optional(),
  ports: z.array(
    z.object({
      containerPort: z.number(),
      /** The module input written for container_port (a dynamic port the operator gives); containerPort is then a stand-in. */
      input: z.string().optional(),
      name: z.string().optional(),
      hostPort: z.number().optional(),
      protocol: z.string().optional(),
      /** Not listed by the task (bridge mode, host network): assumed from its services (not rendered). */
      inferred: z.boolean().optional(),
      /** The Nomad port label of a host port, for the report (not rendered). */
      label: z.string().optional(),
    }),
  ),
  env: z.array(envVarSchema),
  envFrom: z.array(z.object({ secretName: val, comment: z.string().optional() })).default([]),
  volumeMounts: z.array(volumeMountSchema),
  resources: z.object({ requests: z.record(z.string(), z.string()), limits: z.record(z.string(), z.string()) }),
  livenessProbe: probeSchema.optional(),
  readinessProbe: probeSchema.optional(),
  startupProbe: probeSchema.optional(),
  securityContext: z
    .object({ privileged: z.boolean().optional(), runAsUser: z.string().optional(), capAdd: z.array(z.string()).default([]), capDrop: z.array(z.string()).default([]) })
    .optional(),
  /** A preStop exec hook (`sleep N` for Nomad's shutdown_delay). */
  preStop: z.array(z.string()).optional(),
  comments: z.array(z.string()).default([]),
});

export const volumeSchema = z.object({
  name: z.string(),
  hostPath: z.object({ path: z.string(), type: z.string() }).optional(),
  emptyDir: z.object({ medium: z.string().optional(), sizeLimit: z.string().optional() }).optional(),
  nfs: z.object({ server: z.string(), path: z.string(), readOnly: z.boolean().optional() }).optional(),
  configMap: z.object({ name: val, defaultMode: z.string().optional() }).optional(),
  secret: z.object({ secretName: val, defaultMode: z.string().optional() }).optional(),
  /** A projected service account token (a Nomad workload identity file). */
  serviceAccountToken: z.object({ audience: z.string().optional(), expirationSeconds: z.number().optional(), path: z.string() }).optional(),
  comment: z.string().optional(),
  /** Where the data lived on Nomad and how it gets here, for the report's data section (not rendered). */
  origin: z.object({ nomad: z.string(), copy: z.string() }).optional(),
  /** A writable host path the app keeps data in (a docker bind mount): the pod must run on the node holding it. */
  nodeData: z.boolean().optional(),
});

export const podSchema = z.object({
  initContainers: z.array(containerSchema),
  containers: z.array(containerSchema),
  volumes: z.array(volumeSchema),
  nodeSelector: z.record(z.string(), z.string()).optional(),
  tolerations: z.array(z.object({ key: z.string().optional(), operator: z.string(), effect: z.string().optional() })),
  archValues: z.array(z.string()),
  archOperator: z.string().default("In"),
  antiAffinity: z.boolean().default(false),
  hostNetwork: z.boolean().optional(),
  hostPid: z.boolean().optional(),
  /** From docker `runtime` (`nvidia`): the RuntimeClass that runs the pod's containers. */
  runtimeClassName: z.string().optional(),
  /** `ClusterFirstWithHostNet` on the host network, so cluster Service names still resolve. */
  dnsPolicy: z.string().optional(),
  terminationGracePeriodSeconds: z.number().optional(),
  restartPolicy: z.string().optional(),
});

export const workloadKinds = ["deployment", "stateful_set", "daemon_set", "job", "cron_job"] as const;

export const workloadSchema = z.object({
  kind: z.enum(workloadKinds),
  resourceType: z.string(),
  tfName: z.string(),
  name: val,
  group: z.string(),
  pattern: z.string(),
  replicas: z.number().optional(),
  serviceName: val.optional(),
  schedule: val.optional(),
  timezone: z.string().optional(),
  concurrencyPolicy: z.string().optional(),
  suspend: z.boolean().optional(),
  backoffLimit: z.number().optional(),
  /** A batch group's count: that many pods run to completion, side by side. */
  completions: z.number().optional(),
  /** Deployments and DaemonSets: how a rollout replaces pods (absent: Kubernetes' default). */
  strategy: z.object({ type: z.enum(["Recreate", "RollingUpdate"]), maxSurge: z.string().optional(), maxUnavailable: z.string().optional(), comment: z.string().optional() }).optional(),
  minReadySeconds: z.number().optional(),
  progressDeadlineSeconds: z.number().optional(),
  labels: val,
  selector: val,
  pod: podSchema,
  comments: z.array(z.string()).default([]),
  /** Consul Connect upstreams of the group and where their addresses landed (not rendered). */
  upstreams: z
    .object({
      services: z.array(z.object({ service: z.string(), bindPort: z.number() })),
      refs: z.array(z.object({ path: z.string(), kind: z.enum(["addr", "ip", "port"]), service: z.string(), bindPort: z.number() })),
    })
    .optional(),
});

export const serviceSchema = z.object({
  tfName: z.string(),
  name: val,
  selector: val,
  ports: z.array(
    z.object({
      name: z.string().optional(),
      port: z.number(),
      targetPort: z.union([z.number(), z.string()]),
      /** The module input written for target_port (a dynamic port the operator gives). */
      targetInput: z.string().optional(),
      protocol: z.string().optional(),
    }),
  ),
  /** How other jobs of the run reached it through Consul (not rendered). */
  consul: z
    .object({ names: z.array(z.string()), host: z.string(), hostPorts: z.record(z.string(), z.number()), ports: z.record(z.string(), z.number()).default({}) })
    .optional(),
});

/** Where a route listens (for the report): the router's entrypoints and TLS, or the site's default. */
const listenerSchema = z.object({ entryPoints: z.array(z.string()), tls: z.boolean(), siteDefault: z.boolean(), defaultFor: z.array(z.string()).optional() });

export const ingressSchema = z.object({
  tfName: z.string(),
  name: val,
  serviceTfName: z.string(),
  className: z.string(),
  annotations: z.record(z.string(), z.string()),
  /** No TLS block when the router served plain HTTP on Nomad. */
  tlsSecret: z.string().optional(),
  listener: listenerSchema.optional(),
  /** One rule per host; a rule without host matches any host. */
  rules: z.array(
    z.object({
      host: val.optional(),
      paths: z.array(z.object({ path: z.string(), pathType: z.enum(["Prefix", "Exact"]), port: z.number() })),
    }),
  ),
  tlsHosts: z.array(val),
  comments: z.array(z.string()).default([]),
});

/** A Traefik IngressRoute (kubectl_manifest) for routers whose rules no Ingress expresses. */
export const ingressRouteSchema = z.object({
  tfName: z.string(),
  name: val,
  entryPoints: z.array(z.string()),
  tlsSecret: z.string().optional(),
  listener: listenerSchema.optional(),
  routes: z.array(
    z.object({ match: z.string(), priority: z.number().optional(), syntax: z.string().optional(), serviceTfName: z.string(), port: z.number(), middlewares: z.array(z.string()) }),
  ),
});

/** A Traefik Middleware object (kubectl_manifest) from the job's own middleware tags. */
export const middlewareSchema = z.object({ tfName: z.string(), name: z.string(), spec: z.record(z.string(), val), comments: z.array(z.string()).default([]) });

export const configMapSchema = z.object({ tfName: z.string(), name: val, data: z.record(z.string(), val), comments: z.array(z.string()).default([]) });

/**
 * A Kubernetes Secret the module writes itself: template files and env files that hold secret
 * material coming from the job (secrets dir, credential-like names, module inputs). `data` is a
 * map, or a Terraform expression building one (an env file held by a module variable).
 */
export const secretDataSchema = z.object({
  tfName: z.string(),
  name: val,
  data: val,
  comments: z.array(z.string()).default([]),
  /** What in the job it holds, for the report, when not templates. */
  from: z.string().optional(),
});

export const variableSchema = z.object({
  name: z.string(),
  description: z.string(),
  type: z.string(),
  default: val.optional(),
  sensitive: z.boolean().optional(),
  /** A Terraform `validation` block: a condition over the variable, and the error shown when false. */
  validation: z.object({ condition: z.string(), errorMessage: z.string() }).optional(),
});

export const externalSecretSchema = z.object({
  tfName: z.string(),
  name: val,
  targetName: val,
  storeName: z.string(),
  storeKind: z.string(),
  refreshInterval: z.string(),
  data: z.array(z.object({ secretKey: z.string(), remoteKey: z.string(), property: z.string() })),
  /** Set when every key is a property of one remote key: `data` then loops over `var.secret_keys`. */
  keysVariable: z.object({ remoteKey: z.string() }).optional(),
  /** Remote keys fetched whole (`dataFrom.extract`): a template ranged over every key of a secret. */
  extract: z.array(z.string()).optional(),
  template: z.record(z.string(), z.string()).optional(),
  /** Remote keys another store serves (a Vault mount the site config maps to it): read with `sourceRef.storeRef`. */
  stores: z.record(z.string(), z.string()).optional(),
});

/** A cert-manager Certificate standing in for a Vault PKI `issue` call. */
export const certificateSchema = z.object({
  tfName: z.string(),
  name: val,
  secretName: val,
  commonName: z.string().optional(),
  dnsNames: z.array(val),
  ipAddresses: z.array(z.string()),
  uris: z.array(z.string()),
  duration: z.string().optional(),
  issuerName: z.string(),
  issuerKind: z.string(),
  /** Some template wants certificate and key in one file: cert-manager's CombinedPEM output. */
  combinedPem: z.boolean(),
});

/** A KubeVirt VirtualMachine (kubectl_manifest) standing in for a qemu task. */
export const virtualMachineSchema = z.object({
  tfName: z.string(),
  name: val,
  group: z.string(),
  /** The qemu task it came from. */
  task: z.string(),
  cores: z.number(),
  memory: z.string(),
  cpu: z.string(),
  /** The boot disk: a containerDisk image, or a DataVolume CDI imports from a URL. */
  disk: z.object({ bus: z.string(), containerDisk: val.optional(), dataVolume: z.object({ url: z.string(), size: val }).optional() }),
  /** Guest ports forwarded from the pod address (masquerade), as qemu's port_map forwarded them. */
  ports: z.array(z.object({ port: z.number() })),
  graphics: z.boolean(),
  nodeSelector: z.record(z.string(), z.string()).optional(),
  archValues: z.array(z.string()),
  archOperator: z.string(),
  terminationGracePeriodSeconds: z.number().optional(),
  /** The VM's service checks, probed through the masquerade ports (http, tcp). */
  readinessProbe: probeSchema.optional(),
  livenessProbe: probeSchema.optional(),
  comments: z.array(z.string()).default([]),
});

export const modulePlanSchema = z.object({
  job: z.string(),
  dir: z.string(),
  appName: z.string(),
  environment: z.string(),
  variables: z.array(variableSchema),
  workloads: z.array(workloadSchema),
  virtualMachines: z.array(virtualMachineSchema).default([]),
  services: z.array(serviceSchema),
  ingresses: z.array(ingressSchema),
  middlewares: z.array(middlewareSchema).default([]),
  ingressRoutes: z.array(ingressRouteSchema).default([]),
  configMaps: z.array(configMapSchema),
  secretData: z.array(secretDataSchema).default([]),
  externalSecrets: z.array(externalSecretSchema),
  certificates: z.array(certificateSchema).default([]),
  /** Vault KV mounts the ExternalSecrets read, with the store serving each (none: the site config maps none). */
  vaultMounts: z.array(z.object({ mount: z.string(), versions: z.array(z.enum(["v1", "v2"])), store: z.string().optional(), paths: z.array(z.string()) })).default([]),
  vpa: z.object({ updateMode: z.string(), targets: z.array(z.object({ tfName: z.string(), kind: z.string(), name: val })) }).optional(),
  outputs: z.object({ serviceTfName: z.string().optional(), serviceResourceType: z.string() }),
  /** Warnings and manual steps not tied to one workload, shown at the top of main.tf. */
  comments: z.array(z.string()).default([]),
});

export type EnvVar = z.infer<typeof envVarSchema>;
export type Container = z.infer<typeof containerSchema>;
export type Volume = z.infer<typeof volumeSchema>;
export type VolumeMountPlan = z.infer<typeof volumeMountSchema>;
export type Probe = z.infer<typeof probeSchema>;
export type Pod = z.infer<typeof podSchema>;
export type Workload = z.infer<typeof workloadSchema>;
export type ServicePlan = z.infer<typeof serviceSchema>;
export type IngressPlan = z.infer<typeof ingressSchema>;
export type MiddlewarePlan = z.infer<typeof middlewareSchema>;
export type IngressRoutePlan = z.infer<typeof ingressRouteSchema>;
export type ConfigMapPlan = z.infer<typeof configMapSchema>;
export type SecretDataPlan = z.infer<typeof secretDataSchema>;
export type Variable = z.infer<typeof variableSchema>;
export type ExternalSecretPlan = z.infer<typeof externalSecretSchema>;
export type CertificatePlan = z.infer<typeof certificateSchema>;
export type VirtualMachinePlan = z.infer<typeof virtualMachineSchema>;
export type ModulePlan = z.infer<typeof modulePlanSchema>;

/** What the report needs to know about a plan besides the plan itself. */
export interface PlanFacts {
  hosts: string[];
  /** Each group's first routed host (what `migrate` asks to change per group). */
  groupHosts: Record<string, string>;
  tiers: Record<string, TierChoice>;
  droppedTasks: { task: string; reason: string }[];
}
