/**
 * A graph shared by link: the document, deflated, in the URL's fragment (`#graph=…`), which
 * browsers never send to a server. The fragment carries a format version and a CRC-32 of the
 * document, so a link cut short when copied, or changed by hand, is refused with a reason, never
 * opened as something else.
 *
 *   #graph=1.<crc32 of the JSON, 8 hex>.<base64url of the raw-deflated JSON>
 */
import { ERROR_CODES, LIMITS, parseGraph, type GraphDoc } from "@zmqp/protocol";
import { deflateSync, inflateSync, strFromU8, strToU8 } from "fflate";
import { fromBase64Url, toBase64Url } from "./base64url.js";
import { crc32 } from "./crc32.js";

export const SHARE_PREFIX = "#graph=";
export const SHARE_VERSION = 1;
/** Longer links get cut by mail and chat programs; past this, share the file instead. */
export const MAX_SHARE_LINK_CHARS = 64 * 1024;

/** Why a link was refused: a key the page words in each language, with its English here. */
export type ShareRefusal = "incomplete" | "changed" | "newer" | "tooLarge" | "notGraph";

export type ShareResult =
  | { ok: true; doc: GraphDoc }
  | {
      ok: false;
      code: typeof ERROR_CODES.BAD_SHARE_LINK;
      reason: ShareRefusal;
      /** English, one line, with what to do. */
      message: string;
    };

const ENGLISH: Record<ShareRefusal, string> = {
  incomplete:
    "the link is incomplete (cut short when it was copied?): ask for the whole link again",
  changed: "the link was changed after it was made: ask for the link again",
  newer: "the link was made by a newer playground: update the playground to open it",
  tooLarge: `the graph in the link is larger than ${LIMITS.maxDocumentBytes} bytes`,
  notGraph: "the link does not hold a graph this playground can open",
};

/** The fragment (starting with `#graph=`) for a document. */
export function shareFragment(doc: GraphDoc): string {
  const json = strToU8(JSON.stringify(doc));
  return `${SHARE_PREFIX}${SHARE_VERSION}.${crc32(json)}.${toBase64Url(deflateSync(json, { level: 9 }))}`;
}

/** Whether a location hash is a shared graph (then `readShareFragment` says what it holds). */
export function isShareFragment(hash: string): boolean {
  return hash.startsWith(SHARE_PREFIX);
}

/** Opens a shared graph from a location hash. Never throws. */
export function readShareFragment(hash: string): ShareResult {
  if (!isShareFragment(hash)) return refuse("incomplete");
  const [version, crc, body, ...rest] = hash.slice(SHARE_PREFIX.length).split(".");
  if (!version || !/^\d+$/.test(version)) return refuse("incomplete");
  if (Number(version) > SHARE_VERSION) return refuse("newer");
  if (Number(version) < 1 || rest.length > 0) return refuse("changed");
  if (!crc || !/^[0-9a-f]{8}$/.test(crc) || !body) return refuse("incomplete");
  const deflated = fromBase64Url(body);
  if (!deflated) return refuse("changed");
  let json: Uint8Array;
  try {
    // The output is capped: a link cannot make the page inflate gigabytes.
    json = inflateSync(deflated, { out: new Uint8Array(LIMITS.maxDocumentBytes + 1) });
  } catch {
    return refuse("incomplete");
  }
  if (json.length > LIMITS.maxDocumentBytes) return refuse("tooLarge");
  if (crc32(json) !== crc) return refuse("changed");
  let raw: unknown;
  try {
    raw = JSON.parse(strFromU8(json));
  } catch {
    return refuse("notGraph");
  }
  const parsed = parseGraph(raw);
  // Rule errors are kept (work in progress shares too); only a document the schema refuses is not.
  return parsed.doc ? { ok: true, doc: parsed.doc } : refuse("notGraph");
}

function refuse(reason: ShareRefusal): ShareResult {
  return {
    ok: false,
    code: ERROR_CODES.BAD_SHARE_LINK,
    reason,
    message: `This share link cannot be opened: ${ENGLISH[reason]}.`,
  };
}
