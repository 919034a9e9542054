// Rewrites the shipped nomad2k8s.schema.json from the site config's zod schema (run after `tsc`):
// editors validate config files against it, and a test fails when it falls behind.
import { writeFileSync } from "node:fs";
import { siteConfigJsonSchema } from "../dist/config/json-schema.js";

writeFileSync(new URL("../nomad2k8s.schema.json", import.meta.url), JSON.stringify(siteConfigJsonSchema(), null, 2) + "\n");
