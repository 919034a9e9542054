import type { Node, TplPart } from "./ast.js";
import { callFunction, type FnContext } from "./functions/index.js";
import { convertTo, typeFromNode } from "./functions/types.js";
import { parseExpression } from "./parse-expr.js";
import { asBool, asList, asNumber, asString, bounded, equal, EvalError, MAX_VALUE_ELEMENTS, tooMany, weight, isObject, isUnknown, RUNTIME_CLOSE, RUNTIME_OPEN, RuntimeOnly, tfLiteral, tfString, typeName, Unknown, type Value } from "./value.js";

/** What an expression can see: `var.*`, `local.*`, and the names a `for` binds. */
export interface EvalEnv extends FnContext {
  variable(name: string): Value;
  local(name: string): Value;
  /** Paths of the dynamic blocks expanded (so the reader can count them as mapped). */
  expanded?: string[];
}

type Iter = Map<string, Value>;

/** Evaluates the source of one expression. */
export function evalSource(src: string, env: EvalEnv): Value {
  return evalNode(parseExpression(src), env, new Map());
}

export function evalNode(n: Node, env: EvalEnv, it: Iter): Value {
  switch (n.t) {
    case "lit":
      return n.v;
    case "tpl":
      return evalTemplate(n.parts, env, it);
    case "ref":
    case "attr":
    case "index":
      return evalTraversal(n, env, it);
    case "item":
      return it.get("\0item")!;
    case "splat":
      return evalSplat(n, env, it);
    case "call":
      return evalCall(n, env, it);
    case "tuple":
      return bounded(n.items.map((x) => evalNode(x, env, it)), "a tuple");
    case "object": {
      const out: Record<string, Value> = {};
      for (const [k, v] of n.items) {
        const key = evalNode(k, env, it);
        if (isUnknown(key)) throw needs(key, "an object key");
        out[asString(key, "object key")] = evalNode(v, env, it);
      }
      return pack(out);
    }
    case "for":
      return evalFor(n, env, it);
    case "un": {
      const v = evalNode(n.e, env, it);
      if (isUnknown(v)) return unknownOf(`${n.op}${wrap(v)}`, [v]);
      return n.op === "!" ? !asBool(v, "operand of !") : -asNumber(v, "operand of -");
    }
    case "cond": {
      const c = evalNode(n.c, env, it);
      if (isUnknown(c)) {
        const a = evalNode(n.a, env, it);
        const b = evalNode(n.b, env, it);
        return unknownOf(`${wrap(c)} ? ${wrap(tfOf(a))} : ${wrap(tfOf(b))}`, [c, a, b]);
      }
      return asBool(c, "condition") ? evalNode(n.a, env, it) : evalNode(n.b, env, it);
    }
    case "bin":
      return evalBinary(n, env, it);
  }
}

/** An object with an Unknown member stays an object; Terraform gets each member's expression. */
function pack(o: Record<string, Value>): Value {
  return o;
}

function evalBinary(n: Extract<Node, { t: "bin" }>, env: EvalEnv, it: Iter): Value {
  const l = evalNode(n.l, env, it);
  if ((n.op === "&&" || n.op === "||") && !isUnknown(l)) {
    const lb = asBool(l, `left operand of ${n.op}`);
    if (n.op === "&&" ? !lb : lb) return lb;
    const r = evalNode(n.r, env, it);
    return isUnknown(r) ? r : asBool(r, `right operand of ${n.op}`);
  }
  const r = evalNode(n.r, env, it);
  if (isUnknown(l) || isUnknown(r)) return unknownOf(`${wrap(tfOf(l))} ${n.op} ${wrap(tfOf(r))}`, [l, r]);
  switch (n.op) {
    case "==":
      return equal(l, r);
    case "!=":
      return !equal(l, r);
    case "&&":
    case "||":
      return asBool(r);
  }
  const a = asNumber(l, `left operand of ${n.op}`);
  const b = asNumber(r, `right operand of ${n.op}`);
  switch (n.op) {
    case "+":
      return a + b;
    case "-":
      return a - b;
    case "*":
      return a * b;
    case "/":
      if (b === 0) throw new EvalError("division by zero");
      return a / b;
    case "%":
      return a % b;
    case "<":
      return a < b;
    case ">":
      return a > b;
    case "<=":
      return a <= b;
    case ">=":
      return a >= b;
  }
  throw new EvalError(`unknown operator ${n.op}`);
}

