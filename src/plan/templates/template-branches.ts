// `with`/`if` … `else` … `end` as consul-template renders them: one branch, never both. Where
// the branch is known when converting, the other one is cut out of the text before anything
// else reads it (a Vault `with secret` whose `else` holds a placeholder must not set the
// placeholder too).
import { isComment, scanActions, rewriteActions, type Action, type Delims } from "./go-template-scan.js";

/** Which branch of a block renders: its body ("then"), its `else` ("else"), or not known. */
export type Branch = "then" | "else" | undefined;

interface Block {
  open: Action;
  elses: Action[];
  end?: Action;
}

/** The blocks of a template with their `else` and `end` actions (an unclosed block has no end). */
function blocksOf(text: string, d: Delims): Block[] {
  const out: Block[] = [];
  const stack: Block[] = [];
  for (const a of scanActions(text, d)) {
    if (isComment(a.body)) continue;
    if (/^(with|if|range|define|block)\b/.test(a.body)) {
      const b: Block = { open: a, elses: [] };
      stack.push(b);
      out.push(b);
    } else if (/^else\b/.test(a.body)) stack[stack.length - 1]?.elses.push(a);
    else if (a.body === "end") {
      const b = stack.pop();
      if (b) b.end = a;
    }
  }
  return out;
}

/** An empty action that keeps a removed action's trim markers, so the text around trims as before. */
const blank = (a: Action, d: Delims, trimRight = a.trimRight): string => `${d.left}${a.trimLeft ? "- " : ""}/**/${trimRight ? " -" : ""}${d.right}`;

/**
 * The template with each decided block reduced to the branch that renders. `decide` sees the
 * opening action's body; a block with `else if`/`else with` chains is left as written. Kept
 * bodies keep their opening and `end` actions only when `keepOpen` says so (a `with secret`
 * opener tells later readers where `.Data` comes from).
 */
export function chooseBranches(text: string, d: Delims, decide: (open: string) => Branch, keepOpen: (open: string) => boolean): string {
  const cuts: { start: number; end: number; text: string }[] = [];
  for (const b of blocksOf(text, d)) {
    if (!b.end || b.elses.length > 1 || (b.elses[0] && b.elses[0].body !== "else")) continue;
    const branch = decide(b.open.body);
    if (!branch) continue;
    const els = b.elses[0];
    if (cuts.some((c) => c.start <= b.open.start && b.end!.end <= c.end)) continue;
    if (branch === "then") {
      if (els) cuts.push({ start: els.start, end: b.end.start, text: blank(els, d, false) });
      if (!keepOpen(b.open.body)) {
        cuts.push({ start: b.open.start, end: b.open.end, text: blank(b.open, d) });
        cuts.push({ start: b.end.start, end: b.end.end, text: blank(b.end, d) });
      }
    } else {
      // The body never renders; the `else` text does, without the block around it.
      cuts.push({ start: b.open.start, end: els ? els.end : b.end.start, text: `${blank(b.open, d, els ? els.trimRight : false)}` });
      cuts.push({ start: b.end.start, end: b.end.end, text: blank(b.end, d) });
    }
  }
  if (!cuts.length) return text;
  // Cuts inside a removed region are dropped: a nested block in a dead branch does not matter.
  cuts.sort((a, b) => a.start - b.start);
  let out = "";
  let at = 0;
  for (const c of cuts) {
    if (c.start < at) continue;
    out += text.slice(at, c.start) + c.text;
    at = c.end;
  }
  out += text.slice(at);
  return rewriteActions(out, d, (a) => (a.body === "/**/" ? "" : undefined)) ?? out;
}
