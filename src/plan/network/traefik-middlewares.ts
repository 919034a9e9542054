import type { Diagnostics } from "../../diagnostics.js";
import type { Service } from "../../nomad/model.js";
import { expr, tpl } from "../hcl-value.js";
import type { MiddlewarePlan, SecretDataPlan } from "../model.js";
import { dnsLabel, tfIdent } from "../names.js";
import type { Shape } from "../../crd-shape.js";
import { MIDDLEWARE_SPEC } from "./traefik-middleware-spec.js";
import type { ModuleInputs } from "../module-inputs.js";
import { hasAuthScheme, isCredentialHeader } from "../../nomad/credential-names.js";
import { isSecretLiteral } from "../secrets/credential-env.js";
import { credentialInput } from "../secrets/literal-credentials.js";

// Traefik middlewares a job defines in its own tags (`traefik.http.middlewares.<name>.<type>.<option>=v`)
// become Traefik `Middleware` objects of the module: the Kubernetes CRD provider reads the same
// options, camel-cased, under `spec.<type>`. Values are never quoted in messages: a tag may hold
// credentials (basicauth users, an Authorization header).

type Kind = "str" | "list" | "bool" | "int" | "map";

/** A CRD option's shape as the kind of value a tag gives it; nested objects as dotted options (`ipStrategy.depth`). */
function optionKinds(shape: Shape, prefix = ""): Record<string, Kind> {
  const out: Record<string, Kind> = {};
  if (shape.type !== "object") return out;
  for (const [key, s] of Object.entries(shape.properties ?? {})) {
    const name = `${prefix}${key}`;
    if (s.type === "string" || s.type === "int-or-string") out[name] = "str";
    else if (s.type === "integer") out[name] = "int";
    else if (s.type === "boolean") out[name] = "bool";
    else if (s.type === "array") out[name] = "list";
    else if (s.values) out[name] = "map";
    else Object.assign(out, optionKinds(s, `${name}.`));
  }
  return out;
}

/**
 * Each middleware type Traefik's CRD knows, by its spec key, with the options a tag may set:
 * the CRD's own (traefik-middleware-spec.ts), and basicAuth `users`, which the plan moves to a
 * Secret the object references.
 */
const TYPES: Record<string, Record<string, Kind>> = Object.fromEntries(Object.entries(MIDDLEWARE_SPEC).map(([type, shape]) => [type, optionKinds(shape)]));
TYPES.basicAuth = { ...TYPES.basicAuth, users: "list" };

const TYPE_KEY = new Map(Object.keys(TYPES).map((k) => [k.toLowerCase(), k]));

export type MiddlewareSpec = Record<string, Record<string, unknown>>;

export interface MiddlewareDef {
  /** As the job names it (routers reference this). */
  name: string;
  /** The DNS-1123 name of the Middleware object. */
  k8sName: string;
  spec: MiddlewareSpec;
  /** basicAuth `users`: htpasswd lines that go to a Secret the object references. */
  users?: string[];
  path: string;
}

const MIDDLEWARE_TAG = /^traefik\.http\.middlewares\.([^.=]+)\.([^.=]+)(?:\.([^=]+))?=([\s\S]*)$/i;

/** The Kubernetes name of a middleware the job calls `name` (any `@provider` dropped). */
export function middlewareObjectName(name: string): string {
  return dnsLabel(name.replace(/@.*$/, "")) || "middleware";
}

/**
 * Middlewares defined in the tags of these services, with every tag that cannot become a field
 * of the object reported. A middleware with an unknown type or option is still written with
 * what was read only when nothing was lost; otherwise it is left to the operator.
 */
export function readMiddlewares(services: Service[], diags: Diagnostics): MiddlewareDef[] {
  const defs = new Map<string, MiddlewareDef & { lost: string[] }>();
  for (const service of services) {
    if (service.tags.some((t) => /^traefik\.enable=false$/i.test(t))) continue;
    service.tags.forEach((tag, i) => {
      const m = MIDDLEWARE_TAG.exec(tag);
      if (!m) return;
      const [, name, rawType, rawOption = "", value] = m;
      const path = `${service.path}.tags[${i}]`;
      const def = defs.get(name) ?? { name, k8sName: middlewareObjectName(name), spec: {}, path, lost: [] };
      defs.set(name, def);
      const type = TYPE_KEY.get(rawType.toLowerCase());
      const where = `traefik.http.middlewares.${name}.${rawType}${rawOption ? `.${rawOption}` : ""}`;
      if (!type) {
        def.lost.push(`${where} (type ${rawType} has no Middleware field here${/^plugin$/i.test(rawType) ? ": plugins are installed in Traefik's static configuration" : ""})`);
        return;
      }
      const body = (def.spec[type] ??= {});
      if (!rawOption) {
        // `compress=true` alone enables the middleware with its defaults.
        if (!/^true$/i.test(value.trim())) def.lost.push(`${where} (no option)`);
        return;
      }
      if (!setOption(type, body, rawOption, value, def)) def.lost.push(where);
    });
  }
  const out: MiddlewareDef[] = [];
  for (const def of defs.values()) {
    const { lost, ...clean } = def;
    if (lost.length) {
      diags.manual("N2K-INGRESS-012", `Traefik middleware ${def.name}: ${lost.join("; ")} cannot be written as a Middleware object; it is not created`, {
        path: def.path,
        hint: `create Middleware "${def.k8sName}" in the module's namespace by hand (routers reference it as <namespace>-${def.k8sName}@kubernetescrd)`,
      });
      continue;
    }
    if (def.name !== def.k8sName) diags.changed("N2K-INGRESS-012", `Traefik middleware ${def.name} becomes the Middleware object "${def.k8sName}" (Kubernetes names are lowercase DNS labels)`, { path: def.path });
    const address = def.spec.forwardAuth?.address;
    if (typeof address === "string" && /\/\/(localhost|127\.0\.0\.1)[:/]/.test(address)) {
      diags.manual("N2K-INGRESS-012", `Traefik middleware ${def.name}: forwardAuth address ${address} is the Traefik node's localhost; the ingress controller's pod reaches no such service`, { path: def.path, hint: "point address at the auth service's Kubernetes Service" });
    }
    out.push(clean);
  }
  return out;
}

