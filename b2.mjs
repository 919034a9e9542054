import { defaultSiteConfig } from "./dist/config/site-config.js";
import { convert } from "./dist/convert.js";
import { parse } from "@cdktf/hcl2json";
import { readdirSync, readFileSync } from "fs";
const ex = readdirSync("nomad-jobs").sort().map(f => readFileSync("nomad-jobs/"+f, "utf8"));
const sources = Array.from({length: 500}, (_, i) => ({ file: `j${i}`, text: ex[i % ex.length].replace(/^job "([^"]+)"/m, (_m, n) => `job "${n}-${i}"`) }));
await convert(sources.slice(0,30), { config: defaultSiteConfig() });
await parse("x", ex[0]);
for (let k = 0; k < 3; k++) {
  let t = performance.now();
  for (const s of sources) await parse(s.file, s.text);
  const p = performance.now() - t;
  t = performance.now();
  await convert(sources, { config: defaultSiteConfig() });
  const c = performance.now() - t;
  console.log("parse", p.toFixed(0), "convert", c.toFixed(0), "ratio", (p / c).toFixed(2));
}
