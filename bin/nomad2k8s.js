#!/usr/bin/env node
import { run } from "../dist/cli/index.js";

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
