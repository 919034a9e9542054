import type { KnownSqliteImage } from "../config/site-config.js";
import type { Diagnostics } from "../diagnostics.js";
import type { Group, Task } from "../nomad/model.js";
import { nomadDataPath } from "../nomad/nomad-data-path.js";
import { allocDataUses } from "./sticky-disk.js";

export interface Evidence {
  kind: string;
  detail: string;
  path: string;
}

const GPU_DEVICES = /^(nvidia\/gpu|nvidia|gpu)(\/.*)?$/;

export function gpuEvidence(group: Group): { evidence: Evidence[]; count: number } {
  const evidence: Evidence[] = [];
  let count = 0;
  for (const t of group.tasks) {
    for (const d of t.devices) {
      if (!GPU_DEVICES.test(d.name)) continue;
      evidence.push({ kind: "gpu-device", detail: `device "${d.name}" with count = ${d.count}`, path: `${t.path}.resources.device.${d.name}` });
      count = Math.max(count, d.count);
    }
    if (t.config.runtime === "nvidia") evidence.push({ kind: "gpu-runtime", detail: 'docker runtime = "nvidia"', path: `${t.path}.config.runtime` });
    if ("NVIDIA_VISIBLE_DEVICES" in t.env) evidence.push({ kind: "gpu-env", detail: "NVIDIA_VISIBLE_DEVICES set in env", path: `${t.path}.env.NVIDIA_VISIBLE_DEVICES` });
  }
  return { evidence, count: evidence.length ? Math.max(1, count) : 0 };
}

export function isLitestreamTask(t: Task): boolean {
  return /(^|\/)litestream(:|$)/.test(t.config.image ?? "") || t.config.entrypoint?.[0] === "litestream" || t.config.command === "litestream";
}

/** The image without registry port confusion, tag or digest: `ghcr.io:443/a/b:1` → `ghcr.io:443/a/b`. */
function imageName(ref: string): string {
  const noDigest = ref.split("@")[0];
  const slash = noDigest.lastIndexOf("/");
  const colon = noDigest.lastIndexOf(":");
  return colon > slash ? noDigest.slice(0, colon) : noDigest;
}

