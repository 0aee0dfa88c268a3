/**
 * `GET /api/queue?link=ID&from=node/socket`: the oldest messages in flight on one direction of a
 * link (at most 100), polled while "list queue" is open.
 */
import type { FrameView } from "@zmqp/protocol";
import { get } from "../gateway/api.js";

export interface QueuedMessage {
  /** The send this message came from (the log's `message` event id). */
  sendId: number;
  ageMs: number;
  /** The body as the engine previews it: text when printable, else frames' hex. */
  body: string;
}

export interface QueueListing {
  inFlight: number;
  messages: QueuedMessage[];
}

/** Most messages the list shows (the gateway sends no more). */
export const LIST_LIMIT = 100;
/** How often the open list asks again, ms. */
export const LIST_POLL_MS = 500;

type RawMessage = {
  sendId?: number;
  id?: number;
  ageMs?: number;
  age?: number;
  body?: string;
  preview?: string;
  frames?: FrameView[];
};

/** A frame list as one line: text frames as text, others as hex, joined with " | ". */
export function framesText(frames: readonly FrameView[]): string {
  return frames.map((f) => f.text ?? (f.hex ? `0x${f.hex}` : "")).join(" | ");
}

function bodyOf(m: RawMessage): string {
  if (typeof m.body === "string") return m.body;
  if (typeof m.preview === "string") return m.preview;
  return m.frames ? framesText(m.frames) : "";
}

export async function fetchQueue(link: string, from: string): Promise<QueueListing> {
  const q = new URLSearchParams({ link, from });
  const raw = await get<{ inFlight?: number; messages?: RawMessage[] } | RawMessage[]>(
    `/api/queue?${q.toString()}`,
  );
  const list = Array.isArray(raw) ? raw : (raw.messages ?? []);
  const messages = list.slice(0, LIST_LIMIT).map((m) => ({
    sendId: m.sendId ?? m.id ?? 0,
    ageMs: m.ageMs ?? m.age ?? 0,
    body: bodyOf(m),
  }));
  const inFlight = Array.isArray(raw) ? messages.length : (raw.inFlight ?? messages.length);
  return { inFlight, messages };
}
