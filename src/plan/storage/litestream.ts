import type { SiteConfig } from "../../config/site-config.js";
import type { Diagnostics } from "../../diagnostics.js";
import type { SqliteFacts } from "../../infer/evidence.js";
import { expr, fn, tpl, type HclVal } from "../hcl-value.js";
import type { ConfigMapPlan, Container, EnvVar, Variable, Volume, VolumeMountPlan } from "../model.js";
import type { ModuleSecrets } from "../secrets/module-secrets.js";
import { mount, type PodVolumes } from "./pod-volumes.js";
import { resourceType } from "../resource-types.js";
import { helperResources } from "../workload/resources.js";
import { shellQuote } from "../shell-quote.js";

export interface LitestreamContext {
  appName: string;
  namespace: string;
  config: SiteConfig;
  diags: Diagnostics;
  pod: PodVolumes;
  variables: Variable[];
  secrets: ModuleSecrets;
  /** The Secret Litestream's credentials sync into (the module's ExternalSecret writes it). */
  secretName: HclVal;
  bucket?: string;
  path: string;
}

/** The containers of a pod, as planPodContainers builds them. */
interface PodParts {
  initContainers: Container[];
  containers: Container[];
  configMaps: ConfigMapPlan[];
}

const CREDENTIALS = ["LITESTREAM_ACCESS_KEY_ID", "LITESTREAM_SECRET_ACCESS_KEY"];

/**
 * Pattern B without losing data. The job's own Litestream stays as written. Else the
 * database gets Litestream where that cannot lose it: in a volume that was never persistent
 * (restored when a replica exists), or moved off the job's persistent volume when the app
 * can be told where it lives (first start: restore, else copy the old database). A database
 * that must stay on the persistent volume stays there, without Litestream: Pattern C.
 * Returns the pattern the group ends up with.
 */
export function planSqlite(pod: PodParts, facts: SqliteFacts, ctx: LitestreamContext): "B" | "C" {
  const app = pod.containers[0];
  if (!app || facts.own) return "B";
  const persistent = (m: VolumeMountPlan) => !!ctx.pod.get(m.name)?.hostPath || !!ctx.pod.get(m.name)?.nfs;
  const where = (m: VolumeMountPlan) => {
    const v = ctx.pod.get(m.name);
    const src = v?.hostPath ? `host path ${v.hostPath.path}` : v?.nfs ? `NFS ${v.nfs.server}:${v.nfs.path}` : `volume ${m.name}`;
    return `${m.mountPath} (${src}${m.subPath ? `/${m.subPath}` : ""})`;
  };
  const keptMounts = app.volumeMounts.filter((m) => persistent(m) && !m.readOnly);
  if (!facts.dbPath && keptMounts.length) {
    ctx.diags.warn("N2K-LITE-005", `cannot tell where the SQLite database lives: it stays on the job's persistent volume${keptMounts.length > 1 ? "s" : ""} ${keptMounts.map(where).join(", ")}, without Litestream (Pattern C)`, {
      path: ctx.path,
      hint: "give the database path (sqlite.knownImages dbPath and dbEnv in the site config) to move it to Litestream",
    });
    return "C";
  }
  const dbPath = facts.dbPath ?? guessDatabasePath(app.volumeMounts.map((m) => m.mountPath), ctx);
  if (facts.dbPathFrom) {
    ctx.diags.changed("N2K-LITE-004", `the SQLite database is taken to be ${dbPath}, where image ${facts.dbPathFrom.image} keeps it (sqlite.knownImages in the site config)`, {
      path: ctx.path,
      hint: "if the app keeps it elsewhere, set that dbPath in the site config",
    });
  }
  const holder = mountHolding(app.volumeMounts, dbPath);
  const dbDir = dirOf(dbPath);
  let target: { dbPath: string; mount?: VolumeMountPlan } = { dbPath, mount: holder };
  let copyFrom: string | undefined;
  if (holder && persistent(holder)) {
    const relocate = facts.relocate && (!facts.relocate.task || facts.relocate.task === app.task) ? facts.relocate : undefined;
    if (!relocate) {
      ctx.diags.warn("N2K-LITE-005", `the SQLite database ${dbPath} stays where the job kept it, on ${where(holder)}, without Litestream (Pattern C): no setting of the app is known that moves it to local disk. Where that storage is networked (CSI, NFS, a cluster file system), SQLite risks lock errors and corruption`, {
        path: ctx.path,
        hint: "keep one writer; to move it to Litestream, give the app's setting (sqlite.knownImages dbEnv in the site config)",
      });
      return "C";
    }
    const dir = freeDir(app.volumeMounts.map((m) => m.mountPath));
    const moved = `${dir}/${dbPath.slice(dbPath.lastIndexOf("/") + 1)}`;
    const value = relocate.format.replace("{path}", moved);
    const env = app.env.find((e) => e.name === relocate.env);
    if (env) env.value = value;
    else app.env.push({ name: relocate.env, value });
    copyFrom = dbPath;
    const origin = { nomad: `SQLite database ${dbPath} on ${where(holder)}`, copy: `the first start restores ${moved} from the Litestream replica, or copies ${dbPath} from the old volume when there is none (once: ${dbPath}.copied-to-litestream marks it; the old file stays): stop the Nomad job first` };
    const data = mount(litestreamVolume(ctx, origin), dir);
    target = { dbPath: moved, mount: data };
    app.volumeMounts.push(data);
    // The old file's size is not known when converting: the limit is the site's, and said.
    ctx.diags.warn("N2K-LITE-003", `the SQLite database moves from ${dbPath} to local disk at ${moved} (${relocate.env}=${value}), replicated by Litestream; ${where(holder)} stays mounted for everything else. First start: restore from the replica if one exists, else copy ${dbPath} from the old volume. The local disk holds up to ${ctx.config.litestream.emptyDirSize} (litestream.emptyDirSize in the site config): the kubelet evicts the pod when the database and its WAL outgrow it`, {
      path: ctx.path,
      hint: `stop the Nomad job before the first start, so the copied database is consistent; ${dbPath} on the old volume is no longer written; check the size of ${dbPath} (with its -wal) and raise litestream.emptyDirSize if it is near the limit`,
    });
  } else if (!holder) {
    if (dbDir === "/") {
      ctx.diags.warn("N2K-LITE-005", `the SQLite database ${dbPath} sits in the container's root directory: no volume can hold it there, so no Litestream`, { path: ctx.path, hint: "move the database into a directory of its own" });
      return "C";
    }
    const data = mount(litestreamVolume(ctx), dbDir);
    target = { dbPath, mount: data };
    app.volumeMounts.push(data);
  }
  const ls = litestreamContainers(target.dbPath, target.mount!, copyFrom ? { path: copyFrom, mount: holder! } : undefined, ctx);
  pod.initContainers.unshift(ls.restore);
  pod.containers.push(ls.replicate);
  pod.configMaps.push(ls.configMap);
  return "B";
}

