import { existsSync, readFileSync } from "node:fs";
import { siteConfigSchema, type SiteConfig } from "./site-config.js";

export const DEFAULT_CONFIG_FILE = "nomad2k8s.config.json";

export class ConfigError extends Error {}

/** Site config from `--config`, else ./nomad2k8s.config.json when present, else defaults. */
export function loadConfig(path?: string, cwd = process.cwd()): { config: SiteConfig; file?: string } {
  const file = path ?? (existsSync(`${cwd}/${DEFAULT_CONFIG_FILE}`) ? `${cwd}/${DEFAULT_CONFIG_FILE}` : undefined);
  if (!file) return { config: siteConfigSchema.parse({}) };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    const msg = (err as NodeJS.ErrnoException).code === "ENOENT" ? "file not found" : `not valid JSON: ${(err as Error).message}`;
    throw new ConfigError(`${file}: ${msg}`);
  }
  return { config: parseConfig(raw, file), file };
}

export function parseConfig(raw: unknown, file = "config"): SiteConfig {
  const res = siteConfigSchema.safeParse(raw);
  if (res.success) return res.data;
  const lines = res.error.issues.map((i) => {
    const path = i.path.length ? i.path.join(".") : "(top level)";
    const unknown = i.code === "unrecognized_keys" ? `unknown key(s) ${i.keys.map((k) => `"${k}"`).join(", ")}` : i.message;
    return `  ${path}: ${unknown}`;
  });
  throw new ConfigError(`${file}: invalid site config\n${lines.join("\n")}`);
}
