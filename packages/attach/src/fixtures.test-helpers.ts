/** Builds captured frames and pcap files for the tests: Ethernet/loopback/cooked + IPv4/IPv6 + TCP. */

export function bytes(...parts: (number | string | number[] | Uint8Array)[]): Uint8Array {
  const out: number[] = [];
  for (const p of parts) {
    if (typeof p === "number") out.push(p);
    else if (typeof p === "string") out.push(...new TextEncoder().encode(p));
    else out.push(...p);
  }
  return Uint8Array.from(out);
}

const zeros = (n: number) => new Array<number>(n).fill(0);

export const zmtpGreeting = (mechanism = "NULL", asServer = 0) =>
  bytes(
    0xff,
    zeros(7),
    1,
    0x7f,
    3,
    1,
    mechanism,
    zeros(20 - mechanism.length),
    asServer,
    zeros(31),
  );

/** A READY command with these properties. */
export function ready(props: Record<string, string>, name = "READY"): Uint8Array {
  const body: number[] = [name.length, ...new TextEncoder().encode(name)];
  for (const [k, v] of Object.entries(props)) {
    const val = new TextEncoder().encode(v);
    body.push(k.length, ...new TextEncoder().encode(k), 0, 0, 0, val.length, ...val);
  }
  return bytes(0x04, body.length, body);
}

export const frame = (body: string, more = false) => {
  const b = new TextEncoder().encode(body);
  return bytes(more ? 1 : 0, b.length, b);
};

export const command = (name: string, data: Uint8Array = new Uint8Array(0)) =>
  bytes(0x04, 1 + name.length + data.length, name.length, name, data);

export interface Seg {
  from: "c" | "s";
  flags?: { syn?: boolean; ack?: boolean; fin?: boolean; rst?: boolean };
  /** Offset of the payload in its direction's stream (data bytes, 0 = first after the SYN). */
  offset?: number;
  payload?: Uint8Array;
}

export interface Conn {
  client: [string, number];
  server: [string, number];
}

function ip4(a: string): number[] {
  return a.split(".").map(Number);
}

function ip6(a: string): number[] {
  const [head, tail] = a.split("::") as [string, string | undefined];
  const h = head ? head.split(":") : [];
  const t = tail !== undefined ? (tail ? tail.split(":") : []) : [];
  const groups = [...h, ...new Array(8 - h.length - t.length).fill("0"), ...t];
  return groups.flatMap((g) => {
    const n = parseInt(g, 16);
    return [n >> 8, n & 255];
  });
}

/** An IP + TCP packet (IPv4 or IPv6 from the address form); checksums left zero (not read). */
function ipTcp(
  src: [string, number],
  dst: [string, number],
  seq: number,
  flags: Seg["flags"],
  payload: Uint8Array,
): Uint8Array {
  const f = flags ?? {};
  const fl = (f.fin ? 1 : 0) | (f.syn ? 2 : 0) | (f.rst ? 4 : 0) | 8 | (f.ack === false ? 0 : 0x10);
  const tcp = new Uint8Array(20 + payload.length);
  const tv = new DataView(tcp.buffer);
  tv.setUint16(0, src[1]);
  tv.setUint16(2, dst[1]);
  tv.setUint32(4, seq >>> 0);
  tv.setUint8(12, 5 << 4);
  tv.setUint8(13, fl);
  tcp.set(payload, 20);
  if (src[0].includes(":")) {
    const h = new Uint8Array(40);
    const v = new DataView(h.buffer);
    v.setUint8(0, 0x60);
    v.setUint16(4, tcp.length);
    v.setUint8(6, 6);
    h.set(ip6(src[0]), 8);
    h.set(ip6(dst[0]), 24);
    return bytes(h, tcp);
  }
  const h = new Uint8Array(20);
  const v = new DataView(h.buffer);
  v.setUint8(0, 0x45);
  v.setUint16(2, 20 + tcp.length);
  v.setUint8(9, 6);
  h.set(ip4(src[0]), 12);
  h.set(ip4(dst[0]), 16);
  return bytes(h, tcp);
}

export type Framing = "ethernet" | "null" | "sll" | "sll2" | "raw";
export const LINK: Record<Framing, number> = {
  ethernet: 1,
  null: 0,
  sll: 113,
  sll2: 276,
  raw: 101,
};

export function frameFor(framing: Framing, ip: Uint8Array): Uint8Array {
  const v6 = ip[0]! >> 4 === 6;
  const type = v6 ? [0x86, 0xdd] : [0x08, 0x00];
  switch (framing) {
    case "ethernet":
      return bytes(zeros(12), type, ip);
    case "null":
      return bytes(v6 ? 10 : 2, 0, 0, 0, ip);
    case "sll":
      return bytes(zeros(14), type, ip);
    case "sll2":
      return bytes(type, zeros(18), ip);
    case "raw":
      return ip;
  }
}

const ISN = { c: 0xfffffff0, s: 1000 };

/** Packets of one connection: a SYN handshake, then `segs` (sequence numbers from `offset`). */
export function connectionPackets(c: Conn, segs: Seg[], handshake = true): Uint8Array[] {
  const out: Uint8Array[] = [];
  const next = { c: 0, s: 0 };
  if (handshake) {
    out.push(ipTcp(c.client, c.server, ISN.c, { syn: true, ack: false }, new Uint8Array(0)));
    out.push(ipTcp(c.server, c.client, ISN.s, { syn: true }, new Uint8Array(0)));
  }
  for (const s of segs) {
    const payload = s.payload ?? new Uint8Array(0);
    const off = s.offset ?? next[s.from];
    next[s.from] = Math.max(next[s.from], off + payload.length);
    const [src, dst] = s.from === "c" ? [c.client, c.server] : [c.server, c.client];
    out.push(ipTcp(src, dst, (ISN[s.from] + 1 + off) >>> 0, s.flags, payload));
  }
  return out;
}

/** A classic pcap file (little-endian, microseconds) of these frames, 1 ms apart. */
export function pcapFile(
  linkType: number,
  frames: Uint8Array[],
  t0 = 1_700_000_000_000,
): Uint8Array {
  const size = 24 + frames.reduce((n, f) => n + 16 + f.length, 0);
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  v.setUint32(0, 0xa1b2c3d4, true);
  v.setUint16(4, 2, true);
  v.setUint16(6, 4, true);
  v.setUint32(16, 262144, true);
  v.setUint32(20, linkType, true);
  let at = 24;
  frames.forEach((f, i) => {
    const us = (t0 + i) * 1000;
    v.setUint32(at, Math.floor(us / 1e6), true);
    v.setUint32(at + 4, us % 1e6, true);
    v.setUint32(at + 8, f.length, true);
    v.setUint32(at + 12, f.length, true);
    out.set(f, at + 16);
    at += 16 + f.length;
  });
  return out;
}
