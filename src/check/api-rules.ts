import * as rule from "./api-values.js";
import { asList, first, isBody, ModuleValues, referencedResource, type Body } from "./module-values.js";

// What the Kubernetes API server (and the controllers behind the CRDs) refuse in a module
// that the provider schema lets through: names, ports, keys, quantities, references between
// the module's own objects. Errors are refusals; warnings are accepted by the API but not
// what the job meant (an env var set twice: the last wins).

export interface ApiProblem {
  resource: string;
  path: string;
  message: string;
  severity: "error" | "warning";
}

export interface Manifest {
  resource: string;
  manifest: unknown;
}

type Resources = Record<string, Record<string, Body[]>>;

const POD_SPEC: Record<string, string[]> = {
  deployment: ["spec", "template", "spec"],
  stateful_set: ["spec", "template", "spec"],
  daemonset: ["spec", "template", "spec"],
  daemon_set: ["spec", "template", "spec"],
  job: ["spec", "template", "spec"],
  cron_job: ["spec", "job_template", "spec", "template", "spec"],
  pod: ["spec"],
};

/** Kinds whose names the API derives others' from (plus a suffix): what gets the suffix. */
const SUFFIXED: Record<string, string> = { cron_job: "each Job's", stateful_set: "each pod's revision label" };
const SUFFIXED_MAX = 52;

/** `kubernetes_deployment_v1` → `deployment`. */
const kindOf = (type: string) => type.replace(/^kubernetes_/, "").replace(/_v\d+$/, "");

export function apiProblems(parsed: Body, manifests: Manifest[]): ApiProblem[] {
  const values = new ModuleValues(parsed);
  const resources = (parsed.resource ?? {}) as Resources;
  const out: ApiProblem[] = [];
  const ctx = new RuleContext(values, resources, manifests, out);
  for (const [type, byName] of Object.entries(resources)) {
    if (!type.startsWith("kubernetes_")) continue;
    for (const [name, bodies] of Object.entries(byName)) {
      for (const body of bodies) ctx.resource(type, `${type}.${name}`, body);
    }
  }
  for (const m of manifests) ctx.manifest(m);
  return out;
}

class RuleContext {
  constructor(
    readonly values: ModuleValues,
    readonly resources: Resources,
    readonly manifests: Manifest[],
    readonly out: ApiProblem[],
  ) {}

  private res = "";
  private report(path: string, message: string | undefined, severity: ApiProblem["severity"] = "error"): void {
    if (message) this.out.push({ resource: this.res, path, message, severity });
  }

  resource(type: string, address: string, body: Body): void {
    this.res = address;
    const kind = kindOf(type);
    const meta = first(body, "metadata");
    this.objectName(kind, meta);
    this.labels(meta, "metadata");
    if (kind === "config_map" || kind === "secret") {
      for (const field of ["data", "binary_data"]) for (const k of Object.keys(isBody(body[field]) ? body[field] : {})) this.report(`${field}.${k}`, rule.dataKey(k));
    }
    if (kind === "service") this.service(body);
    if (kind === "ingress") this.ingress(body, meta);
    const specPath = POD_SPEC[kind];
    if (specPath) this.workload(kind, body, specPath);
  }

  private objectName(kind: string, meta: Body | undefined): void {
    const name = this.values.text(meta?.name);
    if (!name) return;
    if (kind === "service") return this.report("metadata.name", rule.dns1035(name.text, name.known));
    // The API derives names from these with a suffix, so their own names stop short of 63.
    const suffixed = SUFFIXED[kind];
    const check = rule.dnsSubdomain(name.text, name.known, suffixed ? SUFFIXED_MAX : 253);
    const tooLong = !!suffixed && name.known && name.text.length > SUFFIXED_MAX;
    this.report("metadata.name", check && `${check}${tooLong ? ` (the API adds a suffix to ${suffixed} name)` : ""}`);
  }

  private labels(meta: Body | undefined, at: string): void {
    const labels = this.values.map(meta?.labels);
    for (const [k, v] of Object.entries(labels ?? {})) {
      this.report(`${at}.labels`, rule.labelKey(k));
      const val = this.values.text(v);
      if (val) this.report(`${at}.labels.${k}`, rule.labelValue(val.text, val.known));
    }
  }