/** One option tag into the spec; false when the option is not one the CRD has. */
function setOption(type: string, body: Record<string, unknown>, rawOption: string, value: string, def: MiddlewareDef): boolean {
  const options = TYPES[type];
  const lower = rawOption.toLowerCase();
  // Map options: `headers.customrequestheaders.X-Robots-Tag=…` keeps the header name as written.
  for (const [key, kind] of Object.entries(options)) {
    if (kind === "map" && lower.startsWith(`${key.toLowerCase()}.`)) {
      const header = rawOption.slice(key.length + 1);
      ((body[key] ??= {}) as Record<string, string>)[header] = tagText(value);
      return true;
    }
  }
  const key = Object.keys(options).find((k) => k.toLowerCase() === lower);
  if (!key) return false;
  const typed = typedValue(options[key], value);
  if (typed === undefined) return false;
  if (type === "basicAuth" && key === "users") {
    def.users = typed as string[];
    return true;
  }
  if (type === "chain" && key === "middlewares") {
    body.middlewares = (typed as string[]).map((n) => ({ name: middlewareObjectName(n) }));
    return true;
  }
  const path = key.split(".");
  let at = body;
  for (const part of path.slice(0, -1)) at = (at[part] ??= {}) as Record<string, unknown>;
  at[path[path.length - 1]] = typed;
  return true;
}

/**
 * A tag value as Traefik read it: Nomad hands `$${1}` over as `${1}` and leaves a name it does
 * not know as written, which is what a regex replacement needs.
 */
function tagText(value: string): string {
  return value.replace(/\$\$\{/g, "${").replace(/%%\{/g, "%{");
}

function typedValue(kind: Kind, raw: string): unknown {
  const value = tagText(raw);
  const v = value.trim();
  if (kind === "list") return v.split(",").map((s) => s.trim()).filter(Boolean);
  if (kind === "bool") return /^(true|false)$/i.test(v) ? /^true$/i.test(v) : undefined;
  if (kind === "int") return /^-?\d+$/.test(v) ? Number(v) : undefined;
  return value;
}

/**
 * A middleware as the module's object. Credentials its tags wrote out stay out of main.tf:
 * basicAuth users go to a Secret of the module the object references, filled from a sensitive
 * input, and a credential header's value (`Authorization=Bearer …`) is a sensitive input.
 */
export function planMiddleware(def: MiddlewareDef, secrets: SecretDataPlan[], secretType: string, inputs: ModuleInputs, diags: Diagnostics): MiddlewarePlan {
  const tfName = `middleware_${tfIdent(def.k8sName)}`;
  const at = { path: def.path };
  // Every value read from a tag is a string, number, boolean, list or map of those.
  const spec = { ...def.spec } as MiddlewarePlan["spec"];
  const headers = def.spec.headers;
  if (headers) {
    const kept: Record<string, unknown> = { ...headers };
    for (const option of ["customRequestHeaders", "customResponseHeaders"]) {
      const map = headers[option] as Record<string, string> | undefined;
      if (!map) continue;
      kept[option] = Object.fromEntries(
        Object.entries(map).map(([header, value]) => {
          if (!(isCredentialHeader(header) || hasAuthScheme(value)) || !isSecretLiteral(value)) return [header, value];
          const told = `Traefik middleware ${def.name} set header ${header}`;
          const description = `Value of header ${header} that Traefik middleware ${def.name} sets (its tag held it as a literal; give it from outside version control)`;
          return [header, expr(`var.${credentialInput({ base: `${def.k8sName}_${header}`, literal: value, description, told, kept: "in the Middleware object" }, inputs, diags, at)}`)];
        }),
      );
    }
    spec.headers = kept as MiddlewarePlan["spec"][string];
  }
  if (def.users) {
    const users = def.users.join("\n");
    const told = `Traefik middleware ${def.name} set its basic-auth users (htpasswd lines)`;
    const description = `Basic-auth users of Traefik middleware ${def.name}: htpasswd lines, one a line (its tag held them as a literal; give them from outside version control)`;
    const value = isSecretLiteral(users) ? expr(`var.${credentialInput({ base: `${def.k8sName}_users`, literal: users, description, told, kept: "in a Secret the Middleware references" }, inputs, diags, at)}`) : users;
    const secret: SecretDataPlan = { tfName: `${tfName}_users`, name: tpl(expr("local.app_name"), `-${def.k8sName}-users`), data: { users: value }, comments: [], from: `Traefik middleware ${def.name} (basic-auth users)` };
    secrets.push(secret);
    spec.basicAuth = { ...def.spec.basicAuth, secret: expr(`${secretType}.${secret.tfName}.metadata[0].name`) } as MiddlewarePlan["spec"][string];
  }
  return { tfName, name: def.k8sName, spec, comments: [] };
}
