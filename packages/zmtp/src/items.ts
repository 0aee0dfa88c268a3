/** Small item builders shared by the decoder: raw bytes, and a frame header's two fields. */
import { hex, printable } from "./bytes.js";
import type { ZmtpField, ZmtpItem } from "./types.js";

/** Bytes of a message body kept for hex/text display; the rest is counted, not stored. */
export const PREVIEW_BYTES = 256;

const flagNames = (f: number): string => {
  const names = [f & 1 && "MORE", f & 2 && "LONG", f & 4 && "COMMAND"].filter(Boolean);
  const h = `0x${f.toString(16).padStart(2, "0")}`;
  return names.length > 0 ? `${h} ${names.join("|")}` : `${h} (last frame)`;
};

/** Bytes that are not ZMTP 3, at stream offset `offset`. */
export function rawItem(bytes: Uint8Array, offset: number): ZmtpItem {
  const text = printable(bytes.subarray(0, PREVIEW_BYTES));
  return {
    kind: "raw",
    offset,
    length: bytes.length,
    summary: `${bytes.length} B not decoded as ZMTP 3` + (text ? ` ${JSON.stringify(text)}` : ""),
    fields: [{ name: "bytes", value: text ?? "", offset, length: bytes.length, hex: hex(bytes) }],
    ...(text !== undefined ? { text } : {}),
  };
}

/** The flags and size fields of a frame whose header (`header`, 2 or 9 bytes) starts at `start`. */
export function headerFields(
  flags: number,
  size: number,
  start: number,
  header: Uint8Array,
): ZmtpField[] {
  return [
    {
      name: "flags",
      value: flagNames(flags),
      offset: start,
      length: 1,
      hex: hex(header.subarray(0, 1)),
    },
    {
      name: "size",
      value: `${size} B`,
      offset: start + 1,
      length: header.length - 1,
      hex: hex(header.subarray(1)),
    },
  ];
}
