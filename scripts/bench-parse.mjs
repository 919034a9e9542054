// Parse-only floor for `npm run bench`: read and parse each file of a folder, one after
// another on one thread, with the same HCL parser nomad2k8s uses (warmed up first).
import { parse } from "@cdktf/hcl2json";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2];
const files = readdirSync(dir, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile())
  .map((e) => join(e.parentPath, e.name))
  .sort();
await parse("warm.hcl", 'job "warm" {\n}\n');
const t = performance.now();
for (const f of files) {
  try {
    await parse(f, readFileSync(f, "utf8"));
  } catch {
    // HCL1 files: nomad2k8s parses them with a second parser; here only the floor is timed
  }
}
process.stdout.write(JSON.stringify({ seconds: (performance.now() - t) / 1000, rssMiB: process.resourceUsage().maxRSS / 1024 }) + "\n");