const SQLITE_PATH = /(?:sqlite3?:\/{2,3}|file:)?(\/[\w./@-]+\.(?:sqlite3?|db))\b/;
const SQLITE_URL = /sqlite3?:\/\/\/?([^\s"']+)/;
// `*.db` names many things (DNS zone files, BoltDB, Berkeley DB): it is SQLite only where the
// name or the text around it says so.
const DB_ONLY = /\.db\b/;
const SQLITE_WORD = /sqlite/i;
const DB_KEY = /(^|_)(DB|DATABASE|SQLITE)(_|$)/i;
// A database setting that points at another server: the app does not keep an SQLite file.
const OTHER_DB_URL = /^\s*["']?(postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|sqlserver|mssql|cockroachdb|redis):\/\//i;
const OTHER_DB_TYPE = /^\s*["']?(postgres(?:ql)?|pg|mysql|mariadb|mssql|mongo(?:db)?)["']?\s*$/i;
const DB_URL_KEY = /^(\w*_)?(DATABASE|DB)_(URL|URI|DSN|CONNECTION_STRING)$|^DATABASE$/i;
const DB_TYPE_KEY = /^(\w*_)?(DB|DATABASE)_(TYPE|DRIVER|ENGINE|DIALECT|CLIENT|CONNECTION|VENDOR)$/i;
const ENV_LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/gm;

/** The job's own Litestream setup, kept as the job wrote it. */
export interface OwnLitestream {
  /** Tasks running litestream (kept as containers, not replaced). */
  tasks: string[];
  /** Templates rendering a litestream.yml. */
  configs: string[];
}

export interface SqliteFacts {
  evidence: Evidence[];
  /** The database path as the app sees it (its own env/args win over litestream's view). */
  dbPath?: string;
  /** Where dbPath comes from: the job itself, or the known default of the app's image. */
  dbPathFrom?: { image: string };
  /**
   * How the app is told where the database lives, so it can be moved: the env var of the
   * task that holds the path (value with {path} in it), or the known image's setting.
   */
  relocate?: { task: string; env: string; format: string };
  litestreamTasks: string[];
  /** Set when the job already runs Litestream: its tasks and config stay as they are. */
  own?: OwnLitestream;
}

/** Evidence for an SQLite database, strongest first, and what the Nomad job says about it. */
export function sqliteEvidence(group: Group, knownImages: KnownSqliteImage[], diags?: Diagnostics): SqliteFacts {
  const facts: SqliteFacts = { evidence: [], litestreamTasks: [] };
  let litestreamPath: string | undefined;
  let imageDefault: { dbPath: string; image: string; task: string; env?: { name: string; format: string } } | undefined;
  const configs: string[] = [];
  for (const t of group.tasks) {
    if (!isLitestreamTask(t)) continue;
    facts.litestreamTasks.push(t.name);
    facts.evidence.push({ kind: "litestream-task", detail: `task "${t.name}" runs litestream (${t.config.image})`, path: t.path });
    const dbArg = (t.config.args ?? []).find((a) => SQLITE_PATH.test(a));
    if (dbArg) litestreamPath ??= SQLITE_PATH.exec(dbArg)![1];
  }
  for (const t of group.tasks) {
    for (const tpl of t.templates) {
      if (!/litestream\.ya?ml$/.test(tpl.destination)) continue;
      configs.push(tpl.destination);
      facts.evidence.push({ kind: "litestream-config", detail: `template renders ${tpl.destination}`, path: tpl.path });
      const path = /^\s*-?\s*path:\s*["']?(\/[^"'\s]+)/m.exec(tpl.data ?? "");
      if (path) litestreamPath ??= path[1];
    }
  }
  for (const t of group.tasks) {
    if (facts.litestreamTasks.includes(t.name)) continue;
    const elsewhere = otherDatabase(t);
    const sources: [string, string, string?][] = [
      ...Object.entries(t.env).map(([k, v]): [string, string, string] => [`${t.path}.env.${k}`, v, k]),
      ...(t.config.args ?? []).map((a, i): [string, string] => [`${t.path}.config.args[${i}]`, a]),
      ...t.templates.filter((x) => !/litestream\.ya?ml$/.test(x.destination)).map((x): [string, string] => [x.path, x.data ?? ""]),
    ];
    for (const [path, value, key] of sources) {
      // A match of either RegExp holds ".db", ".sqlite" or "sqlite": most values (and whole
      // template bodies) hold none, and are not run through them. Values of mangled files can
      // be other than strings: they are read as exec() would read them.
      const text = `${value}`;
      if (!text.includes(".db") && !text.includes("sqlite")) continue;
      const m = SQLITE_PATH.exec(text) ?? SQLITE_URL.exec(text);
      if (!m) continue;
      if (DB_ONLY.test(m[0]) && !/sqlite/i.test(m[0]) && !SQLITE_WORD.test(text) && !(key && DB_KEY.test(key))) {
        diags?.info("N2K-LITE-006", `${m[1]} is not taken for an SQLite database: a *.db name alone (DNS zone files, BoltDB) says nothing, and nothing around it mentions SQLite`, { path });
        continue;
      }
      if (elsewhere) continue;
      facts.evidence.push({ kind: "sqlite-path", detail: `SQLite database path ${m[1]}`, path });
      const dbPath = m[1].startsWith("/") ? m[1] : `/${m[1]}`;
      if (!facts.dbPath) {
        facts.dbPath = dbPath;
        if (key && text.includes(m[1])) facts.relocate = { task: t.name, env: key, format: text.replace(m[1], "{path}") };
      }
    }
    const image = imageName(t.config.image ?? "");
    const known = knownImages.map((k) => (typeof k === "string" ? { image: k } : k)).find((k) => image === k.image || image.endsWith(`/${k.image}`));
    if (known && elsewhere) {
      diags?.info("N2K-LITE-007", `image ${image} can keep an SQLite database, but ${elsewhere}: no Litestream`, { path: `${t.path}.config.image` });
    } else if (known) {
      facts.evidence.push({ kind: "known-sqlite-image", detail: `image ${image} is a known SQLite app${known.dbPath ? ` (database ${known.dbPath})` : ""}`, path: `${t.path}.config.image` });
      if (known.dbPath && !imageDefault) imageDefault = { dbPath: known.dbPath, image, task: t.name, env: known.dbEnv };
    }
  }
  facts.dbPath ??= litestreamPath;
  if (!facts.dbPath && imageDefault) {
    facts.dbPath = imageDefault.dbPath;
    facts.dbPathFrom = { image: imageDefault.image };
    if (imageDefault.env) facts.relocate = { task: imageDefault.task, env: imageDefault.env.name, format: imageDefault.env.format };
  }
  if (facts.litestreamTasks.length || configs.length) facts.own = { tasks: facts.litestreamTasks, configs };
  return facts;
}

/**
 * Why the task's database is not SQLite: a database URL or type in its env (or an env
 * template) naming another server, or a database URL filled from a secret template.
 */
function otherDatabase(t: Task): string | undefined {
  for (const [k, v] of Object.entries(t.env)) {
    const text = `${v}`;
    if (DB_URL_KEY.test(k) && OTHER_DB_URL.test(text)) return `its ${k} points at another database server`;
    if (DB_TYPE_KEY.test(k) && OTHER_DB_TYPE.test(text)) return `its ${k} is ${text}`;
  }
  for (const tpl of t.templates) {
    if (!tpl.env || !tpl.data) continue;
    for (const m of tpl.data.matchAll(ENV_LINE)) {
      const [, k, v] = m;
      if (DB_URL_KEY.test(k) && !/sqlite|\.db\b|^\s*["']?\//i.test(v)) return `its ${k} comes from a template (${OTHER_DB_URL.test(v) ? "another database server" : "a secret"}), not an SQLite file`;
      if (DB_TYPE_KEY.test(k) && OTHER_DB_TYPE.test(v)) return `its ${k} is ${v.trim()}`;
    }
  }
  return undefined;
}

/**
 * Writable host paths that outlive a pod: CSI/host volumes, absolute bind mounts (not into
 * Nomad's own allocation directories, which die with the allocation). Read-only
 * ones are content or config (the contract's Pattern A mounts config by host_path too).
 */
/** A host socket (`/var/run/docker.sock`) reaches a daemon; it holds no data to keep. */
const isSocket = (path: string) => /\.sock$/.test(path);

export function persistentEvidence(group: Group): Evidence[] {
  const out: Evidence[] = [];
  // A sticky disk kept alloc/data across updates: data a task writes there is persisted data.
  if (group.stickyDisk) {
    for (const u of allocDataUses(group)) out.push({ kind: "sticky-disk", detail: `sticky ephemeral_disk: task "${u.task}" keeps data in alloc/data (${u.where}), which Nomad carried across updates`, path: group.stickyDisk.path });
  }
  for (const v of group.volumes) {
    const writable = !v.readOnly && group.tasks.some((t) => t.volumeMounts.some((m) => m.volume === v.name && !m.readOnly));
    if (writable) out.push({ kind: `${v.type}-volume`, detail: `writable ${v.type} volume "${v.name}" (source ${v.source})`, path: `${group.path}.volume.${v.name}` });
  }
  // A host side from a variable or meta value is a host path too; a task directory is not.
  const onHost = (src: string) => !isSocket(src) && ((src.startsWith("/") && !nomadDataPath(src)) || (src.startsWith("${") && !/^\$\{\s*(?:env\.)?NOMAD_(?:TASK|ALLOC|SECRETS)_DIR\s*\}/.test(src)));
  for (const t of group.tasks) {
    (t.config.volumes ?? []).forEach((spec, i) => {
      const [src, dst, mode] = spec.split(":");
      if (onHost(src) && mode !== "ro") out.push({ kind: "bind-mount", detail: `writable docker volume ${src}:${dst}`, path: `${t.path}.config.volumes[${i}]` });
    });
    for (const m of t.config.mounts) {
      if (m.type === "bind" && m.source && onHost(m.source) && !m.readOnly) out.push({ kind: "bind-mount", detail: `writable bind mount ${m.source}:${m.target}`, path: `${t.path}.config.mount` });
      if (m.type === "volume" && m.driver?.options.type?.startsWith("nfs") && !m.readOnly) out.push({ kind: "nfs-volume", detail: `writable NFS volume ${m.driver.options.device ?? ""} at ${m.target}`, path: `${t.path}.config.mount` });
    }
  }
  return out;
}
