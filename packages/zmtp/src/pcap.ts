/**
 * Writes captured TCP byte streams as a classic libpcap file (LINKTYPE_RAW: each packet is an
 * IPv4 header + TCP header + payload, synthesized). Sequence and acknowledgement numbers follow
 * the stream offsets, with a SYN/SYN-ACK/ACK before and FINs after, so Wireshark and tshark
 * reassemble each connection exactly as the sockets saw it. Pure: returns bytes, writes nothing.
 */

/** One chunk of bytes as read from one side of a connection. */
export interface TcpSegment {
  /** Epoch milliseconds (fractions kept to the microsecond). */
  t: number;
  direction: "c2s" | "s2c";
  bytes: Uint8Array;
  /** Offset of bytes[0] in its direction's stream; consecutive when absent. */
  offset?: number;
}

export interface TcpConnectionCapture {
  clientPort: number;
  serverPort: number;
  /** IPv4 as four numbers; 127.0.0.1 when absent. */
  clientIp?: [number, number, number, number];
  serverIp?: [number, number, number, number];
  /** Epoch ms of the TCP connect (the synthesized handshake gets this time). */
  opened: number;
  /** Epoch ms of the close; no FINs when absent (still open). */
  closed?: number;
  segments: TcpSegment[];
}

export const LINKTYPE_RAW = 101;
const SYN = 0x02;
const ACK = 0x10;
const PSH = 0x08;
const FIN = 0x01;
/** Largest payload in one synthesized packet (IPv4 total length is 16 bits). */
const MAX_PAYLOAD = 65535 - 40;

interface Packet {
  t: number;
  order: number;
  bytes: Uint8Array;
}

function checksum(bytes: Uint8Array, initial = 0): number {
  let sum = initial;
  for (let i = 0; i < bytes.length; i += 2) sum += (bytes[i]! << 8) | (bytes[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

interface Ends {
  src: number[];
  dst: number[];
  sport: number;
  dport: number;
}

function packet(e: Ends, seq: number, ack: number, flags: number, payload: Uint8Array): Uint8Array {
  const total = 40 + payload.length;
  const p = new Uint8Array(total);
  const v = new DataView(p.buffer);
  // IPv4 header: version 4, IHL 5, DF, TTL 64, protocol 6 (TCP).
  v.setUint8(0, 0x45);
  v.setUint16(2, total);
  v.setUint16(6, 0x4000);
  v.setUint8(8, 64);
  v.setUint8(9, 6);
  p.set(e.src, 12);
  p.set(e.dst, 16);
  v.setUint16(10, checksum(p.subarray(0, 20)));
  // TCP header: data offset 5 words, window 65535.
  v.setUint16(20, e.sport);
  v.setUint16(22, e.dport);
  v.setUint32(24, seq >>> 0);
  v.setUint32(28, ack >>> 0);
  v.setUint8(32, 5 << 4);
  v.setUint8(33, flags);
  v.setUint16(34, 65535);
  p.set(payload, 40);
  // TCP checksum over the pseudo-header (src, dst, zero, protocol, TCP length) and segment.
  const pseudo = new Uint8Array(12);
  pseudo.set(e.src, 0);
  pseudo.set(e.dst, 4);
  pseudo[9] = 6;
  new DataView(pseudo.buffer).setUint16(10, total - 20);
  let partial = 0;
  for (let i = 0; i < 12; i += 2) partial += (pseudo[i]! << 8) | pseudo[i + 1]!;
  v.setUint16(36, checksum(p.subarray(20), partial));
  return p;
}

function connectionPackets(c: TcpConnectionCapture, index: number, out: Packet[]): void {
  const cip = c.clientIp ?? [127, 0, 0, 1];
  const sip = c.serverIp ?? [127, 0, 0, 1];
  const c2s: Ends = { src: cip, dst: sip, sport: c.clientPort, dport: c.serverPort };
  const s2c: Ends = { src: sip, dst: cip, sport: c.serverPort, dport: c.clientPort };
  // Distinct initial sequence numbers per connection make a reused port pair still readable.
  const cIsn = 0x10000000 + index * 0x01000000;
  const sIsn = 0x80000000 + index * 0x01000000;
  let order = 0;
  const push = (t: number, bytes: Uint8Array) =>
    out.push({ t, order: index * 1e9 + order++, bytes });
  // Next sequence number expected from each side, for the acks of the other side.
  let cNext = cIsn + 1;
  let sNext = sIsn + 1;
  push(c.opened, packet(c2s, cIsn, 0, SYN, new Uint8Array(0)));
  push(c.opened, packet(s2c, sIsn, cNext, SYN | ACK, new Uint8Array(0)));
  push(c.opened, packet(c2s, cNext, sNext, ACK, new Uint8Array(0)));
  const offsets = { c2s: 0, s2c: 0 };
  for (const seg of c.segments) {
    const off = seg.offset ?? offsets[seg.direction];
    offsets[seg.direction] = off + seg.bytes.length;
    for (let i = 0; i < seg.bytes.length || (i === 0 && seg.bytes.length === 0); i += MAX_PAYLOAD) {
      const payload = seg.bytes.subarray(i, i + MAX_PAYLOAD);
      if (seg.direction === "c2s") {
        const seq = cIsn + 1 + off + i;
        push(seg.t, packet(c2s, seq, sNext, PSH | ACK, payload));
        cNext = Math.max(cNext, seq + payload.length);
      } else {
        const seq = sIsn + 1 + off + i;
        push(seg.t, packet(s2c, seq, cNext, PSH | ACK, payload));
        sNext = Math.max(sNext, seq + payload.length);
      }
      if (seg.bytes.length === 0) break;
    }
  }
  if (c.closed !== undefined) {
    push(c.closed, packet(c2s, cNext, sNext, FIN | ACK, new Uint8Array(0)));
    push(c.closed, packet(s2c, sNext, cNext + 1, FIN | ACK, new Uint8Array(0)));
    push(c.closed, packet(c2s, cNext + 1, sNext + 1, ACK, new Uint8Array(0)));
  }
}

/** The whole pcap file for these connections, packets in time order. */
export function writePcap(connections: TcpConnectionCapture[]): Uint8Array {
  const packets: Packet[] = [];
  connections.forEach((c, i) => connectionPackets(c, i, packets));
  packets.sort((a, b) => a.t - b.t || a.order - b.order);
  const size = 24 + packets.reduce((n, p) => n + 16 + p.bytes.length, 0);
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  // Global header, little-endian: magic, version 2.4, zone 0, sigfigs 0, snaplen, link type.
  v.setUint32(0, 0xa1b2c3d4, true);
  v.setUint16(4, 2, true);
  v.setUint16(6, 4, true);
  v.setUint32(16, 65535, true);
  v.setUint32(20, LINKTYPE_RAW, true);
  let at = 24;
  for (const p of packets) {
    const us = Math.round(p.t * 1000);
    v.setUint32(at, Math.floor(us / 1e6), true);
    v.setUint32(at + 4, us % 1e6, true);
    v.setUint32(at + 8, p.bytes.length, true);
    v.setUint32(at + 12, p.bytes.length, true);
    out.set(p.bytes, at + 16);
    at += 16 + p.bytes.length;
  }
  return out;
}
