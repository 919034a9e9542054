import type { SiteConfig } from "../../config/site-config.js";
import type { Diagnostics } from "../../diagnostics.js";
import type { SqliteFacts } from "../../infer/evidence.js";
import { expr, fn, tpl, type HclVal } from "../hcl-value.js";
import type { ConfigMapPlan, Container, EnvVar, Variable } from "../model.js";
import type { ModuleSecrets } from "../secrets/module-secrets.js";
import { mount, type PodVolumes } from "./pod-volumes.js";
import { resourceType } from "../resource-types.js";
import { cpuText, memText } from "../workload/resources.js";

export interface LitestreamPlan {
  configMap: ConfigMapPlan;
  initContainer: Container;
  sidecar: Container;
  dataDir: string;
  dbPath: string;
  dataVolume: string;
}

export interface LitestreamContext {
  appName: string;
  namespace: string;
  config: SiteConfig;
  diags: Diagnostics;
  pod: PodVolumes;
  variables: Variable[];
  secrets: ModuleSecrets;
  secretName: HclVal;
  bucket?: string;
  path: string;
}

const CREDENTIALS = ["LITESTREAM_ACCESS_KEY_ID", "LITESTREAM_SECRET_ACCESS_KEY"];

/** The contract's Pattern B: litestream.yml ConfigMap, restore init container, replicate sidecar. */
export function planLitestream(facts: SqliteFacts, dbPath: string, ctx: LitestreamContext): LitestreamPlan {
  const { config } = ctx;
  const dataDir = dbPath.slice(0, dbPath.lastIndexOf("/")) || "/";
  ctx.variables.push(
    { name: "litestream_image_tag", description: "Litestream image tag", type: "string", default: config.litestream.imageTag },
    { name: "minio_endpoint", description: "MinIO S3 endpoint for litestream", type: "string", default: config.litestream.minioEndpoint },
    { name: "litestream_bucket", description: "MinIO bucket for litestream backups", type: "string", default: ctx.bucket ?? facts.bucket ?? `${ctx.appName}-litestream` },
  );
  const configMap: ConfigMapPlan = {
    tfName: "litestream",
    name: tpl(expr("local.app_name"), "-litestream"),
    data: {
      "litestream.yml": fn("yamlencode", {
        dbs: [{ path: dbPath, replicas: [{ type: "s3", bucket: expr("var.litestream_bucket"), endpoint: expr("var.minio_endpoint"), "force-path-style": true }] }],
      }),
    },
    comments: [],
  };
  const remoteKey = config.litestream.credentialsKey.replace(/\{app\}/g, ctx.appName).replace(/\{namespace\}/g, ctx.namespace);
  const env: EnvVar[] = CREDENTIALS.map((k) => ({ name: k, secretRef: { name: ctx.secretName, key: ctx.secrets.addEnv(k, remoteKey, k) } }));
  const dataVolume = ctx.pod.emptyDir("data", { sizeLimit: config.litestream.emptyDirSize });
  const configVolume = ctx.pod.configMap("litestream-config", { name: expr(`${resourceType(config, "config_map")}.litestream.metadata[0].name`) });
  const mounts = [mount(dataVolume, dataDir), mount(configVolume, "/etc/litestream.yml", { subPath: "litestream.yml", readOnly: true })];
  const light = [...config.tiers].filter((t) => !t.gpu).sort((a, b) => a.cpuRequest - b.cpuRequest)[0] ?? config.tiers[0];
  const resources = { requests: { cpu: cpuText(light.cpuRequest), memory: memText(light.memoryRequest) }, limits: { cpu: cpuText(light.cpuLimit), memory: memText(light.memoryLimit) } };
  const image = tpl("litestream/litestream:", expr("var.litestream_image_tag"));
  const base = { image, ports: [], env, envFrom: [], volumeMounts: mounts, resources, comments: [] };
  return {
    configMap,
    dataDir,
    dbPath,
    dataVolume,
    initContainer: {
      ...base,
      name: "litestream-restore",
      command: ["/bin/sh", "-c"],
      // Restores only when no database exists, so a restart never overwrites live data.
      args: [`if [ ! -f ${shellQuote(dbPath)} ]; then\n  litestream restore -config /etc/litestream.yml ${shellQuote(dbPath)} || true\nfi\n`],
    },
    sidecar: { ...base, name: "litestream", args: ["replicate", "-config", "/etc/litestream.yml"] },
  };
}

/**
 * Where the database lives: the job's own path, else the known default of the app's image,
 * else a guess. A guess never takes a directory the app already mounts (at, above or below
 * it): that mount's data would be hidden behind the empty Litestream volume.
 */
export function databasePath(facts: SqliteFacts, appMounts: string[], ctx: Pick<LitestreamContext, "diags" | "path">): string {
  if (facts.dbPath) {
    if (facts.dbPathFrom) {
      ctx.diags.info("N2K-LITE-004", `the SQLite database is taken to be ${facts.dbPath}, where image ${facts.dbPathFrom.image} keeps it (sqlite.knownImages in the site config)`, {
        path: ctx.path,
        hint: "if the app keeps it elsewhere, set that dbPath in the site config",
      });
    }
    return facts.dbPath;
  }
  const overlaps = (dir: string) => appMounts.filter((p) => p === dir || dir.startsWith(`${p}/`) || p.startsWith(`${dir}/`) || p === "/");
  let dir = "/data";
  const clash = overlaps(dir);
  if (clash.length) {
    dir = "/litestream";
    for (let i = 2; overlaps(dir).length; i++) dir = `/litestream-${i}`;
  }
  const dbPath = `${dir}/db.sqlite3`;
  const where = clash.length ? `; the app already mounts ${clash.join(", ")}, which stays as it is, so the Litestream volume goes to ${dir} and the database is assumed at ${dbPath}` : `; assumed ${dbPath}`;
  ctx.diags.manual("N2K-LITE-001", `cannot tell where the SQLite database lives${where}`, { path: ctx.path, hint: "point the app at this path, or fix litestream.yml and the data mount" });
  return dbPath;
}

function shellQuote(s: string): string {
  return /^[\w./@-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`;
}
