import type { Diagnostics } from "../../diagnostics.js";
import type { Group, Service } from "../../nomad/model.js";

/** The protocols a port is served on. Nomad's docker driver published every mapped port on both. */
export interface Protocols {
  tcp: boolean;
  udp: boolean;
}

// Ports whose services are (also) UDP: DNS, NTP, SNMP, syslog, TFTP, DHCP, IPsec, OpenVPN,
// RADIUS, SSDP, STUN/TURN, mDNS, UniFi remote syslog and discovery, WireGuard.
const UDP_PORTS = new Set([53, 67, 68, 69, 123, 161, 162, 500, 514, 1194, 1812, 1813, 1900, 3478, 4500, 5353, 5514, 10001, 51820]);

const TCP_ONLY: Protocols = { tcp: true, udp: false };

/**
 * The group ports evidently served on UDP: the label or its service's name says `udp` (UDP
 * only) or `dns`, the number is a well-known UDP port, or a Traefik UDP router sends to it
 * (UDP alongside TCP). Ports not in the map are TCP. Each inference is reported.
 */
export function portProtocols(group: Group, ports: Map<string, number>, diags: Diagnostics): Map<string, Protocols> {
  const services = [...group.services, ...group.tasks.flatMap((t) => t.services)];
  const out = new Map<string, Protocols>();
  for (const p of group.ports) {
    const n = ports.get(p.label);
    if (n === undefined) continue;
    const own = services.filter((s) => s.port === p.label);
    const words = [p.label, ...own.map((s) => s.name ?? "")].join(" ").toLowerCase();
    let found: Protocols | undefined;
    let why = "";
    if (/udp/.test(p.label.toLowerCase())) [found, why] = [{ tcp: false, udp: true }, `its label says udp`];
    else if (/tcp/.test(p.label.toLowerCase())) continue;
    else if (/udp/.test(words)) [found, why] = [{ tcp: true, udp: true }, `its service name says udp`];
    else if (/dns/.test(words)) [found, why] = [{ tcp: true, udp: true }, `it serves DNS`];
    else if (UDP_PORTS.has(n) || (p.static !== undefined && UDP_PORTS.has(p.static))) [found, why] = [{ tcp: true, udp: true }, `${UDP_PORTS.has(n) ? n : p.static} is a well-known UDP port`];
    else if (own.some(udpRouted)) [found, why] = [{ tcp: true, udp: true }, `a Traefik UDP router sends to it`];
    if (!found) continue;
    // A sibling label on the same number already names one protocol (`dns` beside `dns-udp`): this one is the other.
    const siblings = group.ports.filter((x) => x !== p && ports.get(x.label) === n).map((x) => x.label.toLowerCase());
    if (found.tcp && found.udp && siblings.some((l) => /udp/.test(l))) continue;
    if (found.tcp && found.udp && siblings.some((l) => /tcp/.test(l))) [found, why] = [{ tcp: false, udp: true }, `${why}, and port "${group.ports.find((x) => x !== p && ports.get(x.label) === n && /tcp/i.test(x.label))!.label}" is its TCP side`];
    out.set(p.label, found);
    diags.changed("N2K-PORT-007", `port "${p.label}" (${n}) is served on ${found.tcp ? "TCP and UDP" : "UDP only"}: ${why}; its container and Service ports declare ${found.tcp ? "a UDP twin" : "protocol UDP"}`, { path: `${group.path}.network.port.${p.label}` });
  }
  return out;
}

function udpRouted(s: Service): boolean {
  return s.tags.some((t) => /^[\w-]+\.udp\.routers\./i.test(t));
}

/** The protocols of a port label (TCP when nothing says otherwise). */
export function protocolsOf(label: string, protocols: Map<string, Protocols> | undefined): Protocols {
  return protocols?.get(label) ?? TCP_ONLY;
}
