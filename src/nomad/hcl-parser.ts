// The HCL parser is a WebAssembly module that compiles and starts a Go runtime as soon as it is
// imported (~0.1–0.2 s, ~90 MB): it is loaded on the first parse only, so commands and threads
// that never parse (the main thread of a bulk convert, whose workers parse) never pay for it.
let parser: Promise<typeof import("@cdktf/hcl2json")> | undefined;

/** The HCL2 parser's JSON for one file; rejects with the parser's message on a syntax error. */
export async function parseHcl(file: string, text: string): Promise<Record<string, unknown>> {
  parser ??= import("@cdktf/hcl2json");
  return (await parser).parse(file, text);
}
