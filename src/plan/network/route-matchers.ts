import { ingressHost, type Matcher, type RoutePath, type RouteRule, type RuleProblems } from "./route-model.js";

/** A matcher as the user wrote it, for messages. */
export function showMatcher(m: Matcher): string {
  return `${m.negated ? "!" : ""}${m.name}(${m.args.map((a) => `\`${a}\``).join(", ")})`;
}

/**
 * One `&&` of matchers as Ingress rules: a rule per host (none for any host), each with the
 * paths. Conditions an Ingress cannot check (methods, headers, negations…) are left out and
 * listed; a conjunction left with neither host nor path gives no rule.
 */
export function rulesOf(matchers: Matcher[], problems: RuleProblems): RouteRule[] {
  const own: RuleProblems = { dropped: [], unexpressible: [] };
  const rules = conjunctionRules(matchers, own);
  // A rule that gives nothing is reported as such, not also for the conditions it lost.
  if (rules.length) problems.dropped.push(...own.dropped);
  problems.unexpressible.push(...own.unexpressible);
  return rules;
}

function conjunctionRules(matchers: Matcher[], problems: RuleProblems): RouteRule[] {
  let hosts: (string | undefined)[] | undefined;
  let paths: RoutePath[] | undefined;
  for (const m of matchers) {
    const kind = m.name.toLowerCase();
    const text = showMatcher(m);
    if (m.negated) {
      problems.dropped.push(text);
      continue;
    }
    if (kind === "host" || kind === "hostheader" || kind === "hostregexp") {
      if (hosts) {
        problems.dropped.push(text);
        continue;
      }
      const found: (string | undefined)[] = [];
      for (const arg of m.args) {
        const h = kind === "hostregexp" ? hostOfRegexp(arg) : ingressHost(arg);
        if ("problem" in h) problems.unexpressible.push(h.problem);
        else found.push(h.host);
      }
      if (!found.length) return [];
      hosts = found.includes(undefined) ? [undefined] : found;
    } else if (kind === "path" || kind === "pathprefix") {
      if (paths) {
        problems.dropped.push(text);
        continue;
      }
      paths = m.args.map((arg) => pathOf(arg, kind === "path" ? "Exact" : "Prefix", problems));
    } else problems.dropped.push(text);
  }
  if (!hosts && !paths) {
    if (problems.dropped.length) problems.unexpressible.push(`no host or path the Ingress can match (${matchers.map(showMatcher).join(" && ")})`);
    return [];
  }
  const ps = dedupePaths(paths ?? [{ path: "/", type: "Prefix" }]);
  return (hosts ?? [undefined]).map((host) => (host === undefined ? { paths: ps } : { host, paths: ps }));
}

// Traefik path templates (`/users/{id:[0-9]+}`) and Fabio globs keep their literal prefix.
function pathOf(raw: string, type: RoutePath["type"], problems: RuleProblems): RoutePath {
  const path = raw.trim().startsWith("/") ? raw.trim() : `/${raw.trim()}`;
  const cut = path.search(/[{*]/);
  if (cut < 0) return { path, type };
  problems.dropped.push(`the pattern part of path "${raw}"`);
  return { path: path.slice(0, cut) || "/", type: "Prefix" };
}

function dedupePaths(paths: RoutePath[]): RoutePath[] {
  const seen = new Set<string>();
  return paths.filter((p) => !seen.has(`${p.type} ${p.path}`) && !!seen.add(`${p.type} ${p.path}`));
}

// A regexp that cannot match a dot: one DNS label.
const ONE_LABEL = /^(\[(?!\^)(?:\\[^.]|[^\]\\.])+\]|\\w|\[\^\.\]|\[\^\\\.\])[+*]$/;

/**
 * A HostRegexp pattern as an Ingress host: `{sub:[a-z]+}.example.com` (Traefik v2) or
 * `^[a-z]+\.example\.com$` (v3) is the wildcard `*.example.com`; `{any:.+}` matches any host
 * (undefined); a literal is itself.
 */
export function hostOfRegexp(raw: string): { host: string | undefined } | { problem: string } {
  const cannot = { problem: `HostRegexp \`${raw}\` is not a host or a one-label wildcard` };
  const v2 = /^\{[A-Za-z0-9_]+(?::(.+?))?\}(.*)$/.exec(raw);
  if (v2) {
    const [, re, rest] = v2;
    if (rest === "") return re === undefined || /^\.[+*]$/.test(re) ? { host: undefined } : cannot;
    if (re !== undefined && !ONE_LABEL.test(re)) return cannot;
    if (!rest.startsWith(".") || /[{}\\[\]()*+?^$|]/.test(rest)) return cannot;
    return ingressHost(`*${rest}`);
  }
  if (raw.startsWith("^") || raw.endsWith("$") || raw.includes("\\.")) {
    const body = raw.replace(/^\^/, "").replace(/\$$/, "");
    if (/^\.[+*]$/.test(body)) return { host: undefined };
    const m = /^(\[(?:\\.|[^\]\\])+\][+*]|\\w[+*]|\[\^\\?\.\][+*])\\\.(.+)$/.exec(body);
    if (m && ONE_LABEL.test(m[1]) && !/[{}[\]()*+?^$|]/.test(m[2].replace(/\\\./g, ""))) return ingressHost(`*.${m[2].replace(/\\\./g, ".")}`);
    if (!/[{}[\]()*+?^$|\\]/.test(body.replace(/\\\./g, ""))) return ingressHost(body.replace(/\\\./g, "."));
    return cannot;
  }
  if (/[{}[\]()*+?^$|\\]/.test(raw)) return cannot;
  return ingressHost(raw);
}
