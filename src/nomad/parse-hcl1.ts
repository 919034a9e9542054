import { lazyRequire } from "../lazy-require.js";

// HCL1 job files (Nomad before 1.0) are read with HashiCorp's own HCL1 parser (compiled to
// JavaScript: js-hcl-parser) and reshaped into the raw shape @cdktf/hcl2json gives for HCL2,
// so the normalizer is shared. HCL1 prints every block as a list of objects and a labelled
// block as a list of `{ label: [body] }`; hcl2json gives `{ label: [body] }`.

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === "object" && !Array.isArray(v);

// Labelled block types, by the block they sit in ("" is the file's top level).
const LABELLED: Record<string, string[]> = {
  "": ["job"],
  job: ["group", "task"],
  group: ["task", "volume"],
  network: ["port"],
  resources: ["device"],
  task: ["action", "scaling"],
  multiregion: ["region"],
};

const parser = lazyRequire<{ parse: (text: string) => string }>("js-hcl-parser");

/** Parses HCL1 text; throws with the parser's message ("At 3:5: …") when it is not HCL1. */
export function parseHcl1(source: string): Obj {
  const out = parser().parse(source);
  // The parser returns its error as text instead of throwing.
  if (!out.trimStart().startsWith("{")) throw new Error(out.replace(/^unable to parse JSON: /, ""));
  return reshape(JSON.parse(out), "") as Obj;
}

function reshape(v: unknown, blockType: string): unknown {
  if (Array.isArray(v)) return v.map((x) => reshape(x, blockType));
  if (typeof v === "string") return v.replace(/%\{/g, "%%{"); // HCL1 has no template directives
  if (!isObj(v)) return v;
  const out: Obj = {};
  for (const [k, x] of Object.entries(v)) {
    if ((LABELLED[blockType] ?? []).includes(k) && Array.isArray(x)) {
      const blocks: Obj = {};
      for (const item of x.filter(isObj)) {
        for (const [label, bodies] of Object.entries(item)) {
          const list = (Array.isArray(bodies) ? bodies : [bodies]).map((b) => reshape(b, k));
          blocks[label] = [...((blocks[label] as unknown[]) ?? []), ...list];
        }
      }
      out[k] = blocks;
    } else out[k] = reshape(x, k);
  }
  return out;
}