function rootName(n: Node): string | undefined {
  if (n.t === "ref") return n.name;
  if (n.t === "attr" || n.t === "index") return rootName(n.obj);
  return undefined;
}

function evalTraversal(n: Extract<Node, { t: "ref" | "attr" | "index" }>, env: EvalEnv, it: Iter): Value {
  const root = rootName(n);
  if (root !== undefined && root !== "var" && root !== "local" && !it.has(root)) {
    // Nomad keeps references it does not know (NOMAD_*, attr.*, meta.*) for the client to fill.
    return RUNTIME_OPEN + n.src + RUNTIME_CLOSE;
  }
  if (n.t === "ref") {
    if (it.has(n.name)) return it.get(n.name)!;
    throw new EvalError(`"${n.name}" alone is not a value; use ${n.name}.<name>`);
  }
  if (n.t === "attr" && n.obj.t === "ref" && !it.has(n.obj.name)) return n.obj.name === "var" ? env.variable(n.name) : env.local(n.name);
  const obj = evalNode(n.obj, env, it);
  const key: Value = n.t === "attr" ? n.name : evalNode(n.key, env, it);
  return indexValue(obj, key);
}

export function indexValue(obj: Value, key: Value): Value {
  if (isUnknown(obj) || isUnknown(key)) {
    const k = isUnknown(key) ? `[${key.tf}]` : typeof key === "string" && /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? `.${key}` : `[${tfLiteral(key)}]`;
    return unknownOf(`${tfOf(obj)}${k}`, [obj, key]);
  }
  if (Array.isArray(obj)) {
    const i = asNumber(key, "index");
    if (!Number.isInteger(i) || i < 0 || i >= obj.length) throw new EvalError(`index ${i} out of range for a list of ${obj.length}`);
    return obj[i];
  }
  if (isObject(obj)) {
    const k = asString(key, "key");
    if (!(k in obj)) throw new EvalError(`no attribute or key "${k}"`);
    return obj[k];
  }
  if (typeof obj === "string" && obj.startsWith(RUNTIME_OPEN)) throw new RuntimeOnly();
  throw new EvalError(`cannot index a ${typeName(obj)}`);
}

function evalSplat(n: Extract<Node, { t: "splat" }>, env: EvalEnv, it: Iter): Value {
  const obj = evalNode(n.obj, env, it);
  if (isUnknown(obj)) throw needs(obj, "a splat expression");
  // A splat on a single value treats it as a one-element list; on null, an empty one.
  const list = obj === null ? [] : Array.isArray(obj) ? obj : [obj];
  return list.map((item) => evalNode(n.each, env, new Map([...it, ["\0item", item]])));
}

function evalFor(n: Extract<Node, { t: "for" }>, env: EvalEnv, it: Iter): Value {
  const coll = evalNode(n.coll, env, it);
  if (isUnknown(coll)) throw needs(coll, "a for expression");
  const entries: [Value, Value][] = Array.isArray(coll) ? coll.map((v, i) => [i, v]) : isObject(coll) ? Object.keys(coll).sort().map((k) => [k, coll[k]]) : [];
  if (!Array.isArray(coll) && !isObject(coll)) throw new EvalError(`for expression over a ${typeName(coll)}`);
  const list: Value[] = [];
  const obj: Record<string, Value> = {};
  const groups: Record<string, Value[]> = {};
  let size = 0;
  for (const [k, v] of entries) {
    const scope = new Map(it);
    if (n.key) scope.set(n.key, k);
    scope.set(n.val, v);
    if (n.cond) {
      const c = evalNode(n.cond, env, scope);
      if (isUnknown(c)) throw needs(c, "the condition of a for expression");
      if (!asBool(c, "for condition")) continue;
    }
    const value = evalNode(n.valExpr, env, scope);
    // Checked as it grows: a crafted nested `for` stops before it has built what it would exceed.
    if ((size += weight(value)) > MAX_VALUE_ELEMENTS) throw tooMany("a for expression");
    if (!n.object) {
      list.push(value);
      continue;
    }
    const key = evalNode(n.keyExpr!, env, scope);
    if (isUnknown(key)) throw needs(key, "a for expression key");
    const ks = asString(key, "for key");
    if (n.group) (groups[ks] ??= []).push(value);
    else if (ks in obj) throw new EvalError(`duplicate key "${ks}" in for expression; use ... to group`);
    else obj[ks] = value;
  }
  return bounded(n.object ? (n.group ? groups : obj) : list, "a for expression");
}

