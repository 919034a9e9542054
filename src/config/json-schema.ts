import { z } from "zod";
import { siteConfigSchema } from "./site-config.js";

/** JSON Schema of the site config file, for editors; generated from the zod schema. */
export function siteConfigJsonSchema(): Record<string, unknown> {
  return { title: "nomad2k8s site config", ...z.toJSONSchema(siteConfigSchema, { io: "input" }) } as Record<string, unknown>;
}
