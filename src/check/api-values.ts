// The Kubernetes API server's own value rules (k8s.io/apimachinery validation), as messages:
// undefined when the value passes. Each takes the value as far as it is known when checking;
// `known` false means parts came from Terraform values and only the shape can be judged.

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** DNS-1123 label: container, volume, port-less names (≤ 63). */
export function dnsLabel(v: string, known = true, max = 63): string | undefined {
  if (!LABEL.test(v)) return `"${v}" is not a DNS-1123 label (lowercase letters, digits and '-', starting and ending with a letter or digit)`;
  if (known && v.length > max) return `"${v}" is ${v.length} characters, at most ${max} allowed`;
  return undefined;
}

/** DNS-1035 label: Service names (a letter first). */
export function dns1035(v: string, known = true): string | undefined {
  if (!LABEL_1035.test(v)) return `"${v}" is not a DNS-1035 label (lowercase letters, digits and '-', starting with a letter)`;
  if (known && v.length > 63) return `"${v}" is ${v.length} characters, at most 63 allowed`;
  return undefined;
}

/** DNS-1123 subdomain: most object names (≤ 253; `max` lower where the API derives names from it). */
export function dnsSubdomain(v: string, known = true, max = 253): string | undefined {
  if (!v.split(".").every((part) => LABEL.test(part))) return `"${v}" is not a DNS-1123 subdomain (lowercase letters, digits, '-' and '.')`;
  if (known && v.length > max) return `"${v}" is ${v.length} characters, at most ${max} allowed`;
  return undefined;
}

/** IANA_SVC_NAME: container port names. */
export function portName(v: string): string | undefined {
  if (v.length > 15) return `port name "${v}" is longer than 15 characters`;
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(v) || v.includes("--")) return `port name "${v}" may hold only lowercase letters, digits and single '-' inside`;
  if (!/[a-z]/.test(v)) return `port name "${v}" needs at least one letter`;
  return undefined;
}

export function portNumber(n: unknown): string | undefined {
  return typeof n === "number" && (!Number.isInteger(n) || n < 1 || n > 65535) ? `port ${n} is outside 1-65535` : undefined;
}

/** A label (or annotation) key: optional DNS-subdomain prefix and '/', then a qualified name. */
export function labelKey(k: string): string | undefined {
  const slash = k.lastIndexOf("/");
  const [prefix, name] = slash >= 0 ? [k.slice(0, slash), k.slice(slash + 1)] : [undefined, k];
  if (prefix !== undefined && (dnsSubdomain(prefix) || !prefix)) return `label key "${k}": prefix "${prefix}" is not a DNS-1123 subdomain`;
  if (!name || name.length > 63 || !QUALIFIED.test(name)) return `label key "${k}" is not a qualified name (≤ 63 letters, digits, '-', '_', '.', alphanumeric at both ends)`;
  return undefined;
}

export function labelValue(v: string, known = true): string | undefined {
  if (v === "") return undefined;
  if ((known && v.length > 63) || !QUALIFIED.test(v)) return `label value "${v}" is not valid (≤ 63 letters, digits, '-', '_', '.', alphanumeric at both ends)`;
  return undefined;
}

/** ConfigMap and Secret keys. */
export function dataKey(k: string): string | undefined {
  if (!/^[-._a-zA-Z0-9]+$/.test(k) || k === "." || k === ".." || k.length > 253) return `key "${k}" is not a valid ConfigMap/Secret key (letters, digits, '-', '_', '.')`;
  return undefined;
}

/** Env var names as every supported Kubernetes version takes them. */
export function envName(k: string): string | undefined {
  return /^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(k) ? undefined : `env name "${k}" is not valid (letters, digits, '_', '-', '.', not starting with a digit)`;
}

const SUFFIX: Record<string, number> = { "": 1, n: 1e-9, u: 1e-6, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };

/** A resource quantity's value, or undefined when it is not a quantity. */
export function quantity(v: unknown): number | undefined {
  if (typeof v === "number") return v;
  if (typeof v !== "string") return undefined;
  const m = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)$/.exec(v);
  if (!m) return undefined;
  return Number(m[1] + (m[2] ?? "")) * SUFFIX[m[3] ?? ""];
}

const MACROS = /^@(yearly|annually|monthly|weekly|daily|midnight|hourly)$/;
const FIELD_RANGES: [number, number][] = [[0, 59], [0, 23], [1, 31], [1, 12], [0, 7]];

/** A CronJob schedule: five fields or a macro. */
export function cronSchedule(s: string): string | undefined {
  if (MACROS.test(s.trim())) return undefined;
  if (/^(CRON_)?TZ=/.test(s)) return `schedule "${s}" sets a time zone inline: Kubernetes wants spec.time_zone`;
  const fields = s.trim().split(/\s+/);
  if (fields.length !== 5) return `schedule "${s}" has ${fields.length} fields, Kubernetes wants 5 (minute hour day-of-month month day-of-week)`;
  for (const [i, f] of fields.entries()) {
    for (const part of f.split(",")) {
      const m = /^(\*|\?|(\d+)(?:-(\d+))?|[A-Za-z]{3}(?:-[A-Za-z]{3})?)(?:\/(\d+))?$/.exec(part);
      if (!m) return `schedule "${s}": field ${i + 1} "${f}" is not a cron field`;
      const [lo, hi] = FIELD_RANGES[i];
      for (const n of [m[2], m[3]].filter((x) => x !== undefined).map(Number)) if (n < lo || n > hi) return `schedule "${s}": ${n} is outside ${lo}-${hi} in field ${i + 1}`;
    }
  }
  return undefined;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function ipAddress(v: string): string | undefined {
  if (IPV4.test(v)) return undefined;
  if (/^[0-9a-fA-F:]+$/.test(v) && v.includes(":") && (v.match(/::/g) ?? []).length <= 1 && v.split(":").length <= 8) return undefined;
  return `"${v}" is not an IP address`;
}

/** A certificate DNS name: a DNS subdomain, a leading `*.` allowed. */
export function certDnsName(v: string, known = true): string | undefined {
  const rest = v.startsWith("*.") ? v.slice(2) : v;
  if (!rest.split(".").every((p) => /^[a-zA-Z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?$/.test(p))) return `"${v}" is not a DNS name`;
  if (known && v.length > 253) return `"${v}" is longer than 253 characters`;
  return undefined;
}
