#!/usr/bin/env node
// Start loading the WebAssembly HCL parser first: it compiles while the CLI's modules load.
const parser = import("@cdktf/hcl2json");
const { run } = await import("../dist/cli/index.js");
await parser;

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    // Only a nomad2k8s bug gets here: user mistakes are reported as diagnostics.
    process.stderr.write(`nomad2k8s: internal error: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 3;
  },
);
