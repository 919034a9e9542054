// The HCL parser is a WebAssembly module that compiles and starts a Go runtime as soon as it is
// imported (~0.1–0.2 s, ~90 MB): it is loaded on the first parse only, so commands and threads
// that never parse (the main thread of a bulk convert, whose workers parse) never pay for it.
import { setFlagsFromString } from "node:v8";

let parser: Promise<typeof import("@cdktf/hcl2json")> | undefined;

/**
 * Called before a run that parses many files. The CLI starts with V8's baseline WebAssembly
 * compiler only (bin/nomad2k8s.js: a one-job run starts ~0.1 s sooner and holds ~50 MB less);
 * over hundreds of files the optimising compiler pays back. It applies to parsers loaded from
 * now on, in this thread and in workers started later.
 */
export function expectManyParses(): void {
  setFlagsFromString("--no-liftoff-only");
}

/** The HCL2 parser's JSON for one file; rejects with the parser's message on a syntax error. */
export async function parseHcl(file: string, text: string): Promise<Record<string, unknown>> {
  parser ??= import("@cdktf/hcl2json");
  return (await parser).parse(file, text);
}
