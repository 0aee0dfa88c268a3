/**
 * A recording shared by link, when it is small enough: the `.zmqrec` bytes, deflated once more
 * (the stored manifest and the zip's headers still shrink), in the URL's fragment, which browsers
 * never send to a server. Versioned and checksummed like `#graph=`, so a cut or edited link is
 * refused with a reason, and what it holds is then read by the one `.zmqrec` reader.
 *
 *   #rec=1.<crc32 of the .zmqrec bytes, 8 hex>.<base64url of their raw deflate>
 */
import { ERROR_CODES } from "@zmqp/protocol";
import { deflateSync, inflateSync } from "fflate";
import { fromBase64Url, toBase64Url } from "./base64url.js";
import { crc32 } from "./crc32.js";
import type { RecordingData } from "./format.js";
import { decodeRecording } from "./reader.js";

export const REC_LINK_PREFIX = "#rec=";
const REC_LINK_VERSION = 1;
/** A link can only hold a small recording; this caps what a link may make the page inflate. */
const MAX_LINKED_RECORDING_BYTES = 4 * 1024 * 1024;

export type RecLinkRefusal = "incomplete" | "changed" | "newer" | "tooLarge" | "notRecording";

export type RecLinkResult =
  | { ok: true; bytes: Uint8Array; data: RecordingData }
  | {
      ok: false;
      code: typeof ERROR_CODES.BAD_SHARE_LINK;
      reason: RecLinkRefusal;
      /** English, one line, with what to do. */
      message: string;
    };

const ENGLISH: Record<RecLinkRefusal, string> = {
  incomplete:
    "the link is incomplete (cut short when it was copied?): ask for the whole link again",
  changed: "the link was changed after it was made: ask for the link again",
  newer: "the link was made by a newer playground: update the playground to open it",
  tooLarge: `the recording in the link is larger than ${MAX_LINKED_RECORDING_BYTES} bytes`,
  notRecording: "the link does not hold a recording this playground can open",
};

/** The fragment (starting with `#rec=`) for a `.zmqrec` file's bytes. */
export function recLinkFragment(bytes: Uint8Array): string {
  return `${REC_LINK_PREFIX}${REC_LINK_VERSION}.${crc32(bytes)}.${toBase64Url(deflateSync(bytes, { level: 9 }))}`;
}

export function isRecLinkFragment(hash: string): boolean {
  return hash.startsWith(REC_LINK_PREFIX);
}

/** Opens a recording from a location hash. Never throws. */
export function readRecLinkFragment(hash: string): RecLinkResult {
  if (!isRecLinkFragment(hash)) return refuse("incomplete");
  const [version, crc, body, ...rest] = hash.slice(REC_LINK_PREFIX.length).split(".");
  if (!version || !/^\d+$/.test(version)) return refuse("incomplete");
  if (Number(version) > REC_LINK_VERSION) return refuse("newer");
  if (Number(version) < 1 || rest.length > 0) return refuse("changed");
  if (!crc || !/^[0-9a-f]{8}$/.test(crc) || !body) return refuse("incomplete");
  const deflated = fromBase64Url(body);
  if (!deflated) return refuse("changed");
  let bytes: Uint8Array;
  try {
    bytes = inflateSync(deflated, { out: new Uint8Array(MAX_LINKED_RECORDING_BYTES + 1) });
  } catch {
    return refuse("incomplete");
  }
  if (bytes.length > MAX_LINKED_RECORDING_BYTES) return refuse("tooLarge");
  if (crc32(bytes) !== crc) return refuse("changed");
  const read = decodeRecording(bytes);
  if (!read.ok)
    return refuse(read.error.code === ERROR_CODES.RECORDING_VERSION ? "newer" : "notRecording");
  return { ok: true, bytes, data: read.data };
}

function refuse(reason: RecLinkRefusal): RecLinkResult {
  return {
    ok: false,
    code: ERROR_CODES.BAD_SHARE_LINK,
    reason,
    message: `This recording link cannot be opened: ${ENGLISH[reason]}.`,
  };
}