  private service(body: Body): void {
    const spec = first(body, "spec");
    const ports = asList(spec?.port);
    const names = new Set<string>();
    const pods = this.podsSelectedBy(this.values.map(spec?.selector));
    ports.forEach((p, i) => {
      const at = `spec.port[${i}]`;
      this.report(`${at}.port`, rule.portNumber(p.port));
      this.report(`${at}.node_port`, rule.portNumber(p.node_port));
      const name = this.values.text(p.name);
      if (name) {
        this.report(`${at}.name`, rule.dnsLabel(name.text, name.known));
        if (names.has(name.text)) this.report(`${at}.name`, `port name "${name.text}" is used twice in the Service`);
        names.add(name.text);
      } else if (ports.length > 1) this.report(`${at}.name`, "a Service with several ports must name each");
      const target = typeof p.target_port === "string" && /^\d+$/.test(p.target_port) ? Number(p.target_port) : p.target_port;
      if (typeof target === "number") {
        this.report(`${at}.target_port`, rule.portNumber(target));
        if (pods.length && !pods.some((c) => c.ports.some((cp) => cp.number === target)))
          this.report(`${at}.target_port`, `target_port ${target} is no container port of the pods it selects`, "warning");
      } else if (typeof target === "string" && !target.includes("${") && pods.length && !pods.some((c) => c.ports.some((cp) => cp.name === target))) {
        this.report(`${at}.target_port`, `target_port "${target}" names no container port of the pods it selects`);
      }
    });
  }

  private ingress(body: Body, meta: Body | undefined): void {
    const spec = first(body, "spec");
    const backends: [string, Body][] = [];
    const def = first(spec, "default_backend", "service");
    if (def) backends.push(["spec.default_backend.service", def]);
    asList(spec?.rule).forEach((r, i) =>
      asList(first(r, "http")?.path).forEach((p, j) => {
        const svc = first(p, "backend", "service");
        if (svc) backends.push([`spec.rule[${i}].http.path[${j}].backend.service`, svc]);
      }),
    );
    for (const [at, svc] of backends) this.backend(at, svc);
    const annotations = isBody(meta?.annotations) ? meta.annotations : {};
    const mws = this.values.text(annotations["traefik.ingress.kubernetes.io/router.middlewares"]);
    for (const ref of mws ? mws.text.split(",").map((s) => s.trim()) : []) {
      const m = /^(.+)@kubernetescrd$/.exec(ref);
      if (m) this.report("metadata.annotations.router.middlewares", rule.dnsSubdomain(m[1], false) && `middleware "${ref}": "${m[1]}" (namespace-name) is not a valid Kubernetes name, Traefik finds no such Middleware`);
    }
  }

  /** An Ingress backend names one of the module's Services and one of its ports. */
  private backend(at: string, svc: Body): void {
    const target = this.service_(svc.name);
    if (target === null) return;
    if (!target) {
      this.report(`${at}.name`, `names no Service of the module`, "warning");
      return;
    }
    const ports = asList(first(target, "spec")?.port);
    const port = first(svc, "port");
    if (typeof port?.number === "number" && !ports.some((p) => p.port === port.number)) this.report(`${at}.port.number`, `the Service has no port ${port.number}`);
    if (typeof port?.name === "string" && !port.name.includes("${") && !ports.some((p) => p.name === port.name)) this.report(`${at}.port.name`, `the Service has no port named "${port.name}"`);
  }

  /** The Service a name refers to; undefined when none of the module's, null when unknown. */
  private service_(name: unknown): Body | undefined | null {
    const ref = referencedResource(name);
    if (ref) {
      const [type, n] = ref.split(".");
      return this.resources[type]?.[n]?.[0];
    }
    const wanted = this.values.text(name);
    if (!wanted?.known) return null;
    for (const [type, byName] of Object.entries(this.resources)) {
      if (kindOf(type) !== "service") continue;
      for (const bodies of Object.values(byName)) if (this.values.text(first(bodies[0], "metadata")?.name)?.text === wanted.text) return bodies[0];
    }
    return undefined;
  }

