import type { KnownSqliteImage } from "../config/site-config.js";
import type { Group, Task } from "../nomad/model.js";
import { nomadDataPath } from "../nomad/nomad-data-path.js";

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

export interface SqliteFacts {
  evidence: Evidence[];
  /** The database path as the app sees it (its own env/args win over litestream's view). */
  dbPath?: string;
  /** Where dbPath comes from: the job itself, or the known default of the app's image. */
  dbPathFrom?: { image: string };
  bucket?: string;
  litestreamTasks: string[];
}

/** Evidence for an SQLite database, strongest first, and what the Nomad job says about it. */
export function sqliteEvidence(group: Group, knownImages: KnownSqliteImage[]): SqliteFacts {
  const facts: SqliteFacts = { evidence: [], litestreamTasks: [] };
  let litestreamPath: string | undefined;
  let imageDefault: { dbPath: string; image: string } | undefined;
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
      facts.evidence.push({ kind: "litestream-config", detail: `template renders ${tpl.destination}`, path: tpl.path });
      const path = /^\s*-?\s*path:\s*["']?([^"'\s]+)/m.exec(tpl.data ?? "");
      const bucket = /^\s*-?\s*bucket:\s*["']?([^"'\s{}]+)/m.exec(tpl.data ?? "");
      if (path) litestreamPath ??= path[1];
      if (bucket) facts.bucket ??= bucket[1];
    }
  }
  for (const t of group.tasks) {
    if (facts.litestreamTasks.includes(t.name)) continue;
    const sources: [string, string][] = [
      ...Object.entries(t.env).map(([k, v]): [string, string] => [`${t.path}.env.${k}`, v]),
      ...(t.config.args ?? []).map((a, i): [string, string] => [`${t.path}.config.args[${i}]`, a]),
      ...t.templates.filter((x) => !/litestream\.ya?ml$/.test(x.destination)).map((x): [string, string] => [x.path, x.data ?? ""]),
    ];
    for (const [path, value] of sources) {
      // A match of either RegExp holds ".db", ".sqlite" or "sqlite": most values (and whole
      // template bodies) hold none, and are not run through them. Values of mangled files can
      // be other than strings: they are read as exec() would read them.
      const text = `${value}`;
      if (!text.includes(".db") && !text.includes("sqlite")) continue;
      const m = SQLITE_PATH.exec(text) ?? SQLITE_URL.exec(text);
      if (!m) continue;
      facts.evidence.push({ kind: "sqlite-path", detail: `SQLite database path ${m[1]}`, path });
      facts.dbPath ??= m[1].startsWith("/") ? m[1] : `/${m[1]}`;
    }
    const image = imageName(t.config.image ?? "");
    const known = knownImages.map((k) => (typeof k === "string" ? { image: k } : k)).find((k) => image === k.image || image.endsWith(`/${k.image}`));
    if (known) {
      facts.evidence.push({ kind: "known-sqlite-image", detail: `image ${image} is a known SQLite app${known.dbPath ? ` (database ${known.dbPath})` : ""}`, path: `${t.path}.config.image` });
      if (known.dbPath && !imageDefault) imageDefault = { dbPath: known.dbPath, image };
    }
  }
  facts.dbPath ??= litestreamPath;
  if (!facts.dbPath && imageDefault) {
    facts.dbPath = imageDefault.dbPath;
    facts.dbPathFrom = { image: imageDefault.image };
  }
  return facts;
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
  for (const v of group.volumes) {
    const writable = !v.readOnly && group.tasks.some((t) => t.volumeMounts.some((m) => m.volume === v.name && !m.readOnly));
    if (writable) out.push({ kind: `${v.type}-volume`, detail: `writable ${v.type} volume "${v.name}" (source ${v.source})`, path: `${group.path}.volume.${v.name}` });
  }
  for (const t of group.tasks) {
    (t.config.volumes ?? []).forEach((spec, i) => {
      const [src, dst, mode] = spec.split(":");
      if (src.startsWith("/") && mode !== "ro" && !nomadDataPath(src) && !isSocket(src)) out.push({ kind: "bind-mount", detail: `writable docker volume ${src}:${dst}`, path: `${t.path}.config.volumes[${i}]` });
    });
    for (const m of t.config.mounts) {
      if (m.type === "bind" && m.source?.startsWith("/") && !m.readOnly && !nomadDataPath(m.source) && !isSocket(m.source)) out.push({ kind: "bind-mount", detail: `writable bind mount ${m.source}:${m.target}`, path: `${t.path}.config.mount` });
    }
  }
  return out;
}
