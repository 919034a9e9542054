import type { Matcher } from "./route-model.js";

// Traefik v2/v3 router rules: matchers `Name(`a`, `b`)` joined by `&&`, `||`, `!` and parentheses.

type Node = { kind: "matcher"; matcher: Matcher } | { kind: "and" | "or"; parts: Node[] } | { kind: "not"; node: Node };

type Token = { t: "name" | "str"; v: string } | { t: "(" | ")" | "," | "&&" | "||" | "!" };

function tokenize(rule: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < rule.length) {
    const c = rule[i];
    if (/\s/.test(c)) i++;
    else if (rule.startsWith("&&", i) || rule.startsWith("||", i)) {
      out.push({ t: rule.slice(i, i + 2) as "&&" | "||" });
      i += 2;
    } else if ("(),!".includes(c)) {
      out.push({ t: c as "(" | ")" | "," | "!" });
      i++;
    } else if (c === "`" || c === '"' || c === "'") {
      const end = rule.indexOf(c, i + 1);
      if (end < 0) throw new Error("unterminated string");
      out.push({ t: "str", v: rule.slice(i + 1, end) });
      i = end + 1;
    } else {
      const m = /^[A-Za-z][A-Za-z0-9]*/.exec(rule.slice(i));
      if (!m) throw new Error(`unexpected "${c}"`);
      out.push({ t: "name", v: m[0] });
      i += m[0].length;
    }
  }
  return out;
}

function parse(tokens: Token[]): Node {
  let pos = 0;
  const peek = () => tokens[pos]?.t;
  const expect = (t: Token["t"]) => {
    if (tokens[pos]?.t !== t) throw new Error(`expected "${t}"`);
    return tokens[pos++];
  };
  const chain = (op: "&&" | "||", next: () => Node): Node => {
    const parts = [next()];
    while (peek() === op) {
      pos++;
      parts.push(next());
    }
    return parts.length === 1 ? parts[0] : { kind: op === "&&" ? "and" : "or", parts };
  };
  const or = (): Node => chain("||", and);
  const and = (): Node => chain("&&", unary);
  const unary = (): Node => {
    if (peek() === "!") {
      pos++;
      return { kind: "not", node: unary() };
    }
    if (peek() === "(") {
      pos++;
      const n = or();
      expect(")");
      return n;
    }
    const name = expect("name") as { v: string };
    expect("(");
    const args: string[] = [];
    while (peek() !== ")") {
      args.push((expect("str") as { v: string }).v);
      if (peek() === ",") pos++;
      else break;
    }
    expect(")");
    return { kind: "matcher", matcher: { name: name.v, args } };
  };
  const root = or();
  if (pos !== tokens.length) throw new Error("unexpected text after the rule");
  return root;
}

const MAX_ALTERNATIVES = 64;

/** `a && (b || c)` as `[[a, b], [a, c]]`; a negated group becomes one negated matcher per part. */
function alternatives(n: Node, negated = false): Matcher[][] {
  if (n.kind === "matcher") return [[{ ...n.matcher, negated: negated || undefined }]];
  if (n.kind === "not") return alternatives(n.node, !negated);
  if (negated) return [n.parts.flatMap((p) => alternatives(p, true).flat())];
  if (n.kind === "or") return n.parts.flatMap((p) => alternatives(p));
  let out: Matcher[][] = [[]];
  for (const p of n.parts) {
    out = out.flatMap((left) => alternatives(p).map((right) => [...left, ...right]));
    if (out.length > MAX_ALTERNATIVES) throw new Error("too many alternatives");
  }
  return out;
}

/** A Traefik v2/v3 rule as alternatives of matchers, or why it cannot be read. */
export function parseTraefikRule(rule: string): { alternatives: Matcher[][] } | { error: string } {
  try {
    return { alternatives: alternatives(parse(tokenize(rule))) };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

/**
 * A Traefik v1 `frontend.rule`: matchers `Name:a,b` joined by `;` (and). Strip/rewrite
 * matchers keep their path and are returned as modifiers, since they change the request.
 */
export function parseTraefikV1Rule(rule: string): { matchers: Matcher[]; modifiers: string[] } {
  const matchers: Matcher[] = [];
  const modifiers: string[] = [];
  for (const part of rule.split(";").map((s) => s.trim()).filter(Boolean)) {
    const colon = part.indexOf(":");
    const name = (colon < 0 ? part : part.slice(0, colon)).trim();
    const args = colon < 0 ? [] : part.slice(colon + 1).split(",").map((s) => s.trim()).filter(Boolean);
    const strip = /^(Path|PathPrefix)(Strip)(Regex)?$/.exec(name);
    if (strip) {
      modifiers.push(part);
      matchers.push({ name: strip[3] ? "PathRegexp" : strip[1], args });
    } else if (/^(AddPrefix|ReplacePath|ReplacePathRegex)$/.test(name)) modifiers.push(part);
    else matchers.push({ name, args });
  }
  return { matchers, modifiers };
}
