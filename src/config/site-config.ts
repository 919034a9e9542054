import { z } from "zod";

// Every site-specific value the module contract hard-codes is a default here, so another
// operator changes one config file, never a template.
/** A Kubernetes namespace or other DNS-1123 label. */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export const tierSchema = z.object({
  name: z.string().min(1),
  cpuRequest: z.number().int().positive().describe("millicores"),
  cpuLimit: z.number().int().positive().describe("millicores"),
  memoryRequest: z.number().int().positive().describe("MiB"),
  memoryLimit: z.number().int().positive().describe("MiB"),
  gpu: z.boolean().default(false),
});

const PATTERN = z.enum(["A", "B", "C", "D", "E", "daemonset", "job"]);

/** What `migrate` asks per group, kept so `convert` gives the same module (group answers win over the job's). */
export const groupOverrideSchema = z
  .object({
    pattern: PATTERN.optional(),
    tier: z.string().optional().describe("resource tier of the group's main container"),
    hostname: z.string().regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/i, "must be a DNS name").optional().describe("replaces the first host the group's routers serve"),
    env: z.record(z.string(), z.string()).optional().describe("env vars set (or replaced) in the group's main container"),
    image: z.string().min(1).optional().describe("image of the group's main container (repository[:tag])"),
    storage: z.string().startsWith("/", "must be an absolute path").optional().describe("node folder under which the group's host volumes live (replaces storage.root)"),
  })
  .strict();

export const jobOverrideSchema = z
  .object({
    pattern: PATTERN.optional(),
    tier: z.string().optional(),
    hostname: z.string().optional(),
    namespace: z.string().regex(DNS_LABEL, "must be a DNS-1123 label").optional(),
    litestreamBucket: z.string().optional(),
    gpuNode: z.string().optional(),
    groups: z.record(z.string(), groupOverrideSchema).optional().describe("answers per task group, by group name"),
  })
  .strict();

const DEFAULT_TIERS = [
  { name: "light", cpuRequest: 50, cpuLimit: 200, memoryRequest: 64, memoryLimit: 256, gpu: false },
  { name: "medium", cpuRequest: 100, cpuLimit: 500, memoryRequest: 128, memoryLimit: 512, gpu: false },
  { name: "heavy", cpuRequest: 500, cpuLimit: 2000, memoryRequest: 1024, memoryLimit: 4096, gpu: false },
  { name: "gpu", cpuRequest: 500, cpuLimit: 2000, memoryRequest: 2048, memoryLimit: 8192, gpu: true },
];

/** An app image known to keep an SQLite database, and where it keeps it when that is certain. */
export const knownSqliteImageSchema = z.union([
  z.string().min(1),
  z
    .object({
      image: z.string().min(1),
      dbPath: z.string().regex(/^\/.*[^/]$/, "must be an absolute file path").optional().describe("the database file inside the container"),
      dbEnv: z
        .object({ name: z.string().min(1), format: z.string().regex(/\{path\}/, "must hold {path}") })
        .strict()
        .optional()
        .describe("the env var that moves the database: format with {path}, e.g. sqlite:///{path}"),
    })
    .strict(),
]);

// The database paths are the images' documented defaults (data or config directory + file name).
const DEFAULT_SQLITE_IMAGES = [
  { image: "vaultwarden/server", dbPath: "/data/db.sqlite3", dbEnv: { name: "DATABASE_URL", format: "{path}" } },
  { image: "sctx/overseerr", dbPath: "/app/config/db/db.sqlite3" },
  { image: "ghcr.io/open-webui/open-webui", dbPath: "/app/backend/data/webui.db", dbEnv: { name: "DATABASE_URL", format: "sqlite:///{path}" } },
  { image: "linuxserver/sonarr", dbPath: "/config/sonarr.db" },
  { image: "linuxserver/radarr", dbPath: "/config/radarr.db" },
  { image: "louislam/uptime-kuma", dbPath: "/app/data/kuma.db" },
];

