import type { SiteConfig } from "../../config/site-config.js";
import { isDynamicSecretPath, NOMAD_VAR, vaultPathParts } from "../templates/go-template.js";

/** `nomad/jobs/app` → key `app` (the path below Nomad's job variables), mount `nomad`. */
function nomadVarParts(path: string): { path: string; mount: string; key: string } {
  return { path, mount: "nomad", key: path.replace(/^nomad\/jobs\//, "") };
}

/** A Vault KV mount the job reads, the KV version its paths imply, and the store that serves it (none: not mapped). */
export interface VaultMount {
  mount: string;
  /** `v2` when the job's paths had the `data/` segment, `v1` without; both when it read it both ways. */
  versions: ("v1" | "v2")[];
  store?: string;
  /** The Vault paths read under it, as the job wrote them. */
  paths: string[];
}

export interface SecretEntry {
  secretKey: string;
  remoteKey: string;
  property: string;
}

/** Collects what the module's ExternalSecrets must fetch: env keys and rendered files. */
export class ModuleSecrets {
  readonly env: SecretEntry[] = [];
  /** Litestream's S3 credentials: an ExternalSecret of their own, so a missing key stops only Litestream. */
  readonly litestream: SecretEntry[] = [];
  readonly fileEntries: SecretEntry[] = [];
  readonly files: Record<string, string> = {};
  /** Remote keys whose every key becomes an env var (an env template ranged over the secret). */
  readonly envExtract: string[] = [];
  /** Files rendered from every key of one remote key: an ExternalSecret each (its keys cannot mix with others'). */
  readonly extractFiles: { remoteKey: string; key: string; template: string }[] = [];
  /** Vault KV mounts read, by name. */
  readonly mounts = new Map<string, VaultMount>();
  /** remoteRef.key → the store serving it, when that is not the site's default store. */
  readonly stores = new Map<string, string>();
  constructor(
    private readonly config: SiteConfig,
    private readonly appName: string,
    private readonly namespace: string,
  ) {}

  /** remoteRef.key for a Vault path or a `nomadVar:` source, by the site's remote-key rule. */
  remoteKey(source: string): string {
    const nomadVar = source.startsWith(NOMAD_VAR);
    const p = nomadVar ? nomadVarParts(source.slice(NOMAD_VAR.length)) : vaultPathParts(source);
    const key = this.config.secrets.remoteKeyTemplate
      .replace(/\{path\}/g, p.path)
      .replace(/\{key\}/g, p.key)
      .replace(/\{mount\}/g, p.mount)
      .replace(/\{app\}/g, this.appName)
      .replace(/\{namespace\}/g, this.namespace);
    // Nomad variables are copied into the default store; a dynamic secret has a step of its own (N2K-SEC-007).
    if (!nomadVar && !isDynamicSecretPath(source)) this.readMount(source, p.mount, key);
    return key;
  }

  /** Whether remote keys carry their mount (`{mount}`, `{path}`): then one store serves every mount. */
  get keysCarryMount(): boolean {
    return /\{(mount|path)\}/.test(this.config.secrets.remoteKeyTemplate);
  }

  /** The Vault command that writes items under a remote key of the default store. */
  vaultPut(remoteKey: string): string {
    return this.keysCarryMount ? `vault kv put ${remoteKey}` : `vault kv put -mount=${this.config.secrets.mount} ${remoteKey}`;
  }

  private readMount(source: string, mount: string, key: string): void {
    const m = this.mounts.get(mount) ?? { mount, versions: [], paths: [] };
    const version = source.split("/").filter(Boolean)[1] === "data" ? "v2" : "v1";
    if (!m.versions.includes(version)) m.versions.push(version);
    if (!m.paths.includes(source)) m.paths.push(source);
    const store = this.keysCarryMount || mount === this.config.secrets.mount ? this.config.secrets.storeName : this.config.secrets.mounts[mount];
    if (store) m.store = store;
    if (store && store !== this.config.secrets.storeName) this.stores.set(key, store);
    this.mounts.set(mount, m);
  }

  addEnv(secretKey: string, remoteKey: string, property: string): string {
    if (!this.env.some((e) => e.secretKey === secretKey)) this.env.push({ secretKey, remoteKey, property });
    return secretKey;
  }

  addEnvExtract(remoteKey: string): void {
    if (!this.envExtract.includes(remoteKey)) this.envExtract.push(remoteKey);
  }

  /** A file rendered from one whole remote key; its index names its ExternalSecret. */
  addExtractFile(remoteKey: string, key: string, template: string): number {
    this.extractFiles.push({ remoteKey, key, template });
    return this.extractFiles.length;
  }

  addLitestream(secretKey: string, remoteKey: string, property: string): string {
    if (!this.litestream.some((e) => e.secretKey === secretKey)) this.litestream.push({ secretKey, remoteKey, property });
    return secretKey;
  }

  /** A key for a file template's reference; the same Vault field always gets the same key. */
  fileKey(vaultPath: string, property: string): string {
    const remoteKey = this.remoteKey(vaultPath);
    const found = this.fileEntries.find((e) => e.remoteKey === remoteKey && e.property === property);
    if (found) return found.secretKey;
    let key = property.replace(/[^A-Za-z0-9_]/g, "_");
    if (/^[0-9]/.test(key)) key = `_${key}`;
    for (let i = 2; this.fileEntries.some((e) => e.secretKey === key); i++) key = `${property.replace(/[^A-Za-z0-9_]/g, "_")}_${i}`;
    this.fileEntries.push({ secretKey: key, remoteKey, property });
    return key;
  }

  addFile(name: string, template: string): string {
    let key = name;
    for (let i = 2; key in this.files; i++) key = `${i}-${name}`;
    this.files[key] = template;
    return key;
  }
}