  /** Containers of the module's workloads whose pod labels the selector matches (all, when either is unknown). */
  private podsSelectedBy(selector: Record<string, unknown> | undefined): { ports: { number?: number; name?: string }[] }[] {
    const out: { ports: { number?: number; name?: string }[] }[] = [];
    for (const [type, byName] of Object.entries(this.resources)) {
      const path = POD_SPEC[kindOf(type)];
      if (!path) continue;
      for (const bodies of Object.values(byName)) {
        for (const body of bodies) {
          const template = first(body, ...path.slice(0, -1));
          const labels = this.values.map(first(template, "metadata")?.labels);
          const matches = !selector || !labels || Object.entries(selector).every(([k, v]) => this.values.text(labels[k])?.text === this.values.text(v)?.text);
          if (!matches) continue;
          const spec = first(body, ...path);
          for (const c of [...asList(spec?.container), ...asList(spec?.init_container)]) {
            out.push({ ports: asList(c.port).map((p) => ({ number: typeof p.container_port === "number" ? p.container_port : undefined, name: typeof p.name === "string" ? p.name : undefined })) });
          }
        }
      }
    }
    return out;
  }

  private workload(kind: string, body: Body, specPath: string[]): void {
    const at = specPath.join(".");
    const spec = first(body, ...specPath);
    if (!spec) return;
    this.labels(first(body, ...specPath.slice(0, -1), "metadata"), `${specPath.slice(0, -1).join(".")}.metadata`);
    if (kind === "cron_job") {
      const s = this.values.text(first(body, "spec")?.schedule);
      if (s?.known) this.report("spec.schedule", rule.cronSchedule(s.text));
    }
    if (kind === "job" || kind === "cron_job") {
      const policy = spec.restart_policy;
      if (policy !== "OnFailure" && policy !== "Never" && !(typeof policy === "string" && policy.includes("${")))
        this.report(`${at}.restart_policy`, `a Job's pods need restart_policy "OnFailure" or "Never"${policy === undefined ? " (the provider's default is Always)" : `, not "${String(policy)}"`}`);
    }
    const volumes = new Map<string, Body>();
    asList(spec.volume).forEach((v, i) => {
      const name = this.values.text(v.name);
      if (!name) return;
      this.report(`${at}.volume[${i}].name`, rule.dnsLabel(name.text, name.known));
      if (volumes.has(name.text)) this.report(`${at}.volume[${i}].name`, `volume "${name.text}" is declared twice`);
      volumes.set(name.text, v);
    });
    for (const t of asList(first(body, "spec")?.volume_claim_template)) {
      const name = this.values.text(first(t, "metadata")?.name);
      if (name) volumes.set(name.text, t);
    }
    const containerNames = new Set<string>();
    for (const field of ["init_container", "container"]) {
      asList(spec[field]).forEach((c, i) => this.container(c, `${at}.${field}[${i}]`, volumes, containerNames));
    }
    // The API server refuses probes on an init container (it runs to completion, nothing to probe).
    asList(spec.init_container).forEach((c, i) => {
      for (const probe of ["liveness_probe", "readiness_probe", "startup_probe"]) if (first(c, probe)) this.report(`${at}.init_container[${i}].${probe}`, "an init container takes no probes");
    });
  }

