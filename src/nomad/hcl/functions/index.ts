import { bounded, EvalError, isObject, isUnknown, tfLiteral, tfString, Unknown, type Value } from "../value.js";
import { COLLECTION_FUNCTIONS } from "./collections.js";
import { CRYPTO_FUNCTIONS } from "./crypto.js";
import { DATETIME_FUNCTIONS } from "./datetime.js";
import { ENCODING_FUNCTIONS } from "./encoding.js";
import { fileFunctions, type FileAccess } from "./filesystem.js";
import { NETWORK_FUNCTIONS } from "./network.js";
import { NUMERIC_FUNCTIONS } from "./numeric.js";
import { STRING_FUNCTIONS } from "./strings.js";
import { TYPE_FUNCTIONS } from "./types.js";

export interface FnContext {
  files?: FileAccess;
  /**
   * A value that differs at each Nomad run (uuidv4(), bcrypt()): converting it would make the
   * output change at every conversion, so it becomes a module input the user sets once.
   */
  input(fn: string, description: string, hint?: string): Unknown;
}

type Fn = (args: Value[]) => Value;

const PURE: Record<string, Fn> = { ...STRING_FUNCTIONS, ...COLLECTION_FUNCTIONS, ...NUMERIC_FUNCTIONS, ...ENCODING_FUNCTIONS, ...CRYPTO_FUNCTIONS, ...NETWORK_FUNCTIONS, ...DATETIME_FUNCTIONS, ...TYPE_FUNCTIONS };
const FILE_NAMES = ["abspath", "basename", "dirname", "file", "filebase64", "fileexists", "fileset", "pathexpand"];
const RANDOM = ["uuidv4", "bcrypt"];

/** Every function Nomad's HCL2 job parser knows (jobspec2/functions.go), plus the to*() conversions. */
export const FUNCTION_NAMES = [...Object.keys(PURE), ...FILE_NAMES, ...RANDOM, "can", "try", "convert"].sort();

// Nomad functions whose Terraform namesake computes the same thing from the same arguments.
const NOT_IN_TERRAFORM = new Set(["regex_replace", "strlen", "abspath", "file", "filebase64", "fileexists", "fileset", "pathexpand", "convert"]);

const ARITY: Record<string, [number, number]> = {
  abs: [1, 1], base64decode: [1, 1], base64encode: [1, 1], ceil: [1, 1], chomp: [1, 1], chunklist: [2, 2], cidrhost: [2, 2], cidrnetmask: [1, 1],
  cidrsubnet: [3, 3], compact: [1, 1], contains: [2, 2], csvdecode: [1, 1], distinct: [1, 1], element: [2, 2], flatten: [1, 1], floor: [1, 1],
  formatdate: [2, 2], indent: [2, 2], index: [2, 2], jsondecode: [1, 1], jsonencode: [1, 1], keys: [1, 1], length: [1, 1], log: [2, 2],
  lookup: [2, 3], lower: [1, 1], parseint: [2, 2], pow: [2, 2], regex_replace: [3, 3], replace: [3, 3], reverse: [1, 1], sha256: [1, 1],
  sha512: [1, 1], signum: [1, 1], slice: [3, 3], sort: [1, 1], split: [2, 2], strlen: [1, 1], strrev: [1, 1], substr: [3, 3], timeadd: [2, 2],
  title: [1, 1], trim: [2, 2], trimprefix: [2, 2], trimspace: [1, 1], trimsuffix: [2, 2], upper: [1, 1], urlencode: [1, 1], uuidv5: [2, 2],
  values: [1, 1], yamldecode: [1, 1], yamlencode: [1, 1], zipmap: [2, 2], tostring: [1, 1], tonumber: [1, 1], tobool: [1, 1], tolist: [1, 1],
  toset: [1, 1], tomap: [1, 1], rsadecrypt: [2, 2], format: [1, Infinity], formatlist: [1, Infinity], join: [2, Infinity], abspath: [1, 1],
  basename: [1, 1], dirname: [1, 1], file: [1, 1], filebase64: [1, 1], fileexists: [1, 1], fileset: [2, 2], pathexpand: [1, 1], uuidv4: [0, 0],
  bcrypt: [1, 2], range: [1, 3], cidrsubnets: [1, Infinity],
};

function hasUnknown(v: Value): boolean {
  if (isUnknown(v)) return true;
  if (Array.isArray(v)) return v.some(hasUnknown);
  if (isObject(v)) return Object.values(v).some(hasUnknown);
  return false;
}

function varsOf(v: Value): string[] {
  if (isUnknown(v)) return v.vars;
  if (Array.isArray(v)) return v.flatMap(varsOf);
  if (isObject(v)) return Object.values(v).flatMap(varsOf);
  return [];
}

export function callFunction(name: string, args: Value[], ctx: FnContext): Value {
  const known = name in PURE || FILE_NAMES.includes(name) || RANDOM.includes(name);
  if (!known) throw new EvalError(`unknown function ${name}(): Nomad's HCL2 has no such function`, "N2K-HCL-005");
  const [min, max] = ARITY[name] ?? [0, Infinity];
  if (args.length < min || args.length > max) throw new EvalError(`${name}() takes ${min === max ? min : `${min} to ${max === Infinity ? "any number of" : max}`} arguments, got ${args.length}`);
  if (name === "uuidv4") return ctx.input("uuidv4", "A UUID: Nomad's uuidv4() made a new one at each run; set one (a fixed value keeps the module stable)");
  if (name === "bcrypt") {
    if (hasUnknown(args[0])) throw new EvalError(`bcrypt() of an input value has no stable result; pass --var ${varsOf(args[0])[0] ?? "…"}=…`, "N2K-HCL-004");
    return ctx.input("bcrypt", "A bcrypt hash: Nomad's bcrypt() salted it anew at each run; set the hash of the same text");
  }
  if (args.some(hasUnknown)) return terraformCall(name, args);
  // A file the job reads but that is not next to it: its content becomes a module input.
  if ((name === "file" || name === "filebase64") && typeof args[0] === "string" && ctx.files && ctx.files.read(args[0]) === undefined) {
    // Not there: Nomad would fail; the module takes the content as an input (no other folder is tried).
    return ctx.input(name, `Content of ${args[0]}${name === "filebase64" ? " (base64)" : ""}: Nomad's ${name}() read it next to the job file, where nomad2k8s did not find it`, args[0].split("/").pop());
  }
  const fn = PURE[name] ?? fileFunctions(ctx.files)[name];
  return bounded(fn(args), `${name}()`);
}

/** A function of a module input: the same call in Terraform, when Terraform has it. */
function terraformCall(name: string, args: Value[]): Value {
  const vars = [...new Set(args.flatMap(varsOf))];
  if (name === "regex_replace") {
    const [s, p, r] = args;
    if (isUnknown(p)) throw new EvalError(`regex_replace() with an input pattern has no Terraform equivalent; pass --var ${vars[0]}=…`, "N2K-HCL-004");
    // Terraform's replace() takes a /regex/ with the same RE2 syntax and $1 templates.
    return new Unknown(`replace(${tfLiteral(s)}, ${tfString(`/${p}/`)}, ${tfLiteral(r)})`, vars);
  }
  if (name === "strlen") return new Unknown(`length(${tfLiteral(args[0])})`, vars);
  if (NOT_IN_TERRAFORM.has(name)) throw new EvalError(`${name}() of an input value cannot be done by Terraform the same way; pass ${vars.map((v) => `--var ${v}=…`).join(" ")}`, "N2K-HCL-004");
  return new Unknown(`${name}(${args.map(tfLiteral).join(", ")})`, vars);
}
