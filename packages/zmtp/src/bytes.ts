/** Byte helpers shared by the decoder and the pcap writer. No Node APIs: Uint8Array only. */

// The package has no DOM or Node typings (it is pure), yet both runtimes have these two globals.
declare const TextDecoder: new (
  label: string,
  options: { fatal: boolean },
) => { decode(bytes: Uint8Array): string };
declare const TextEncoder: new () => { encode(text: string): Uint8Array };

const MAX_HEX_BYTES = 64;
const MAX_TEXT_CHARS = 256;

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** Spaced lowercase hex of at most `max` bytes, with `…` when cut. */
export function hex(bytes: Uint8Array, max = MAX_HEX_BYTES): string {
  const n = Math.min(bytes.length, max);
  const parts: string[] = new Array(n);
  for (let i = 0; i < n; i++) parts[i] = HEX[bytes[i]!]!;
  return parts.join(" ") + (bytes.length > max ? " …" : "");
}

/** Parses `"ff 00 7f"`, `"ff007f"` or `"0xff,0x00"`; null when it is not whole bytes of hex. */
export function parseHex(text: string): Uint8Array | null {
  const clean = text.replace(/0x/gi, "").replace(/[\s,:]/g, "");
  if (clean.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(clean)) return null;
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

const decoder = new TextDecoder("utf-8", { fatal: true });

/** The bytes as text when they are valid UTF-8 without control characters (tab, CR, LF allowed). */
export function printable(bytes: Uint8Array, max = MAX_TEXT_CHARS): string | undefined {
  let s: string;
  try {
    s = decoder.decode(bytes);
  } catch {
    return undefined;
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s)) return undefined;
  return s.length > max ? s.slice(0, max) + "…" : s;
}

/** Latin-1 reading, for names and property values that may not be UTF-8. */
export function ascii(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${HEX[b]}`;
  return s;
}

export function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** Big-endian unsigned read of `n` bytes (n <= 8) as a number; exact up to 2^53. */
export function readUint(bytes: Uint8Array, at: number, n: number): number {
  let v = 0;
  for (let i = 0; i < n; i++) v = v * 256 + bytes[at + i]!;
  return v;
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
