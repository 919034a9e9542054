import type { Matcher } from "./route-model.js";

export interface FabioRoute {
  /** Host and path matchers of the route (none for a TCP route). */
  matchers: Matcher[];
  /** The route cannot be an HTTP Ingress rule at all (TCP routes). */
  unexpressible?: string;
  /** Options and parts the Ingress does not carry (strip, proto=https, the listener port…). */
  notCarried: string[];
}

/**
 * A Fabio `urlprefix-` tag: `urlprefix-host/path opts`, `urlprefix-/path opts`, or
 * `urlprefix-:port proto=tcp` (a TCP route). Options follow the route, separated by spaces.
 */
export function parseFabioTag(tag: string): FabioRoute | undefined {
  const m = /^urlprefix-(\S*)\s*(.*)$/.exec(tag.trim());
  if (!m) return undefined;
  const [, target, rest] = m;
  const options = rest.split(/\s+/).filter(Boolean);
  const notCarried: string[] = [];
  const proto = options.find((o) => o.startsWith("proto="))?.slice("proto=".length);
  if ((proto && proto.startsWith("tcp")) || /^:\d+$/.test(target)) {
    return { matchers: [], unexpressible: `Fabio TCP route ${tag} (an Ingress routes HTTP only)`, notCarried };
  }
  for (const o of options) notCarried.push(o);
  const slash = target.indexOf("/");
  let host = slash < 0 ? target : target.slice(0, slash);
  const path = slash < 0 ? "/" : target.slice(slash);
  const port = /:(\d+)$/.exec(host);
  if (port) {
    notCarried.push(`listener port :${port[1]}`);
    host = host.slice(0, -port[0].length);
  }
  const matchers: Matcher[] = [];
  if (host) matchers.push({ name: "Host", args: [host] });
  matchers.push({ name: "PathPrefix", args: [path] });
  return { matchers, notCarried };
}