function evalTemplate(parts: TplPart[], env: EvalEnv, it: Iter): Value {
  const out: (string | Unknown)[] = [];
  const add = (v: Value) => {
    if (isUnknown(v)) out.push(v);
    else if (v === null) throw new EvalError("null value in a string template");
    else out.push(asString(v, "template interpolation"));
  };
  for (const p of parts) {
    if (p.k === "text") add(p.text);
    else if (p.k === "interp") add(evalNode(p.e, env, it));
    else if (p.k === "if") {
      const c = evalNode(p.c, env, it);
      if (isUnknown(c)) throw needs(c, "a %{if} directive");
      add(evalTemplate(asBool(c, "%{if} condition") ? p.then : p.else, env, it));
    } else {
      const coll = evalNode(p.coll, env, it);
      if (isUnknown(coll)) throw needs(coll, "a %{for} directive");
      const entries: [Value, Value][] = Array.isArray(coll) ? coll.map((v, i) => [i, v]) : isObject(coll) ? Object.keys(coll).sort().map((k) => [k, coll[k]]) : [];
      for (const [k, v] of entries) {
        const scope = new Map(it);
        if (p.key) scope.set(p.key, k);
        scope.set(p.val, v);
        add(evalTemplate(p.body, env, scope));
      }
    }
  }
  const merged: (string | Unknown)[] = [];
  for (const x of out.flatMap((x) => (isUnknown(x) && x.parts ? x.parts : [x]))) {
    if (typeof x === "string" && typeof merged[merged.length - 1] === "string") merged[merged.length - 1] += x;
    else merged.push(x);
  }
  for (const x of merged) if (typeof x === "string") bounded(x, "a string template");
  if (!merged.some(isUnknown)) return bounded(merged.join(""), "a string template");
  const tf = `"${merged.map((x) => (typeof x === "string" ? tfString(x).slice(1, -1) : `\${${x.tf}}`)).join("")}"`;
  return new Unknown(tf, [...new Set(merged.flatMap((x) => (isUnknown(x) ? x.vars : [])))], merged);
}

function evalCall(n: Extract<Node, { t: "call" }>, env: EvalEnv, it: Iter): Value {
  // try() and can() look at errors, so their arguments are evaluated one by one.
  if (n.name === "try" || n.name === "can") {
    if (n.name === "can" && n.args.length !== 1) throw new EvalError("can() takes one argument");
    for (const a of n.args) {
      try {
        const v = evalNode(a, env, it);
        return n.name === "can" ? (isUnknown(v) ? v : true) : v;
      } catch (err) {
        if (!(err instanceof EvalError) || err.code === "N2K-HCL-004" || err.code === "N2K-HCL-005" || err.code === "N2K-FILE-001") throw err;
      }
    }
    if (n.name === "can") return false;
    throw new EvalError("try(): no argument could be evaluated");
  }
  // convert()'s second argument is a type, not a value.
  if (n.name === "convert") {
    if (n.args.length !== 2) throw new EvalError("convert() takes a value and a type");
    return convertTo(evalNode(n.args[0], env, it), typeFromNode(n.args[1]), "convert()");
  }
  let args = n.args.map((a) => evalNode(a, env, it));
  if (n.expand) {
    const last = args[args.length - 1];
    if (isUnknown(last)) throw needs(last, `the expanded argument of ${n.name}()`);
    args = [...args.slice(0, -1), ...asList(last, `expanded argument of ${n.name}()`)];
  }
  return callFunction(n.name, args, env);
}

// ---- Unknown values: the Terraform expression that computes them ----

function tfOf(v: Value): Unknown {
  return isUnknown(v) ? v : new Unknown(tfLiteral(v), []);
}

function wrap(v: Unknown): string {
  return /^[\w.[\]"-]+$|^[\w:]+\([^()]*\)$/.test(v.tf) ? v.tf : `(${v.tf})`;
}

export function unknownOf(tf: string, from: Value[]): Unknown {
  return new Unknown(tf, [...new Set(from.flatMap((v) => (isUnknown(v) ? v.vars : [])))]);
}

/** A use of an Unknown that needs its value now (shape, iteration): names the --var to pass. */
export function needs(v: Unknown, what: string): EvalError {
  const names = v.vars.length ? v.vars : ["…"];
  return new EvalError(`${what} needs the value of ${names.map((x) => `var.${x}`).join(", ")} when converting; pass ${names.map((x) => `--var ${x}=…`).join(" ")}`, "N2K-HCL-004");
}
