import { describe, expect, it } from "vitest";
import { LINKTYPE_RAW, writePcap } from "./pcap.js";

interface Pkt {
  flags: number;
  seq: number;
  ack: number;
  sport: number;
  payload: number;
  ipSumOk: boolean;
}

/** Reads back what a pcap reader sees: per packet, TCP flags, seq/ack and payload length. */
function read(file: Uint8Array) {
  const v = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const packets: Pkt[] = [];
  let at = 24;
  while (at < file.length) {
    const len = v.getUint32(at + 8, true);
    const p = at + 16;
    let sum = 0;
    for (let i = 0; i < 20; i += 2) sum += v.getUint16(p + i);
    while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
    packets.push({
      sport: v.getUint16(p + 20),
      seq: v.getUint32(p + 24),
      ack: v.getUint32(p + 28),
      flags: v.getUint8(p + 33),
      payload: len - 40,
      ipSumOk: sum === 0xffff,
    });
    at = p + len;
  }
  return { magic: v.getUint32(0, true), link: v.getUint32(20, true), packets };
}

describe("writePcap", () => {
  it("writes a libpcap header and a handshake, data with stream-offset sequence numbers, and FINs", () => {
    const file = writePcap([
      {
        clientPort: 40000,
        serverPort: 5555,
        opened: 1000,
        closed: 1010,
        segments: [
          { t: 1001, direction: "c2s", bytes: new Uint8Array(10) },
          { t: 1002, direction: "s2c", bytes: new Uint8Array(64) },
          { t: 1003, direction: "c2s", bytes: new Uint8Array(54) },
        ],
      },
    ]);
    const { magic, link, packets } = read(file);
    expect(magic).toBe(0xa1b2c3d4);
    expect(link).toBe(LINKTYPE_RAW);
    expect(packets.map((p) => p.flags)).toEqual([
      0x02, 0x12, 0x10, 0x18, 0x18, 0x18, 0x11, 0x11, 0x10,
    ]);
    expect(packets.every((p) => p.ipSumOk)).toBe(true);
    const [syn, synAck, , d1, d2, d3] = packets;
    expect(d1!.seq).toBe(syn!.seq + 1);
    expect(d3!.seq).toBe(syn!.seq + 1 + 10);
    expect(d2!.seq).toBe(synAck!.seq + 1);
    expect(d3!.ack).toBe(synAck!.seq + 1 + 64);
    expect(packets.map((p) => p.payload)).toEqual([0, 0, 0, 10, 64, 54, 0, 0, 0]);
  });

  it("splits a chunk bigger than an IPv4 packet and keeps explicit offsets (a truncated capture)", () => {
    const file = writePcap([
      {
        clientPort: 40001,
        serverPort: 5555,
        opened: 0,
        segments: [
          { t: 1, direction: "c2s", bytes: new Uint8Array(100_000) },
          { t: 2, direction: "c2s", bytes: new Uint8Array(5), offset: 200_000 },
        ],
      },
    ]);
    const data = read(file).packets.slice(3);
    expect(data.map((p) => p.payload)).toEqual([65495, 100_000 - 65495, 5]);
    expect(data[1]!.seq - data[0]!.seq).toBe(65495);
    expect(data[2]!.seq - data[0]!.seq).toBe(200_000);
  });

  it("interleaves several connections by time", () => {
    const conn = (port: number, t: number) => ({
      clientPort: port,
      serverPort: 5555,
      opened: t,
      segments: [{ t: t + 5, direction: "c2s" as const, bytes: new Uint8Array(1) }],
    });
    const ports = read(writePcap([conn(1, 10), conn(2, 0)])).packets.map((p) => p.sport);
    expect(ports).toEqual([2, 5555, 2, 2, 1, 5555, 1, 1]);
  });
});
