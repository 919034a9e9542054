// consul-template's `{{ range service "name" }}…{{ end }}` (and `range nomadService`, Nomad's
// own service catalog, read the same way): one entry per healthy instance on Nomad, one entry
// for the Kubernetes Service (which balances over the pods) once converted.

/** A `range service` block: the Consul name it lists (tag, filter and datacenter stripped). */
export interface ServiceRange {
  text: string;
  service: string;
}

/** The lookup functions whose `range` lists a service's instances. */
export const SERVICE_FN = String.raw`(?:service|nomadService)`;
const RANGE = new RegExp(String.raw`(\{\{-?)\s*range\s+${SERVICE_FN}\s+"([^"]+)"\s*(-?\}\})([\s\S]*?)(\{\{-?)\s*end\s*(-?\}\})`, "g");
const ACTION = /\{\{(-?)\s*([^{}]*?)\s*(-?)\}\}/g;
// The instance fields a Service stands for.
const FIELD = /^\.(Address|ServiceAddress|Port|ServicePort|Name|ServiceName|ID|Node)$/;

/** `tag.name|passing@dc1` → `name`. */
const consulName = (query: string) => query.replace(/[|@].*$/, "").split(".").pop()!.toLowerCase();

/** The `range service` blocks of a text. */
export function serviceRanges(text: string): ServiceRange[] {
  return [...text.matchAll(RANGE)].map((m) => ({ text: m[0], service: consulName(m[2]) }));
}

export interface ServiceTarget {
  host: string;
  port: number;
}

/**
 * Renders each `range service` block whose service `target` knows, once, with the Service's
 * host and port; a block reading anything but the instance's address, port and names, or an
 * unknown service, stays. `{{ else }}` is the no-instance branch: dropped with the Service there.
 */
export function renderServiceRanges(text: string, target: (service: string) => ServiceTarget | undefined): { text: string; rendered: string[] } {
  const rendered: string[] = [];
  const out = text.replace(RANGE, (all, open: string, query: string, openEnd: string, body: string, close: string, closeEnd: string) => {
    const service = consulName(query);
    const t = target(service);
    if (!t) return all;
    const [each] = splitElse(body);
    if (each === undefined) return all;
    const fields = [...each.matchAll(ACTION)].map((m) => m[2]);
    if (!fields.every((f) => FIELD.test(f))) return all;
    rendered.push(service);
    const value = (f: string) => (/Address$/.test(f) ? t.host : /Port$/.test(f) ? String(t.port) : f === ".Node" ? t.host.split(".")[0] : service);
    let inner = each.replace(ACTION, (_a, l: string, f: string, r: string) => (l ? "\u0001" : "") + value(f) + (r ? "\u0002" : ""));
    if (openEnd.startsWith("-")) inner = inner.replace(/^\s+/, "");
    if (close.endsWith("-")) inner = inner.replace(/\s+$/, "");
    inner = inner.replace(/\s*\u0001/g, "").replace(/\u0002\s*/g, "");
    return (open.endsWith("-") ? "\u0001" : "") + inner + (closeEnd.startsWith("-") ? "\u0002" : "");
  });
  // Trim markers of the block itself reach into the text around it.
  return { text: out.replace(/\s*\u0001/g, "").replace(/\u0002\s*/g, ""), rendered };
}

/** A block body → its per-instance part (undefined when an `else` is nested in another action). */
function splitElse(body: string): [string | undefined] {
  const parts = body.split(/\{\{-?\s*else\s*-?\}\}/);
  if (parts.length > 2) return [undefined];
  return [parts[0]];
}

/** The services a Consul-lookup step (N2K-TPL-002) quotes `range service` lines of. */
export function quotedServices(message: string): string[] {
  const quoted = [...message.matchAll(/`([^`]*)`/g)].map((m) => m[1]);
  return [...new Set(quoted.flatMap((q) => serviceRanges(/\{\{-?\s*end\b/.test(q) ? q : `${q}{{ end }}`).map((r) => r.service)))];
}

/** What replaces the `range service` blocks of services no job of the run registers. */
export function rangeHint(services: string[]): string {
  return `no job of this run registers ${services.map((s) => `"${s}"`).join(", ")}: replace each \`range service\` block with one entry for ${services.length > 1 ? "their Kubernetes Services" : "its Kubernetes Service"} (<service>.<namespace>.svc.cluster.local and the port it listens on; the Service balances over the pods)`;
}

/** Names the Kubernetes Service that replaces each listed service on the template's lookup step. */
export function hintServiceLookups(items: { code: string; message: string; hint?: string }[]): void {
  for (const d of items) {
    if (d.code !== "N2K-TPL-002") continue;
    const services = quotedServices(d.message);
    if (services.length) d.hint = rangeHint(services);
  }
}
