import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { siteConfigJsonSchema } from "../config/json-schema.js";
import { DEFAULT_CONFIG_FILE } from "../config/load-config.js";
import { defaultSiteConfig } from "../config/site-config.js";
import { writeFileAtomic } from "../io/safe-write.js";
import type { CliIO } from "./io.js";

export const SCHEMA_FILE = "nomad2k8s.schema.json";

/** Writes a starting site config holding every default, and the JSON Schema it points at. */
export async function initCommand(opts: { config?: string; force?: boolean }, io: CliIO): Promise<number> {
  const file = resolve(io.cwd, opts.config ?? DEFAULT_CONFIG_FILE);
  if (existsSync(file) && !opts.force) {
    io.stderr(`nomad2k8s: ${opts.config ?? DEFAULT_CONFIG_FILE} already exists; use --force to overwrite it\n`);
    return 1;
  }
  const config = { $schema: `./${SCHEMA_FILE}`, ...defaultSiteConfig() };
  const schemaFile = resolve(file, "..", SCHEMA_FILE);
  const schema = JSON.stringify(siteConfigJsonSchema(), null, 2) + "\n";
  // The schema file beside it may be someone's own file of that name: kept unless it is ours already.
  if (existsSync(schemaFile) && !opts.force && readFileSync(schemaFile, "utf8") !== schema) {
    io.stderr(`nomad2k8s: ${SCHEMA_FILE} already exists and differs from nomad2k8s's schema; use --force to overwrite it\n`);
    return 1;
  }
  await writeFileAtomic(schemaFile, schema);
  await writeFileAtomic(file, JSON.stringify(config, null, 2) + "\n");
  io.stderr(`wrote ${opts.config ?? DEFAULT_CONFIG_FILE} (every default) and ${SCHEMA_FILE}\n`);
  return 0;
}
