import type { SiteConfig } from "../../config/site-config.js";
import type { Diagnostics } from "../../diagnostics.js";
import { moduleRef, readableRefs } from "../hcl-value.js";
import type { ModuleInputs } from "../module-inputs.js";
import type { Volume, Workload } from "../model.js";

/** The node's own files: present on every node (or per node by nature), never app data to pin. */
const NODE_SYSTEM = /^\/(?:dev|proc|sys|run|boot|etc|usr|bin|sbin|lib|lib32|lib64|tmp|var\/run|var\/log|var\/tmp)(?:\/|$)/;
const NODE_RUNTIME = /^\/(?:dev|proc|sys|run|boot|tmp|var\/run|var\/log|var\/tmp)(?:\/|$)/;
/** Names that are files, not folders: a bind of a missing one made Docker create a folder, which the app could not use. */
const FILE_EXT = /\.(?:pem|crt|cer|key|csr|p12|pfx|jks|conf|cfg|cnf|ini|json|ya?ml|toml|xml|env|txt|html?|js|css|sh|py|rb|pl|lua|db|sqlite3?|log|properties|htpasswd|lock|pid|list|hcl|tpl|tmpl|csv|sql|gz|tar|zip)$/i;
const FILE_NAMES = new Set(["localtime", "timezone", "hosts", "hostname", "resolv.conf", "machine-id", "os-release", "passwd", "group", "shadow", "id_rsa", "id_ed25519", "id_ecdsa", "known_hosts", "authorized_keys", "htpasswd", ".htpasswd"]);
/** Folders that hold programs: a name without extension there may be a file (`/opt/app/scripts/run`). */
const PROGRAM_DIR = /\/(?:bin|sbin|scripts?|libexec)\/[^/]+$/;

export interface HostPathKind {
  /** host_path `type`: "" where the kind cannot be told from the path. */
  type: string;
  /** A writable folder or file the app keeps on the node: the pod must run where it is. */
  nodeData: boolean;
  /** A path of the node itself (/etc, /var/log, /proc, a socket): nothing to copy. */
  system?: true;
}

/**
 * What a docker bind mount's host path is, from its spelling (the node is not there to ask):
 * a socket (`*.sock`) is `Socket`; a node system path (/dev, /proc, /sys, /run, /etc, /usr, …)
 * is left untyped and unpinned; a name that is a file (`x.conf`, `acme.json`, `localtime`) is
 * `File`; a name without extension in a program folder is left untyped (a script or a folder);
 * anything else is a `Directory`. Typed, a missing path stops the pod (FailedMount) instead of
 * the runtime creating an empty folder there. A read-only folder is left untyped (config or
 * media the app reads: not the app's data, and it must not stop pods that ran before).
 */
export function hostPathKind(source: string, readOnly: boolean): HostPathKind {
  const path = readableRefs(source).replace(/\/+$/, "");
  const base = path.split("/").pop() ?? "";
  if (/\.sock$/.test(base)) return { type: "Socket", nodeData: false, system: true };
  // The kernel's and runtime's own (/proc, /dev, /var/log, /etc/localtime): nothing to copy; an app's folder under /etc or /usr may be.
  if (NODE_SYSTEM.test(path)) return { type: "", nodeData: false, ...(NODE_RUNTIME.test(path) || FILE_NAMES.has(base) ? { system: true as const } : {}) };
  const file = FILE_NAMES.has(base) || FILE_EXT.test(base);
  if (file) return { type: "File", nodeData: !readOnly };
  if (readOnly) return { type: "", nodeData: false };
  if (PROGRAM_DIR.test(path) || base.includes("${")) return { type: "", nodeData: true };
  return { type: "Directory", nodeData: true };
}

export function underStorageRoot(path: string, config: SiteConfig): boolean {
  const root = config.storage.root.replace(/\/+$/, "");
  return path === root || path.startsWith(`${root}/`);
}

/**
 * A pod whose app writes to node paths (docker bind mounts) runs on the node that holds them,
 * as the Nomad allocation did: the job's own hostname constraint when it had one; else a
 * required module input names the node (a blocking step), so the pod cannot start elsewhere
 * with empty folders. Paths under the storage root are on every node (as host volumes are).
 * A DaemonSet runs on every node, each with its own folder, as the system job did: left untyped
 * (created when missing, as Docker did) and unpinned.
 */
export function pinToDataNode(w: Workload, ctx: { config: SiteConfig; inputs: ModuleInputs; diags: Diagnostics; group: string; multi: boolean; path: string }): void {
  const data = w.pod.volumes.filter((v): v is Volume & { hostPath: { path: string; type: string } } => !!v.nodeData && !!v.hostPath);
  if (!data.length) return;
  if (w.kind === "daemon_set") {
    for (const v of data) {
      if (v.hostPath.type === "Directory") v.hostPath.type = "";
      if (v.origin) v.origin = { ...v.origin, copy: "none: each node keeps its own folder, as the system job's allocation on it did" };
    }
    return;
  }
  const local = data.filter((v) => !underStorageRoot(readableRefs(v.hostPath.path), ctx.config));
  for (const v of data) if (v.origin && !local.includes(v)) v.origin = { ...v.origin, copy: `none: under the storage root ${ctx.config.storage.root}, which every node has (same host path)` };
  if (!local.length) return;
  const paths = local.map((v) => readableRefs(v.hostPath.path));
  const known = w.pod.nodeSelector?.["kubernetes.io/hostname"];
  if (known) {
    for (const v of local) if (v.origin) v.origin = { ...v.origin, copy: `none: the pod runs on node ${readableRefs(known)} (the job's constraint), as the allocation did; if the data is on another node, copy it there first` };
    return;
  }
  const name = ctx.inputs.dataNode(ctx.group, ctx.multi, paths);
  w.pod.nodeSelector = { ...w.pod.nodeSelector, "kubernetes.io/hostname": moduleRef(`var.${name}`) };
  for (const v of local) if (v.origin) v.origin = { ...v.origin, copy: `none on the node var.${name} names (the Nomad node that had it, same host path); else copy it to that node first` };
  ctx.diags.manual("N2K-VOL-017", `the app writes to ${paths.join(", ")} on the node (docker bind mount${paths.length > 1 ? "s" : ""}), and the job did not pin a node: set variable "${name}" to the kubernetes.io/hostname label of the node holding that data (the Nomad node the allocation ran on, or the node you copied it to); the pod runs only there, and a missing path stops it instead of starting empty`, {
    path: ctx.path,
    blocking: true,
    hint: `give it with -var ${name}=<node> (kubectl get nodes -L kubernetes.io/hostname); if every node mounts that path from shared storage, any of them will do`,
  });
}