export const siteConfigSchema = z
  .object({
    $schema: z.string().optional(),
    namespace: z.string().regex(DNS_LABEL, "must be a DNS-1123 label").default("default"),
    environment: z.string().min(1).default("prod"),
    tls: z.object({ secretName: z.string().min(1).default("wildcard-brmartin-tls") }).strict().prefault({}),
    ingress: z
      .object({
        className: z.string().min(1).default("traefik"),
        annotations: z.record(z.string(), z.string()).default({
          "traefik.ingress.kubernetes.io/router.entrypoints": "websecure",
          "traefik.ingress.kubernetes.io/router.tls": "true",
        }),
      })
      .strict()
      .prefault({}),
    storage: z
      .object({
        root: z.string().startsWith("/", "must be an absolute path").default("/storage/v"),
        hostVolumes: z.record(z.string(), z.string().startsWith("/", "must be an absolute path")).default({}),
      })
      .strict()
      .prefault({}),
    litestream: z
      .object({
        minioEndpoint: z.string().min(1).default("http://minio-minio.service.consul:9000"),
        imageTag: z.string().min(1).default("0.3"),
        emptyDirSize: z.string().default("500Mi").describe("size limit of the local empty_dir holding a Litestream-replicated database (the contract's 500Mi); a database moved off its Nomad volume must fit, with its WAL"),
        credentialsKey: z.string().default("default/{app}").describe("remoteRef.key of the S3 credentials; {app} = app name, {namespace}"),
      })
      .strict()
      .prefault({}),
    secrets: z
      .object({
        storeName: z.string().min(1).default("vault-backend"),
        storeKind: z.enum(["ClusterSecretStore", "SecretStore"]).default("ClusterSecretStore"),
        refreshInterval: z.string().default("1h"),
        remoteKeyTemplate: z
          .string()
          .default("{key}")
          .describe("remoteRef.key from a Vault path: {path} = path without the KV v2 'data/' segment, {app} = app name, {namespace}"),
      })
      .strict()
      .prefault({}),
    certManager: z
      .object({
        issuerName: z.string().regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, "must be a Kubernetes resource name").default("vault-issuer").describe("cert-manager issuer that replaces Vault PKI `issue` calls (Certificate spec.issuerRef.name)"),
        issuerKind: z.enum(["ClusterIssuer", "Issuer"]).default("ClusterIssuer").describe("Certificate spec.issuerRef.kind; an Issuer must live in the module's namespace"),
      })
      .strict()
      .prefault({})
      .describe("cert-manager Certificates generated for templates that read Vault PKI (`secret \"pki/issue/…\"`, `pkiCert`)"),
    gpu: z
      .object({
        node: z.string().min(1).default("hestia"),
        runtimeClass: z
          .string()
          .regex(/^([a-z0-9]([-a-z0-9.]*[a-z0-9])?)?$/, "must be a Kubernetes resource name, or empty for none")
          .default("nvidia")
          .describe('RuntimeClass for docker runtime = "nvidia" (the NVIDIA GPU operator creates "nvidia"); empty: none, the node\'s default runtime has the GPU hook'),
      })
      .strict()
      .prefault({}),
    nodePools: z
      .record(z.string(), z.record(z.string(), z.string()).refine((labels) => Object.keys(labels).length > 0, "give at least one node label"))
      .default({})
      .describe('node labels that stand for a Nomad node pool, e.g. { "gpu": { "pool": "gpu" } }: a job in that pool gets them as node_selector'),
    sqlite: z
      .object({
        knownImages: z
          .array(knownSqliteImageSchema)
          .default(DEFAULT_SQLITE_IMAGES)
          .describe("images of apps that keep an SQLite database (Pattern B); dbPath = where the image keeps it"),
      })
      .strict()
      .prefault({}),
    drivers: z
      .object({
        artifactImage: z.string().min(1).default("curlimages/curl:8.11.1").describe("image of the init container that fetches `artifact` blocks: it needs sh, curl, tar, unzip, gunzip/bunzip2/unxz and md5sum/sha*sum"),
        javaImage: z.string().min(1).default("eclipse-temurin").describe("repository of the JRE image that runs java tasks; tagged <version>-jre"),
        javaVersion: z.string().regex(/^\d+$/, "must be a Java feature release number such as 21").default("21").describe("Java version of java tasks whose job does not say which"),
      })
      .strict()
      .prefault({})
      .describe("java, exec and raw_exec tasks run as containers"),
    sysbatch: z
      .object({
        waitImage: z.string().min(1).default("registry.k8s.io/pause:3.10").describe("image of the container that only waits in a sysbatch job's DaemonSet pod, once the tasks have run as init containers"),
      })
      .strict()
      .prefault({}),
    tiers: z.array(tierSchema).min(1).default(DEFAULT_TIERS),
    resourceTypes: z.enum(["contract", "v1"]).default("contract"),
    vpa: z.object({ enabled: z.boolean().default(false), updateMode: z.enum(["Off", "Initial", "Recreate", "Auto"]).default("Off") }).strict().prefault({}),
    jobs: z.record(z.string(), jobOverrideSchema).default({}),
  })
  .strict();

export type SiteConfig = z.infer<typeof siteConfigSchema>;
export type Tier = z.infer<typeof tierSchema>;
export type JobOverride = z.infer<typeof jobOverrideSchema>;
export type GroupOverride = z.infer<typeof groupOverrideSchema>;
export type KnownSqliteImage = z.infer<typeof knownSqliteImageSchema>;

export function defaultSiteConfig(): SiteConfig {
  return siteConfigSchema.parse({});
}
