/**
 * An incremental ZMTP 3.0/3.1 decoder for ONE direction of a TCP connection (RFC 23, RFC 37).
 * Feed it the chunks TCP delivers, in order; it returns the items completed by each chunk, so a
 * frame split across chunks comes out once, whole. It never throws: anything that is not ZMTP 3
 * becomes an `error` item (when it looked like ZMTP but broke a rule) and then `raw` items.
 * Memory stays bounded: message bodies are skipped after a preview, only command bodies
 * (small by nature) are kept whole, up to `MAX_COMMAND_BYTES`.
 */
import { ascii, concat, hex, printable, readUint } from "./bytes.js";
import { headerFields, PREVIEW_BYTES, rawItem } from "./items.js";
import { describeCommand, describeCurveCommand, describePlainCommand } from "./commands.js";
import type { ZmtpField, ZmtpItem } from "./types.js";

/** A command bigger than this (a hostile peer) is shown as a preview, not parsed. */
export const MAX_COMMAND_BYTES = 64 * 1024;

type State =
  | { at: "signature" }
  | { at: "greeting" }
  | { at: "header" }
  | {
      at: "body";
      flags: number;
      size: number;
      start: number;
      header: Uint8Array;
      kept: Uint8Array;
      remaining: number;
    }
  | { at: "raw" };

export { PREVIEW_BYTES };

export class ZmtpDecoder {
  private state: State = { at: "signature" };
  private buf: Uint8Array = new Uint8Array(0);
  /** Stream offset of buf[0]. */
  private pos = 0;
  private part = 0;
  /** The Socket-Type this side announced in READY; a SUB/XSUB sends 3.0 subscriptions as frames. */
  private socketType: string | undefined;
  /** Greeting version seen on this direction (`3.0`, `3.1`), once decoded. */
  version: string | undefined;
  /** Security mechanism from the greeting (`NULL`, `PLAIN`, `CURVE`), once decoded. */
  mechanism: string | undefined;

  /** Bytes fed so far. */
  get offset(): number {
    return this.pos + this.buf.length;
  }

  /** Decodes the next chunk; returns the items it completed (possibly none). */
  feed(chunk: Uint8Array): ZmtpItem[] {
    const out: ZmtpItem[] = [];
    try {
      this.buf = concat(this.buf, chunk);
      while (this.step(out));
    } catch (e) {
      // Defensive: a decoder bug must not take the relay down; report it and stop decoding.
      out.push(this.error(`decoder failure: ${(e as Error).message}`, 0));
      this.toRaw(out);
    }
    return out;
  }

  private take(n: number): Uint8Array {
    const b = this.buf.subarray(0, n);
    this.buf = this.buf.subarray(n);
    this.pos += n;
    return b;
  }

  private error(message: string, length: number): ZmtpItem {
    return { kind: "error", offset: this.pos, length, summary: message, fields: [] };
  }

  /** Switches to raw mode and flushes what is buffered as one raw item. */
  private toRaw(out: ZmtpItem[]): void {
    this.state = { at: "raw" };
    if (this.buf.length > 0) out.push(this.raw(this.take(this.buf.length)));
  }

  private raw(bytes: Uint8Array): ZmtpItem {
    return rawItem(bytes, this.pos - bytes.length);
  }

  private f(name: string, value: string, bytes: Uint8Array, at: number, len: number): ZmtpField {
    return {
      name,
      value,
      offset: this.pos - bytes.length + at,
      length: len,
      hex: hex(bytes.subarray(at, at + len)),
    };
  }

  /** Makes one step of progress; false when more input is needed. */
  private step(out: ZmtpItem[]): boolean {
    const s = this.state;
    if (s.at === "raw") {
      if (this.buf.length === 0) return false;
      out.push(this.raw(this.take(this.buf.length)));
      return false;
    }
    if (s.at === "signature") return this.signature(out);
    if (s.at === "greeting") return this.greeting(out);
    if (s.at === "header") return this.header(out);
    return this.body(s, out);
  }

  private signature(out: ZmtpItem[]): boolean {
    if (this.buf.length === 0) return false;
    // A first byte other than ff is not ZMTP 3 (plain TCP, or ZMTP 1.0's length byte): say so at once.
    if (this.buf[0] !== 0xff) {
      this.toRaw(out);
      return false;
    }
    if (this.buf.length < 10) return false;
    if ((this.buf[9]! & 1) !== 1) {
      out.push(this.error("byte 9 of the signature must be 0x7f: not a ZMTP 3 greeting", 10));
      this.toRaw(out);
      return false;
    }
    const b = this.take(10);
    const idLen = readUint(b, 1, 8);
    out.push({
      kind: "signature",
      offset: this.pos - 10,
      length: 10,
      summary: "signature ff … 7f (ZMTP 3 greeting starts)",
      fields: [
        this.f("signature-start", "0xff", b, 0, 1),
        // libzmq writes identity length + 1 here so a ZMTP 1.0 peer can read it as a length.
        this.f("padding", idLen > 1 ? `${idLen} (identity length + 1)` : String(idLen), b, 1, 8),
        this.f("signature-end", "0x7f", b, 9, 1),
      ],
    });
    this.state = { at: "greeting" };
    return true;
  }