  private container(c: Body, at: string, volumes: Map<string, Body>, containerNames: Set<string>): void {
    const name = this.values.text(c.name);
    if (name) {
      this.report(`${at}.name`, rule.dnsLabel(name.text, name.known));
      if (containerNames.has(name.text)) this.report(`${at}.name`, `container name "${name.text}" is used twice in the pod`);
      containerNames.add(name.text);
    }
    const portNames = new Set<string>();
    const portKeys = new Set<string>();
    asList(c.port).forEach((p, i) => {
      this.report(`${at}.port[${i}].container_port`, rule.portNumber(p.container_port));
      this.report(`${at}.port[${i}].host_port`, rule.portNumber(p.host_port));
      if (typeof p.name === "string" && !p.name.includes("${")) {
        this.report(`${at}.port[${i}].name`, rule.portName(p.name));
        if (portNames.has(p.name)) this.report(`${at}.port[${i}].name`, `port name "${p.name}" is used twice in the container`);
        portNames.add(p.name);
      }
      const key = `${String(p.container_port)}/${typeof p.protocol === "string" ? p.protocol : "TCP"}`;
      if (portKeys.has(key)) this.report(`${at}.port[${i}]`, `port ${key} is declared twice in the container`);
      portKeys.add(key);
    });
    const envNames = new Set<string>();
    asList(c.env).forEach((e, i) => {
      if (typeof e.name !== "string" || e.name.includes("${")) return;
      this.report(`${at}.env[${i}].name`, rule.envName(e.name));
      if (envNames.has(e.name)) this.report(`${at}.env[${i}].name`, `env var ${e.name} is set twice in the container (the last wins)`, "warning");
      envNames.add(e.name);
    });
    this.resourcesOf(first(c, "resources"), `${at}.resources`);
    for (const probe of ["liveness_probe", "readiness_probe", "startup_probe"]) {
      const p = first(c, probe);
      if (!p) continue;
      const handlers = ["exec", "http_get", "tcp_socket", "grpc"].filter((h) => asList(p[h]).length);
      if (handlers.length !== 1) this.report(`${at}.${probe}`, handlers.length ? `has ${handlers.length} handlers (${handlers.join(", ")}), a probe takes exactly one` : "has no handler (exec, http_get, tcp_socket or grpc)");
    }
    asList(c.volume_mount).forEach((m, i) => {
      const vname = this.values.text(m.name);
      if (!vname) return;
      const volume = volumes.get(vname.text);
      if (!volume) {
        if (vname.known) this.report(`${at}.volume_mount[${i}].name`, `mounts volume "${vname.text}", which the pod does not declare`);
        return;
      }
      const sub = this.values.text(m.sub_path);
      if (sub?.known && sub.text) this.subPath(volume, sub.text, `${at}.volume_mount[${i}].sub_path`);
    });
  }

  private resourcesOf(r: Body | undefined, at: string): void {
    if (!r) return;
    const limits = isBody(r.limits) ? r.limits : {};
    const requests = isBody(r.requests) ? r.requests : {};
    for (const [field, list] of [["limits", limits], ["requests", requests]] as const) {
      for (const [k, v] of Object.entries(list)) if (!(typeof v === "string" && v.includes("${")) && rule.quantity(v) === undefined) this.report(`${at}.${field}.${k}`, `"${String(v)}" is not a quantity`);
    }
    for (const [k, v] of Object.entries(requests)) {
      const req = rule.quantity(v);
      const lim = rule.quantity(limits[k]);
      if (req !== undefined && lim !== undefined && req > lim) this.report(`${at}.requests.${k}`, `request ${String(v)} is above the limit ${String(limits[k])}`);
    }
  }

  /** A sub path of a ConfigMap or Secret volume is one of its items, or one of the object's keys. */
  private subPath(volume: Body, sub: string, at: string): void {
    const source = first(volume, "config_map") ?? first(volume, "secret");
    if (!source) return;
    const items = asList(source.items);
    const top = sub.split("/")[0];
    if (items.length) {
      if (!items.some((it) => it.path === sub || it.path === top || (typeof it.path === "string" && sub.startsWith(`${it.path}/`)))) this.report(at, `sub path "${sub}" is none of the volume's items`);
      return;
    }
    const keys = this.keysOf(source.name ?? source.secret_name);
    if (keys && !keys.has(sub)) this.report(at, `sub path "${sub}" is no key of the ${first(volume, "config_map") ? "ConfigMap" : "Secret"} (keys: ${[...keys].join(", ") || "none"})`);
  }

