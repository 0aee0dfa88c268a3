import { describe, expect, it } from "vitest";
import { pcapFile } from "../fixtures.test-helpers.js";
import { PcapFormatError, PcapReader } from "./reader.js";
import { TcpStream } from "../tcp/stream.js";
import { v6 } from "./packet.js";

describe("PcapReader", () => {
  it("reads records fed one byte at a time, with their times", () => {
    const file = pcapFile(1, [new Uint8Array([1, 2, 3]), new Uint8Array([4])], 1_700_000_000_000);
    const r = new PcapReader();
    const out = [];
    for (let i = 0; i < file.length; i++) out.push(...r.feed(file.subarray(i, i + 1)));
    expect(out.map((p) => [...p.data])).toEqual([[1, 2, 3], [4]]);
    expect(out.map((p) => p.t)).toEqual([1_700_000_000_000, 1_700_000_000_001]);
    expect(r.linkType).toBe(1);
  });

  it("reads big-endian files with nanosecond stamps", () => {
    const f = new Uint8Array(24 + 16 + 2);
    const v = new DataView(f.buffer);
    v.setUint32(0, 0xa1b23c4d, false);
    v.setUint32(20, 113, false);
    v.setUint32(24, 10, false);
    v.setUint32(28, 500_000, false);
    v.setUint32(32, 2, false);
    v.setUint32(36, 2, false);
    const [p] = new PcapReader().feed(f);
    expect(p).toMatchObject({ t: 10_000.5, linkType: 113, origLength: 2 });
  });

  it("refuses pcapng and other files with a sentence that says what to do", () => {
    const ng = new Uint8Array(28);
    new DataView(ng.buffer).setUint32(0, 0x0a0d0d0a, true);
    expect(() => new PcapReader().feed(ng)).toThrow(/pcapng.*editcap/);
    expect(() =>
      new PcapReader().feed(new TextEncoder().encode("GET / HTTP/1.1\r\nHost: example\r\n\r\n")),
    ).toThrow(PcapFormatError);
  });

  it("refuses a record bigger than the cap instead of allocating it", () => {
    const f = pcapFile(1, [new Uint8Array(4)]);
    new DataView(f.buffer).setUint32(24 + 8, 0x7fffffff, true);
    expect(() => new PcapReader().feed(f)).toThrow(/damaged/);
  });
});

describe("TcpStream", () => {
  it("delivers across the 2^32 wrap, trims overlaps, holds early bytes", () => {
    const s = new TcpStream();
    s.synchronize(0xfffffffd);
    const got: number[] = [];
    const take = (seq: number, data: number[]) =>
      s.push(seq >>> 0, Uint8Array.from(data)).forEach((c) => got.push(...c));
    take(0xfffffffe, [1, 2]);
    take(0x00000002, [5, 6]); // early: waits for 3, 4
    take(0xffffffff, [2, 3, 4]); // overlaps 2, fills the gap
    take(0x00000000, [3]); // retransmit
    expect(got).toEqual([1, 2, 3, 4, 5, 6]);
    expect(s.offset).toBe(6);
    expect(s.duplicateBytes).toBe(2);
  });

  it("gives up on a gap that holds more than its budget", () => {
    const s = new TcpStream({ maxPendingBytes: 4 });
    s.synchronize(0);
    s.push(10, new Uint8Array(5));
    expect(s.broken).toBe(true);
  });
});

describe("IPv6 text", () => {
  it("is RFC 5952", () => {
    const a = new Uint8Array(16);
    a[15] = 1;
    expect(v6(a, 0)).toBe("::1");
    const b = Uint8Array.from([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1]);
    expect(v6(b, 0)).toBe("2001:db8::1:0:0:1");
  });
});

describe("TcpStream gaps the capture lost", () => {
  it("breaks when the peer acknowledges bytes past a gap", () => {
    const s = new TcpStream();
    s.synchronize(0);
    s.push(1, new Uint8Array(5));
    s.push(20, new Uint8Array(5)); // 6..19 never captured
    s.acked(6); // the peer got only what we saw: the gap may still come (a reordering)
    expect(s.broken).toBe(false);
    s.acked(10); // the peer has bytes 6..9, which the capture never showed us
    expect(s.broken).toBe(true);
  });
});
