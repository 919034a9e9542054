import type { SiteConfig } from "../../config/site-config.js";
import { NOMAD_VAR, vaultPathParts } from "../templates/go-template.js";

/** `nomad/jobs/app` → key `app` (the path below Nomad's job variables), mount `nomad`. */
function nomadVarParts(path: string): { path: string; mount: string; key: string } {
  return { path, mount: "nomad", key: path.replace(/^nomad\/jobs\//, "") };
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
  constructor(
    private readonly config: SiteConfig,
    private readonly appName: string,
    private readonly namespace: string,
  ) {}

  /** remoteRef.key for a Vault path or a `nomadVar:` source, by the site's remote-key rule. */
  remoteKey(source: string): string {
    const p = source.startsWith(NOMAD_VAR) ? nomadVarParts(source.slice(NOMAD_VAR.length)) : vaultPathParts(source);
    return this.config.secrets.remoteKeyTemplate
      .replace(/\{path\}/g, p.path)
      .replace(/\{key\}/g, p.key)
      .replace(/\{mount\}/g, p.mount)
      .replace(/\{app\}/g, this.appName)
      .replace(/\{namespace\}/g, this.namespace);
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