  /** Keys of a ConfigMap or Secret the module writes (itself, an ExternalSecret's target, a Certificate's Secret); undefined when not known. */
  private keysOf(name: unknown): Set<string> | undefined {
    const ref = referencedResource(name);
    if (ref) {
      const [type, n] = ref.split(".");
      const data = this.resources[type]?.[n]?.[0];
      if (!data) return undefined;
      if (typeof data.data === "string" || typeof data.binary_data === "string") return undefined;
      return new Set([...Object.keys(isBody(data.data) ? data.data : {}), ...Object.keys(isBody(data.binary_data) ? data.binary_data : {})]);
    }
    const wanted = this.values.text(name);
    if (!wanted?.known) return undefined;
    for (const m of this.manifests) {
      if (!isBody(m.manifest) || !isBody(m.manifest.spec)) continue;
      const spec = m.manifest.spec;
      if (m.manifest.kind === "ExternalSecret" && isBody(spec.target) && this.values.text(spec.target.name)?.text === wanted.text) {
        if (spec.dataFrom) return undefined;
        const template = isBody(spec.target.template) && isBody(spec.target.template.data) ? Object.keys(spec.target.template.data) : [];
        return new Set(template.length ? template : asList(spec.data).map((d) => String(d.secretKey)));
      }
      if (m.manifest.kind === "Certificate" && this.values.text(spec.secretName)?.text === wanted.text) {
        const combined = JSON.stringify(spec.additionalOutputFormats ?? "").includes("CombinedPEM");
        return new Set(["tls.crt", "tls.key", "ca.crt", ...(combined ? ["tls-combined.pem"] : [])]);
      }
    }
    return undefined;
  }

  manifest(m: Manifest): void {
    this.res = m.resource;
    if (!isBody(m.manifest)) return;
    const { kind, metadata, spec } = m.manifest;
    const name = this.values.text(isBody(metadata) ? metadata.name : undefined);
    if (name) this.report("yaml_body.metadata.name", rule.dnsSubdomain(name.text, name.known));
    if (!isBody(spec)) return;
    if (kind === "ExternalSecret") this.externalSecret(spec);
    if (kind === "Certificate") this.certificate(spec);
  }

  private externalSecret(spec: Body): void {
    const target = isBody(spec.target) ? this.values.text(spec.target.name) : undefined;
    if (target) this.report("yaml_body.spec.target.name", rule.dnsSubdomain(target.text, target.known));
    const keys = new Set<string>();
    asList(spec.data).forEach((d, i) => {
      const key = this.values.text(d.secretKey);
      if (!key) return;
      this.report(`yaml_body.spec.data[${i}].secretKey`, rule.dataKey(key.text));
      if (keys.has(key.text)) this.report(`yaml_body.spec.data[${i}].secretKey`, `secretKey "${key.text}" is fetched twice`);
      keys.add(key.text);
    });
    const template = isBody(spec.target) && isBody(spec.target.template) && isBody(spec.target.template.data) ? spec.target.template.data : {};
    for (const k of Object.keys(template)) this.report(`yaml_body.spec.target.template.data.${k}`, rule.dataKey(k));
  }

  private certificate(spec: Body): void {
    const secret = this.values.text(spec.secretName);
    if (secret) this.report("yaml_body.spec.secretName", rule.dnsSubdomain(secret.text, secret.known));
    const list = (v: unknown) => (Array.isArray(v) ? v : []);
    list(spec.dnsNames).forEach((d, i) => {
      const t = this.values.text(d);
      if (t) this.report(`yaml_body.spec.dnsNames[${i}]`, rule.certDnsName(t.text, t.known));
    });
    list(spec.ipAddresses).forEach((d, i) => {
      const t = this.values.text(d);
      if (t?.known) this.report(`yaml_body.spec.ipAddresses[${i}]`, rule.ipAddress(t.text));
    });
    const cn = this.values.text(spec.commonName);
    if (cn?.known && cn.text.length > 64) this.report("yaml_body.spec.commonName", `commonName is ${cn.text.length} characters, at most 64 allowed`);
    if (!["commonName", "dnsNames", "ipAddresses", "uris", "emailAddresses"].some((k) => (Array.isArray(spec[k]) ? spec[k].length : spec[k])))
      this.report("yaml_body.spec", "names nothing: cert-manager needs a commonName, dnsNames, ipAddresses, uris or emailAddresses");
  }
}
