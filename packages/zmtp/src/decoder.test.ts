import { describe, expect, it } from "vitest";
import { decodeAll, ZmtpDecoder } from "./decoder.js";
import {
  bytes,
  frame,
  greeting,
  greetingRest,
  longFrame,
  readyRep,
  readyReqMe,
  readySub,
  signature,
} from "./fixtures.test-helpers.js";
import type { ZmtpItem } from "./types.js";

const field = (item: ZmtpItem | undefined, name: string) =>
  item?.fields.find((f) => f.name === name);

describe("greeting", () => {
  it("decodes a ZMTP 3.1 NULL greeting as signature + greeting, each field with its bytes", () => {
    const items = decodeAll(greeting(1));
    expect(items.map((i) => i.kind)).toEqual(["signature", "greeting"]);
    const [sig, g] = items;
    expect(sig).toMatchObject({ offset: 0, length: 10 });
    expect(field(sig, "signature-start")?.hex).toBe("ff");
    expect(field(sig, "signature-end")).toMatchObject({ hex: "7f", offset: 9 });
    expect(g).toMatchObject({
      offset: 10,
      length: 54,
      version: "3.1",
      mechanism: "NULL",
      asServer: false,
    });
    expect(field(g, "minor")).toMatchObject({ hex: "01", offset: 11 });
    expect(field(g, "mechanism")?.hex).toBe("4e 55 4c 4c" + " 00".repeat(16));
  });

  it("reads ZMTP 3.0 and the identity length libzmq puts in the padding", () => {
    const [sig, g] = decodeAll(greeting(0, 3));
    expect(g?.version).toBe("3.0");
    expect(field(sig, "padding")?.value).toBe("3 (identity length + 1)");
  });

  it("reports the 10-byte signature alone, as a silent raw client receives it from a REP", () => {
    const d = new ZmtpDecoder();
    expect(d.feed(signature()).map((i) => i.kind)).toEqual(["signature"]);
    expect(d.feed(greetingRest(1)).map((i) => i.kind)).toEqual(["greeting"]);
  });

  it("decodes the greeting fed one byte at a time", () => {
    const d = new ZmtpDecoder();
    const items = Array.from(greeting(1)).flatMap((b) => d.feed(Uint8Array.of(b)));
    expect(items.map((i) => i.kind)).toEqual(["signature", "greeting"]);
  });
});

describe("commands", () => {
  it("decodes READY with Socket-Type, and with Identity", () => {
    const [, , rep] = decodeAll(bytes(greeting(1), readyRep));
    expect(rep).toMatchObject({
      kind: "command",
      command: "READY",
      properties: { "Socket-Type": "REP" },
    });
    expect(rep?.summary).toBe("READY Socket-Type=REP");
    expect(field(rep, "Socket-Type")).toMatchObject({
      hex: "00 00 00 03 52 45 50",
      offset: 64 + 2 + 18,
    });
    const [, , req] = decodeAll(bytes(greeting(1), readyReqMe));
    expect(req?.properties).toEqual({ "Socket-Type": "REQ", Identity: "me" });
    expect(field(req, "flags")?.value).toBe("0x04 COMMAND");
    expect(req?.length).toBe(2 + 0x28);
  });

  it("decodes PING and PONG with their context", () => {
    const ping = bytes(0x04, 0x07, 4, "PING", 0x00, 0x0a);
    const pong = bytes(0x04, 0x07, 4, "PONG", "AB");
    const [, , , a, b] = decodeAll(bytes(greeting(1), readyRep, ping, pong));
    expect(a).toMatchObject({ command: "PING" });
    expect(field(a, "ttl")?.value).toBe("10 (1 s)");
    expect(b).toMatchObject({ command: "PONG", summary: 'PONG context "AB"' });
  });

  it("decodes SUBSCRIBE and CANCEL commands (3.1)", () => {
    const sub = bytes(0x04, 0x11, 9, "SUBSCRIBE", "weather");
    const cancel = bytes(0x04, 0x0b, 6, "CANCEL", "news");
    const items = decodeAll(bytes(greeting(1), readySub, sub, cancel)).slice(3);
    expect(items.map((i) => i.subscription)).toEqual([
      { action: "subscribe", topic: "weather", form: "command" },
      { action: "cancel", topic: "news", form: "command" },
    ]);
  });

  it("decodes \\x01topic and \\x00topic from a SUB as subscriptions (3.0)", () => {
    const items = decodeAll(bytes(greeting(0), readySub, frame("\x01weather"), frame("\x00news")));
    expect(items.slice(3).map((i) => i.subscription)).toEqual([
      { action: "subscribe", topic: "weather", form: "message" },
      { action: "cancel", topic: "news", form: "message" },
    ]);
  });

  it("does not read a REQ's data frames as subscriptions", () => {
    const items = decodeAll(bytes(greeting(1), readyReqMe, frame("\x01x")));
    expect(items[3]?.subscription).toBeUndefined();
  });
});

