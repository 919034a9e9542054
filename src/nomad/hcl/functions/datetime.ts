import { asString, EvalError, type Value } from "../value.js";

interface Stamp {
  /** Wall-clock fields in the stamp's own offset. */
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  nanos: number;
  /** Offset from UTC in minutes. */
  offset: number;
}

function parseStamp(s: string): Stamp {
  const m = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$/.exec(s);
  if (!m) throw new EvalError(`not a valid RFC 3339 timestamp: ${JSON.stringify(s)}`);
  const offset = /^[Zz]$/.test(m[8]) ? 0 : (m[8][0] === "-" ? -1 : 1) * (Number(m[8].slice(1, 3)) * 60 + Number(m[8].slice(4, 6)));
  return { y: +m[1], mo: +m[2], d: +m[3], h: +m[4], mi: +m[5], s: +m[6], nanos: Number((m[7] ?? "").padEnd(9, "0")), offset };
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const p2 = (n: number) => String(n).padStart(2, "0");

function zone(offset: number, style: "Z" | "ZZZZ" | "ZZZZZ" | "ZZZ"): string {
  if (style === "Z" && offset === 0) return "Z";
  if (style === "ZZZ" && offset === 0) return "UTC";
  const sign = offset < 0 ? "-" : "+";
  const a = Math.abs(offset);
  const hm = style === "ZZZZ" || style === "ZZZ" ? `${p2(Math.floor(a / 60))}${p2(a % 60)}` : `${p2(Math.floor(a / 60))}:${p2(a % 60)}`;
  return sign + hm;
}

const TOKENS = /'(?:[^']|'')*'|YYYY|YY|MMMM|MMM|MM|M|DD|D|EEEE|EEE|hh|h|HH|H|AA|aa|mm|m|ss|s|ZZZZZ|ZZZZ|ZZZ|Z|[A-Za-z]+|[^A-Za-z']+/g;

/** Terraform's formatdate layout tokens (YYYY, MMM, DD, EEE, HH, hh, AA, mm, ss, Z… and 'text'). */
export function formatDate(layout: string, stamp: string): string {
  const t = parseStamp(stamp);
  const weekday = new Date(Date.UTC(t.y, t.mo - 1, t.d)).getUTCDay();
  const h12 = t.h % 12 === 0 ? 12 : t.h % 12;
  const map: Record<string, string> = {
    YYYY: String(t.y).padStart(4, "0"),
    YY: p2(t.y % 100),
    MMMM: MONTHS[t.mo - 1],
    MMM: MONTHS[t.mo - 1].slice(0, 3),
    MM: p2(t.mo),
    M: String(t.mo),
    DD: p2(t.d),
    D: String(t.d),
    EEEE: DAYS[weekday],
    EEE: DAYS[weekday].slice(0, 3),
    hh: p2(h12),
    h: String(h12),
    HH: p2(t.h),
    H: String(t.h),
    AA: t.h < 12 ? "AM" : "PM",
    aa: t.h < 12 ? "am" : "pm",
    mm: p2(t.mi),
    m: String(t.mi),
    ss: p2(t.s),
    s: String(t.s),
    ZZZZZ: zone(t.offset, "ZZZZZ"),
    ZZZZ: zone(t.offset, "ZZZZ"),
    ZZZ: zone(t.offset, "ZZZ"),
    Z: zone(t.offset, "Z"),
  };
  let out = "";
  for (const tok of layout.match(TOKENS) ?? []) {
    if (tok.startsWith("'")) out += tok.slice(1, -1).replace(/''/g, "'");
    else if (tok in map) out += map[tok];
    else if (/^[A-Za-z]/.test(tok)) throw new EvalError(`formatdate(): invalid date format token ${JSON.stringify(tok)}; letters must be quoted`);
    else out += tok;
  }
  return out;
}

const UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, "µs": 1e-3, "μs": 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A Go duration ("1h30m", "-10s", "1.5h") in milliseconds. */
export function parseDuration(s: string): number {
  const m = /^([-+]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/.exec(s);
  if (!m && s !== "0") throw new EvalError(`invalid duration ${JSON.stringify(s)}`);
  if (s === "0") return 0;
  let total = 0;
  for (const part of s.replace(/^[-+]/, "").matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) total += Number(part[1]) * UNITS[part[2]];
  return m![1] === "-" ? -total : total;
}

export function timeAdd(stamp: string, duration: string): string {
  const t = parseStamp(stamp);
  const ms = Date.UTC(t.y, t.mo - 1, t.d, t.h, t.mi, t.s) + parseDuration(duration) + Math.floor(t.nanos / 1e6);
  const d = new Date(ms);
  // Go's RFC 3339 layout has no fraction; the offset of the input is kept.
  return `${String(d.getUTCFullYear()).padStart(4, "0")}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}T${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}${zone(t.offset, "Z")}`;
}

export const DATETIME_FUNCTIONS: Record<string, (args: Value[]) => Value> = {
  formatdate: ([layout, stamp]) => formatDate(asString(layout, "formatdate() format"), asString(stamp, "formatdate() timestamp")),
  timeadd: ([stamp, dur]) => timeAdd(asString(stamp, "timeadd() timestamp"), asString(dur, "timeadd() duration")),
};
