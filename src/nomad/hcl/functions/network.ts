import { asNumber, asString, EvalError, type Value } from "../value.js";

interface Prefix {
  addr: bigint;
  bits: number;
  /** 32 or 128. */
  width: number;
}

function parseIp(s: string): { addr: bigint; width: number } {
  if (s.includes(":")) {
    const [head, tail = ""] = s.split("::");
    const part = (x: string) => (x ? x.split(":") : []);
    let groups = part(head);
    let rest = part(tail);
    // An IPv4 tail (::ffff:1.2.3.4) is two groups.
    const v4 = (g: string[]) => {
      const last = g[g.length - 1];
      if (last?.includes(".")) {
        const n = parseIp(last).addr;
        g.splice(g.length - 1, 1, (n >> 16n).toString(16), (n & 0xffffn).toString(16));
      }
    };
    v4(s.includes("::") ? rest : groups);
    if (!s.includes("::")) rest = [];
    const fill = 8 - groups.length - rest.length;
    if (fill < 0 || (!s.includes("::") && fill !== 0)) throw new EvalError(`invalid IP address ${JSON.stringify(s)}`);
    groups = [...groups, ...Array(fill).fill("0"), ...rest];
    let addr = 0n;
    for (const g of groups) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) throw new EvalError(`invalid IP address ${JSON.stringify(s)}`);
      addr = (addr << 16n) | BigInt(parseInt(g, 16));
    }
    return { addr, width: 128 };
  }
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m || m.slice(1).some((x) => Number(x) > 255)) throw new EvalError(`invalid IP address ${JSON.stringify(s)}`);
  return { addr: m.slice(1).reduce((a, x) => (a << 8n) | BigInt(x), 0n), width: 32 };
}

function parsePrefix(s: string): Prefix {
  const [ip, len] = s.split("/");
  if (len === undefined || !/^\d+$/.test(len)) throw new EvalError(`invalid CIDR prefix ${JSON.stringify(s)}`);
  const { addr, width } = parseIp(ip);
  const bits = Number(len);
  if (bits > width) throw new EvalError(`invalid CIDR prefix ${JSON.stringify(s)}`);
  const mask = ((1n << BigInt(width)) - 1n) ^ ((1n << BigInt(width - bits)) - 1n);
  return { addr: addr & mask, bits, width };
}

function formatIp(addr: bigint, width: number): string {
  if (width === 32) return [24n, 16n, 8n, 0n].map((s) => String((addr >> s) & 255n)).join(".");
  const groups = Array.from({ length: 8 }, (_, i) => ((addr >> BigInt(112 - i * 16)) & 0xffffn).toString(16));
  // Longest run of two or more zero groups becomes "::", as Go prints it.
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === "0") j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j === i ? i + 1 : j;
  }
  if (best < 0) return groups.join(":");
  return `${groups.slice(0, best).join(":")}::${groups.slice(best + bestLen).join(":")}`;
}

function subnet(p: Prefix, newbits: number, num: number): Prefix {
  const bits = p.bits + newbits;
  if (newbits < 0 || bits > p.width) throw new EvalError(`cidrsubnet: not enough remaining address space for a /${bits}`);
  if (num < 0 || BigInt(num) >= 1n << BigInt(newbits)) throw new EvalError(`cidrsubnet: prefix extension of ${newbits} does not accommodate a subnet numbered ${num}`);
  return { addr: p.addr | (BigInt(num) << BigInt(p.width - bits)), bits, width: p.width };
}

const show = (p: Prefix) => `${formatIp(p.addr, p.width)}/${p.bits}`;

export const NETWORK_FUNCTIONS: Record<string, (args: Value[]) => Value> = {
  cidrhost: ([prefix, host]) => {
    const p = parsePrefix(asString(prefix, "cidrhost() prefix"));
    const n = BigInt(asNumber(host, "cidrhost() hostnum"));
    const size = 1n << BigInt(p.width - p.bits);
    const h = n < 0n ? size + n : n;
    if (h < 0n || h >= size) throw new EvalError(`cidrhost(): host number ${n} does not fit in ${show(p)}`);
    return formatIp(p.addr | h, p.width);
  },
  cidrnetmask: ([prefix]) => {
    const p = parsePrefix(asString(prefix, "cidrnetmask() prefix"));
    if (p.width !== 32) throw new EvalError("cidrnetmask(): only IPv4 prefixes have a netmask");
    return formatIp(((1n << 32n) - 1n) ^ ((1n << BigInt(32 - p.bits)) - 1n), 32);
  },
  cidrsubnet: ([prefix, newbits, num]) => show(subnet(parsePrefix(asString(prefix, "cidrsubnet() prefix")), asNumber(newbits, "cidrsubnet() newbits"), asNumber(num, "cidrsubnet() netnum"))),
  cidrsubnets: ([prefix, ...newbits]) => {
    const p = parsePrefix(asString(prefix, "cidrsubnets() prefix"));
    const out: string[] = [];
    let next = p.addr;
    for (const nb of newbits.map((b) => asNumber(b, "cidrsubnets() newbits"))) {
      const bits = p.bits + nb;
      if (nb < 1 || bits > p.width) throw new EvalError(`cidrsubnets(): cannot extend ${show(p)} by ${nb} bits`);
      const step = 1n << BigInt(p.width - bits);
      // Each subnet starts at the next boundary of its own size.
      const start = ((next + step - 1n) / step) * step;
      if (start + step > p.addr + (1n << BigInt(p.width - p.bits))) throw new EvalError(`cidrsubnets(): not enough address space in ${show(p)}`);
      out.push(show({ addr: start, bits, width: p.width }));
      next = start + step;
    }
    return out;
  },
};