describe("message frames", () => {
  it("decodes a REQ envelope: empty delimiter with MORE, then the body", () => {
    const items = decodeAll(bytes(greeting(1), readyReqMe, frame("", true), frame("hello")));
    const [delim, body] = items.slice(3);
    expect(delim).toMatchObject({ kind: "frame", more: true, size: 0, part: 0, long: false });
    expect(field(delim, "flags")).toMatchObject({ hex: "01", value: "0x01 MORE" });
    expect(body).toMatchObject({ more: false, size: 5, part: 1, text: "hello" });
    expect(field(body, "body")?.hex).toBe("68 65 6c 6c 6f");
  });

  it("decodes long frames (8-byte size) and keeps only a preview of big bodies", () => {
    const items = decodeAll(bytes(greeting(1), readyRep, longFrame(300, true), longFrame(70000)));
    const [a, b] = items.slice(3);
    expect(a).toMatchObject({ long: true, more: true, size: 300, length: 309 });
    expect(field(a, "size")?.hex).toBe("00 00 00 00 00 00 01 2c");
    expect(b).toMatchObject({ long: true, more: false, size: 70000, part: 1 });
    expect(field(b, "body")?.hex.endsWith("…")).toBe(true);
  });

  it("gives the same items whether a frame arrives whole or split across TCP chunks", () => {
    const stream = bytes(greeting(1), readyRep, frame("", true), longFrame(1000), frame("world"));
    const whole = decodeAll(stream);
    for (const cut of [1, 3, 11, 65, 70, 600]) {
      const d = new ZmtpDecoder();
      const split = [...d.feed(stream.subarray(0, cut)), ...d.feed(stream.subarray(cut))];
      expect(split).toEqual(whole);
    }
    const d = new ZmtpDecoder();
    const first = d.feed(stream.subarray(0, stream.length - 2));
    expect(first.at(-1)?.kind).toBe("frame");
    expect(first.at(-1)?.size).toBe(1000);
    expect(d.feed(stream.subarray(stream.length - 2)).map((i) => i.text)).toEqual(["world"]);
  });
});

describe("garbage", () => {
  it("reports plain TCP text as raw bytes at once", () => {
    const d = new ZmtpDecoder();
    const [item] = d.feed(bytes("GET / HTTP/1.1\r\n"));
    expect(item).toMatchObject({ kind: "raw", length: 16, text: "GET / HTTP/1.1\r\n" });
    expect(d.feed(bytes("Host: x\r\n"))[0]).toMatchObject({ kind: "raw", offset: 16 });
  });

  it("reports a broken signature or reserved flag bits as an error, then raw", () => {
    expect(decodeAll(bytes(0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0x10, 1, 2)).map((i) => i.kind)).toEqual([
      "error",
      "raw",
    ]);
    const items = decodeAll(bytes(greeting(1), 0x80, 1, 2, 3));
    expect(items.slice(2).map((i) => i.kind)).toEqual(["error", "raw"]);
    expect(items[2]?.offset).toBe(64);
  });

  it("reports a ZMTP 2.0 greeting as not decoded", () => {
    expect(decodeAll(bytes(signature(), 1, 5, 0)).map((i) => i.kind)).toEqual([
      "signature",
      "error",
      "raw",
    ]);
  });

  it("never throws on random input, whole or chunked, and accounts for every byte", () => {
    let seed = 42;
    const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    for (let run = 0; run < 300; run++) {
      const len = Math.floor(rnd() * 400);
      const prefix = run % 2 === 0 ? greeting(1) : new Uint8Array(0);
      const data = bytes(
        prefix,
        Array.from({ length: len }, () => Math.floor(rnd() * 256)),
      );
      const d = new ZmtpDecoder();
      let at = 0;
      const items: ZmtpItem[] = [];
      while (at < data.length) {
        const n = 1 + Math.floor(rnd() * 50);
        items.push(...d.feed(data.subarray(at, at + n)));
        at += n;
      }
      for (const i of items) expect(i.offset + i.length).toBeLessThanOrEqual(data.length);
      const commands = items.filter((i) => i.kind === "command");
      for (const c of commands) expect(typeof c.summary).toBe("string");
    }
  });

  it("keeps prototype names (__proto__, constructor) out of properties but shows them as fields", () => {
    const evil = bytes(
      0x04,
      0x26,
      5,
      "READY",
      9,
      "__proto__",
      0,
      0,
      0,
      1,
      "x",
      11,
      "constructor",
      0,
      0,
      0,
      1,
      "y",
    );
    const [, , item] = decodeAll(bytes(greeting(1), evil));
    expect(item?.command).toBe("READY");
    const props = item!.properties!;
    expect(Object.getPrototypeOf(props)).toBe(Object.prototype);
    expect(Object.hasOwn(props, "__proto__")).toBe(false);
    expect(Object.hasOwn(props, "constructor")).toBe(false);
    expect(item!.fields.map((f) => f.name)).toEqual(
      expect.arrayContaining(["__proto__", "constructor"]),
    );
  });
});
