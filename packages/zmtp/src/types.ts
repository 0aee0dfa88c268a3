/**
 * What the decoder reports. Every item is plain data (JSON-safe), so the engine can forward it to a
 * browser unchanged: the shape is mirrored by `ZmtpItemView` in @zmqp/protocol's events.
 */

/** One field of an item, with the raw bytes it came from, so a table can show both side by side. */
export interface ZmtpField {
  /** Field name as in RFC 23/37: `signature`, `major`, `flags`, `size`, `Socket-Type`… */
  name: string;
  /** Human reading of the bytes (`3`, `MORE|LONG`, `REP`). */
  value: string;
  /** Byte offset of the field in this direction's stream (0 = first byte after TCP connect). */
  offset: number;
  /** Field length in bytes. */
  length: number;
  /** The field's bytes as spaced lowercase hex, at most 64 bytes, then `…`. */
  hex: string;
}

export type ZmtpItemKind =
  /** The first 10 greeting bytes: `ff`, 8 padding bytes, `7f` (libzmq sends these first). */
  | "signature"
  /** The other 54 greeting bytes: version, mechanism, as-server, filler. */
  | "greeting"
  /** A command frame (READY, SUBSCRIBE, CANCEL, PING, PONG, ERROR…). */
  | "command"
  /** A message frame (one part of a multipart message). */
  | "frame"
  /** Bytes that are not ZMTP 3 (a raw TCP peer, ZMTP 1.0/2.0, or what follows an error). */
  | "raw"
  /** A decoding problem; the rest of the stream is reported as `raw`. */
  | "error";

export interface ZmtpItem {
  kind: ZmtpItemKind;
  /** Stream offset of the item's first byte. */
  offset: number;
  /** Item length in bytes (for a frame: flags + size + body). */
  length: number;
  /** One line for a log: `READY Socket-Type=REP`, `frame MORE 5 B "hello"`. */
  summary: string;
  fields: ZmtpField[];
  /** Greeting: `3.0` or `3.1`. */
  version?: string;
  /** Greeting: `NULL`, `PLAIN`, `CURVE`. */
  mechanism?: string;
  asServer?: boolean;
  /** Command name (`READY`, `PING`…). */
  command?: string;
  /** READY / WELCOME / INITIATE properties, by name as sent. */
  properties?: Record<string, string>;
  /** Frame flags. */
  more?: boolean;
  long?: boolean;
  /** Body size of a frame or command. */
  size?: number;
  /** Body as text when printable UTF-8 (at most 256 characters). */
  text?: string;
  /** SUBSCRIBE/CANCEL (3.1 commands) or `\x01topic`/`\x00topic` message frames (3.0, XPUB). */
  subscription?: { action: "subscribe" | "cancel"; topic: string; form: "command" | "message" };
  /** Frames only: the part's index within its multipart message (0 = first). */
  part?: number;
}