  private greeting(out: ZmtpItem[]): boolean {
    if (this.buf.length === 0) return false;
    if (this.buf[0]! < 3) {
      out.push(this.error(`ZMTP major version ${this.buf[0]} (before 3.0) is not decoded`, 1));
      this.toRaw(out);
      return false;
    }
    if (this.buf.length < 54) return false;
    const b = this.take(54);
    const version = `${b[0]}.${b[1]}`;
    const mechBytes = b.subarray(2, 22);
    const end = mechBytes.indexOf(0);
    const mechanism = ascii(mechBytes.subarray(0, end < 0 ? 20 : end));
    const asServer = b[22] === 1;
    this.version = version;
    this.mechanism = mechanism;
    out.push({
      kind: "greeting",
      offset: this.pos - 54,
      length: 54,
      summary: `greeting ZMTP ${version} ${mechanism}${asServer ? " as-server" : ""}`,
      version,
      mechanism,
      asServer,
      fields: [
        this.f("major", String(b[0]), b, 0, 1),
        this.f("minor", `${b[1]} (ZMTP ${version})`, b, 1, 1),
        this.f("mechanism", mechanism, b, 2, 20),
        this.f("as-server", asServer ? "1 (server)" : "0", b, 22, 1),
        this.f("filler", "31 zero bytes", b, 23, 31),
      ],
    });
    this.state = { at: "header" };
    return true;
  }

  private header(out: ZmtpItem[]): boolean {
    if (this.buf.length === 0) return false;
    const flags = this.buf[0]!;
    if ((flags & 0xf8) !== 0) {
      out.push(this.error(`flags byte 0x${flags.toString(16)} has reserved bits set`, 1));
      this.toRaw(out);
      return false;
    }
    const long = (flags & 2) !== 0;
    const headerLen = long ? 9 : 2;
    if (this.buf.length < headerLen) return false;
    const size = readUint(this.buf, 1, headerLen - 1);
    if (!Number.isSafeInteger(size)) {
      out.push(this.error("frame size above 2^53 bytes", headerLen));
      this.toRaw(out);
      return false;
    }
    const start = this.pos;
    const header = this.take(headerLen).slice();
    this.state = {
      at: "body",
      flags,
      size,
      start,
      header,
      kept: new Uint8Array(0),
      remaining: size,
    };
    return true;
  }

  private body(s: Extract<State, { at: "body" }>, out: ZmtpItem[]): boolean {
    const isCommand = (s.flags & 4) !== 0;
    const limit = isCommand && s.size <= MAX_COMMAND_BYTES ? s.size : PREVIEW_BYTES;
    if (s.remaining > 0) {
      if (this.buf.length === 0) return false;
      const n = Math.min(s.remaining, this.buf.length);
      const chunk = this.take(n);
      if (s.kept.length < limit)
        s.kept = concat(s.kept, chunk.slice(0, limit - s.kept.length)).slice();
      s.remaining -= n;
      if (s.remaining > 0) return false;
    }
    out.push(isCommand ? this.commandItem(s) : this.frameItem(s));
    this.state = { at: "header" };
    return true;
  }

  private commandItem(s: Extract<State, { at: "body" }>): ZmtpItem {
    const bodyAt = s.start + s.header.length;
    const whole = s.kept.length === s.size;
    const d = whole
      ? this.mechanism === "CURVE"
        ? describeCurveCommand(s.kept, bodyAt)
        : this.mechanism === "PLAIN"
          ? describePlainCommand(s.kept, bodyAt)
          : describeCommand(s.kept, bodyAt)
      : {
          command: ascii(s.kept.subarray(1, 1 + (s.kept[0] ?? 0))),
          summary: `command of ${s.size} B (too big to parse)`,
          fields: [],
        };
    if (d.command === "READY" && d.properties) {
      const key = Object.keys(d.properties).find((k) => k.toLowerCase() === "socket-type");
      if (key) this.socketType = d.properties[key]?.toUpperCase();
    }
    return {
      kind: "command",
      offset: s.start,
      length: s.header.length + s.size,
      long: (s.flags & 2) !== 0,
      size: s.size,
      ...d,
      fields: [...headerFields(s.flags, s.size, s.start, s.header), ...d.fields],
    };
  }

  private frameItem(s: Extract<State, { at: "body" }>): ZmtpItem {
    const more = (s.flags & 1) !== 0;
    const part = this.part;
    this.part = more ? part + 1 : 0;
    const bodyAt = s.start + s.header.length;
    const text = printable(s.kept);
    const cut = s.kept.length < s.size;
    const item: ZmtpItem = {
      kind: "frame",
      offset: s.start,
      length: s.header.length + s.size,
      more,
      long: (s.flags & 2) !== 0,
      size: s.size,
      part,
      summary:
        `frame ${part}${more ? " MORE" : ""} ${s.size} B` +
        (text !== undefined ? ` ${JSON.stringify(text)}${cut ? "…" : ""}` : ""),
      fields: [
        ...headerFields(s.flags, s.size, s.start, s.header),
        { name: "body", value: text ?? "", offset: bodyAt, length: s.size, hex: hex(s.kept) },
      ],
      ...(text !== undefined ? { text } : {}),
    };
    if (this.mechanism === "CURVE") {
      // RFC 26: after the handshake every frame is a MESSAGE box; its real flags and body are inside.
      delete item.text;
      item.summary = `encrypted frame, ${s.size} B (CURVE MESSAGE: flags and body are inside the box)`;
      return item;
    }
    const sub = this.socketType === "SUB" || this.socketType === "XSUB";
    if (sub && part === 0 && !more && s.size >= 1 && (s.kept[0] === 0 || s.kept[0] === 1)) {
      const topicBytes = s.kept.subarray(1);
      const topic = printable(topicBytes) ?? `0x${hex(topicBytes).replace(/ /g, "")}`;
      const action = s.kept[0] === 1 ? "subscribe" : "cancel";
      item.subscription = { action, topic, form: "message" };
      item.summary = `${action} ${JSON.stringify(topic)} (as a message: \\x0${s.kept[0]} + topic)`;
    }
    return item;
  }
}

/** Decodes a whole one-direction byte stream at once (tests, pcap replays). */
export function decodeAll(bytes: Uint8Array): ZmtpItem[] {
  return new ZmtpDecoder().feed(bytes);
}
