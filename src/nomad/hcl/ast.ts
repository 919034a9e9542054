import type { Value } from "./value.js";

// The syntax tree of one HCL2 expression or template; `src` is the source text of a node.
export type Node =
  | { t: "lit"; v: Value; src: string }
  | { t: "tpl"; parts: TplPart[]; src: string }
  | { t: "ref"; name: string; src: string }
  | { t: "attr"; obj: Node; name: string; src: string }
  | { t: "index"; obj: Node; key: Node; src: string }
  /** `obj[*].a.b`: `each` is applied to every element, with `{t:"item"}` as its root. */
  | { t: "splat"; obj: Node; each: Node; src: string }
  | { t: "item"; src: string }
  | { t: "call"; name: string; args: Node[]; expand: boolean; src: string }
  | { t: "tuple"; items: Node[]; src: string }
  | { t: "object"; items: [Node, Node][]; src: string }
  | { t: "for"; key?: string; val: string; coll: Node; keyExpr?: Node; valExpr: Node; cond?: Node; object: boolean; group: boolean; src: string }
  | { t: "bin"; op: string; l: Node; r: Node; src: string }
  | { t: "un"; op: "!" | "-"; e: Node; src: string }
  | { t: "cond"; c: Node; a: Node; b: Node; src: string };

export type TplPart =
  | { k: "text"; text: string }
  | { k: "interp"; e: Node }
  | { k: "if"; c: Node; then: TplPart[]; else: TplPart[] }
  | { k: "for"; key?: string; val: string; coll: Node; body: TplPart[] };
