/**
 * From a captured frame to a TCP segment: the link layers tcpdump writes on Linux (Ethernet on lo
 * and NICs, LINUX_SLL/SLL2 for `-i any`, RAW), BSD/macOS loopback (NULL, LOOP), then IPv4 or IPv6
 * and TCP. Anything else (ARP, UDP, IP fragments after the first, a truncated header) is null:
 * the caller counts it and moves on. Pure.
 */

const LINKTYPE = {
  NULL: 0,
  ETHERNET: 1,
  RAW: 101,
  LOOP: 108,
  LINUX_SLL: 113,
  IPV4: 228,
  IPV6: 229,
  LINUX_SLL2: 276,
} as const;

export interface TcpSegment {
  /** Address as text: `127.0.0.1`, `::1`. */
  src: string;
  dst: string;
  sport: number;
  dport: number;
  seq: number;
  ack: number;
  syn: boolean;
  ackFlag: boolean;
  fin: boolean;
  rst: boolean;
  payload: Uint8Array;
}

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const ETHERTYPE_VLAN = [0x8100, 0x88a8, 0x9100];

/** The IP packet inside a link-layer frame, or null when it carries no IP. */
export function ipPayload(linkType: number, f: Uint8Array): Uint8Array | null {
  const v = new DataView(f.buffer, f.byteOffset, f.byteLength);
  switch (linkType) {
    case LINKTYPE.ETHERNET: {
      let at = 12;
      if (f.length < at + 2) return null;
      let type = v.getUint16(at);
      while (ETHERTYPE_VLAN.includes(type) && f.length >= at + 6) {
        at += 4;
        type = v.getUint16(at);
      }
      return byEthertype(type, f.subarray(at + 2));
    }
    case LINKTYPE.NULL:
    case LINKTYPE.LOOP: {
      if (f.length < 4) return null;
      // NULL stores the address family in the capturing host's byte order, LOOP in network order.
      const le = v.getUint32(0, true);
      const family =
        linkType === LINKTYPE.LOOP ? v.getUint32(0, false) : le < 256 ? le : v.getUint32(0, false);
      // AF_INET is 2 everywhere; AF_INET6 is 10 (Linux), 24 (NetBSD), 28 (FreeBSD), 30 (macOS).
      if (family === 2) return f.subarray(4);
      if ([10, 24, 28, 30].includes(family)) return f.subarray(4);
      return null;
    }
    case LINKTYPE.RAW:
    case LINKTYPE.IPV4:
    case LINKTYPE.IPV6:
    case 12:
    case 14:
      return f;
    case LINKTYPE.LINUX_SLL:
      return f.length < 16 ? null : byEthertype(v.getUint16(14), f.subarray(16));
    case LINKTYPE.LINUX_SLL2:
      return f.length < 20 ? null : byEthertype(v.getUint16(0), f.subarray(20));
    default:
      return null;
  }
}

function byEthertype(type: number, rest: Uint8Array): Uint8Array | null {
  return type === ETHERTYPE_IPV4 || type === ETHERTYPE_IPV6 ? rest : null;
}

/** Whether the link type is one `ipPayload` reads. */
export function knownLinkType(linkType: number): boolean {
  return (
    (Object.values(LINKTYPE) as number[]).includes(linkType) || linkType === 12 || linkType === 14
  );
}

/** The TCP segment in an IP packet, or null (not TCP, a later fragment, truncated). */
export function tcpSegment(ip: Uint8Array): TcpSegment | null {
  if (ip.length < 1) return null;
  const version = ip[0]! >> 4;
  if (version === 4) return ipv4(ip);
  if (version === 6) return ipv6(ip);
  return null;
}

function ipv4(p: Uint8Array): TcpSegment | null {
  if (p.length < 20) return null;
  const v = new DataView(p.buffer, p.byteOffset, p.byteLength);
  const ihl = (p[0]! & 0x0f) * 4;
  const total = v.getUint16(2);
  const fragOffset = v.getUint16(6) & 0x1fff;
  if (p[9] !== 6 || fragOffset !== 0 || ihl < 20) return null;
  // A captured packet may be padded (Ethernet minimum) or cut (snap length): trust the smaller.
  const end = Math.min(p.length, total || p.length);
  return tcp(p.subarray(ihl, end), v4(p, 12), v4(p, 16));
}

/** Extension headers that may sit between IPv6 and TCP (hop-by-hop, routing, destination). */
const EXT = new Set([0, 43, 60]);

function ipv6(p: Uint8Array): TcpSegment | null {
  if (p.length < 40) return null;
  const v = new DataView(p.buffer, p.byteOffset, p.byteLength);
  const payloadLen = v.getUint16(4);
  let next = p[6]!;
  let at = 40;
  const end = Math.min(p.length, 40 + payloadLen);
  while (EXT.has(next)) {
    if (at + 8 > end) return null;
    next = p[at]!;
    at += (p[at + 1]! + 1) * 8;
  }
  // 44 (a fragment) and everything else that is not TCP.
  if (next !== 6 || at > end) return null;
  return tcp(p.subarray(at, end), v6(p, 8), v6(p, 24));
}

function tcp(t: Uint8Array, src: string, dst: string): TcpSegment | null {
  if (t.length < 20) return null;
  const v = new DataView(t.buffer, t.byteOffset, t.byteLength);
  const offset = (t[12]! >> 4) * 4;
  if (offset < 20 || offset > t.length) return null;
  const flags = t[13]!;
  return {
    src,
    dst,
    sport: v.getUint16(0),
    dport: v.getUint16(2),
    seq: v.getUint32(4),
    ack: v.getUint32(8),
    fin: (flags & 0x01) !== 0,
    syn: (flags & 0x02) !== 0,
    rst: (flags & 0x04) !== 0,
    ackFlag: (flags & 0x10) !== 0,
    payload: t.subarray(offset),
  };
}

function v4(p: Uint8Array, at: number): string {
  return `${p[at]}.${p[at + 1]}.${p[at + 2]}.${p[at + 3]}`;
}

/** RFC 5952 text: lowercase, leading zeros dropped, the longest run of zero groups as `::`. */
export function v6(p: Uint8Array, at: number): string {
  const groups: number[] = [];
  for (let i = 0; i < 8; i++) groups.push((p[at + i * 2]! << 8) | p[at + i * 2 + 1]!);
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(":");
  return `${hex.slice(0, best).join(":")}::${hex.slice(best + bestLen).join(":")}`;
}
