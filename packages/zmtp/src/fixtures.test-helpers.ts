/** Byte fixtures for the decoder tests, written from RFC 23/37 and the bytes measured in zeromq-notes §4. */
import { utf8 } from "./bytes.js";

export function bytes(...parts: (number | string | number[] | Uint8Array)[]): Uint8Array {
  const out: number[] = [];
  for (const p of parts) {
    if (typeof p === "number") out.push(p);
    else if (typeof p === "string") out.push(...utf8(p));
    else out.push(...p);
  }
  return Uint8Array.from(out);
}

const zeros = (n: number) => new Array<number>(n).fill(0);

/** The 10-byte signature; `idPad` is what libzmq puts in the last padding byte (identity length + 1). */
export const signature = (idPad = 1) => bytes(0xff, zeros(7), idPad, 0x7f);

/** The other 54 greeting bytes. */
export function greetingRest(minor: number, mechanism = "NULL", asServer = 0): Uint8Array {
  return bytes(3, minor, mechanism, zeros(20 - mechanism.length), asServer, zeros(31));
}

export const greeting = (minor: number, idPad = 1) => bytes(signature(idPad), greetingRest(minor));

/** Measured: REP's READY `04 19 05 "READY" 0b "Socket-Type" 00000003 "REP"`. */
export const readyRep = bytes(0x04, 0x19, 5, "READY", 0x0b, "Socket-Type", 0, 0, 0, 3, "REP");

/** Measured: REQ with routingId "me". */
export const readyReqMe = bytes(
  0x04,
  0x28,
  5,
  "READY",
  0x0b,
  "Socket-Type",
  0,
  0,
  0,
  3,
  "REQ",
  8,
  "Identity",
  0,
  0,
  0,
  2,
  "me",
);

export const readySub = bytes(0x04, 0x19, 5, "READY", 0x0b, "Socket-Type", 0, 0, 0, 3, "SUB");

/** A short message frame. */
export const frame = (body: string | Uint8Array, more = false) => {
  const b = typeof body === "string" ? utf8(body) : body;
  return bytes(more ? 1 : 0, b.length, b);
};

/** A long message frame: flags 02/03 and an 8-byte big-endian size. */
export function longFrame(size: number, more = false): Uint8Array {
  const body = new Uint8Array(size).map((_, i) => 0x41 + (i % 26));
  const len = [
    0,
    0,
    0,
    0,
    (size >>> 24) & 255,
    (size >>> 16) & 255,
    (size >>> 8) & 255,
    size & 255,
  ];
  return bytes(more ? 3 : 2, len, body);
}