/** The contract's Pattern B: litestream.yml ConfigMap, restore init container, replicate sidecar. */
function litestreamContainers(dbPath: string, data: VolumeMountPlan, copy: { path: string; mount: VolumeMountPlan } | undefined, ctx: LitestreamContext): { configMap: ConfigMapPlan; restore: Container; replicate: Container } {
  const { config } = ctx;
  const bucket = ctx.bucket ?? `${ctx.appName}-litestream`;
  ctx.variables.push(
    { name: "litestream_image_tag", description: "Litestream image tag", type: "string", default: config.litestream.imageTag },
    { name: "minio_endpoint", description: "MinIO S3 endpoint for litestream", type: "string", default: config.litestream.minioEndpoint },
    { name: "litestream_bucket", description: "MinIO bucket for litestream backups", type: "string", default: bucket },
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
  const env: EnvVar[] = CREDENTIALS.map((k) => ({ name: k, secretRef: { name: ctx.secretName, key: ctx.secrets.addLitestream(k, remoteKey, k) } }));
  ctx.diags.manual("N2K-LITE-008", `put the Litestream S3 credentials in the secret store before the first apply: keys ${CREDENTIALS.join(" and ")} of ${remoteKey}, with access to bucket ${bucket} (default of var.litestream_bucket) at ${config.litestream.minioEndpoint}; they sync into their own ExternalSecret, so the app's secrets sync without them`, {
    path: ctx.path,
    blocking: true,
    hint: "create the bucket too; a restore that cannot reach it stops the pod instead of starting on an empty database",
  });
  const configVolume = ctx.pod.configMap("litestream-config", { name: expr(`${resourceType(config, "config_map")}.litestream.metadata[0].name`) });
  const dataMount = { ...data };
  delete dataMount.readOnly;
  const mounts = [dataMount, mount(configVolume, "/etc/litestream.yml", { subPath: "litestream.yml", readOnly: true })];
  const resources = helperResources(config.tiers);
  const image = tpl("litestream/litestream:", expr("var.litestream_image_tag"));
  const base = { image, ports: [], env, envFrom: [], volumeMounts: mounts, resources, comments: [] };
  const db = shellQuote(dbPath);
  // Never over an existing database; a replica that exists but cannot be read fails the pod.
  let script = `set -e\nif [ ! -f ${db} ]; then\n  litestream restore -config /etc/litestream.yml -if-replica-exists ${db}\nfi\n`;
  if (copy) {
    // The copy is made once: a marker beside the old database (which stays, for a way back to
    // Nomad) says so, and a later start that finds neither the database nor a replica fails
    // rather than copying stale data or starting empty.
    const old = shellQuote(copy.path);
    const marker = shellQuote(`${copy.path}.copied-to-litestream`);
    script += `if [ ! -f ${db} ]; then
  if [ -f ${marker} ]; then
    echo "${dbPath}: no Litestream replica, and ${copy.path} was copied before: not starting on stale or empty data" >&2
    exit 1
  fi
  if [ -f ${old} ]; then
    cp ${old} ${db}
    if [ -f ${shellQuote(`${copy.path}-wal`)} ]; then cp ${shellQuote(`${copy.path}-wal`)} ${shellQuote(`${dbPath}-wal`)}; fi
    touch ${marker}
  fi
fi
`;
  }
  return {
    configMap,
    restore: { ...base, name: "litestream-restore", command: ["/bin/sh", "-c"], args: [script], volumeMounts: copy ? [...mounts, writable(copy.mount)] : mounts },
    replicate: { ...base, name: "litestream", args: ["replicate", "-config", "/etc/litestream.yml"] },
  };
}

/**
 * The local empty_dir Litestream replicates: named "data" as in the contract, or
 * "litestream-data" when the job's own volume already has that name (a "data-2" beside "data"
 * would say nothing of which is which).
 */
function litestreamVolume(ctx: LitestreamContext, origin?: Volume["origin"]): string {
  return ctx.pod.emptyDir(ctx.pod.get("data") ? "litestream-data" : "data", { sizeLimit: ctx.config.litestream.emptyDirSize }, origin);
}

/** The mount that holds a path: the deepest mount at or above it. */
function mountHolding(mounts: VolumeMountPlan[], path: string): VolumeMountPlan | undefined {
  return mounts
    .filter((m) => m.mountPath === path || path.startsWith(m.mountPath === "/" ? "/" : `${m.mountPath}/`))
    .filter((m) => m.mountPath !== path)
    .sort((a, b) => b.mountPath.length - a.mountPath.length)[0];
}

function dirOf(path: string): string {
  return path.slice(0, path.lastIndexOf("/")) || "/";
}

/** The app's mounts at, above or below a directory (a mount at "/" is above every one). */
function mountsAround(appMounts: string[], dir: string): string[] {
  return appMounts.filter((p) => p === dir || dir.startsWith(`${p}/`) || p.startsWith(`${dir}/`) || p === "/");
}

/**
 * A directory for the Litestream volume that no mount of the app is at, above or below. A mount
 * at "/" is not counted: every directory is below it, and the search would never end.
 */
function freeDir(appMounts: string[]): string {
  const others = appMounts.filter((p) => p !== "/");
  let dir = "/litestream";
  for (let i = 2; mountsAround(others, dir).length; i++) dir = `/litestream-${i}`;
  return dir;
}

/**
 * Where the database lives when nothing says so: a guess that never takes a directory the
 * app already mounts (at, above or below it).
 */
function guessDatabasePath(appMounts: string[], ctx: Pick<LitestreamContext, "diags" | "path">): string {
  const clash = mountsAround(appMounts, "/data");
  const dir = clash.length ? freeDir(appMounts) : "/data";
  const dbPath = `${dir}/db.sqlite3`;
  const why = clash.length ? `; the app already mounts ${clash.join(", ")}, which stays as it is, so the Litestream volume goes to ${dir} and the database is assumed at ${dbPath}` : `; assumed ${dbPath}`;
  ctx.diags.manual("N2K-LITE-001", `cannot tell where the SQLite database lives${why}`, { path: ctx.path, hint: "point the app at this path, or fix litestream.yml and the data mount" });
  return dbPath;
}

/** The same mount, writable (the restore container marks the old database as copied). */
function writable(m: VolumeMountPlan): VolumeMountPlan {
  const { readOnly: _readOnly, ...rest } = m;
  return rest;
}
