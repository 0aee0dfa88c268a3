/**
 * `GET /api/queue?link=ID&from=node/socket`: the oldest messages in flight on one direction of a
 * link (at most 100), polled while "list queue" is open.
 */
import { QUEUE_LIST_MAX, type QueueListing as QueueListingView } from "@zmqp/protocol";
import { get } from "../gateway/api.js";
import { framesLine } from "./framesLine.js";

interface QueuedMessage {
  /** The send this message came from (the log's `message` event id). */
  sendId: number;
  ageMs: number;
  /** Its frames as one line: text frames as text, others as hex. */
  body: string;
}

export interface QueueListing {
  inFlight: number;
  messages: QueuedMessage[];
}

/** Most messages the list shows (the gateway sends no more). */
export const LIST_LIMIT = QUEUE_LIST_MAX;
/** How often the open list asks again, ms. */
export const LIST_POLL_MS = 500;

export async function fetchQueue(link: string, from: string): Promise<QueueListing> {
  const q = new URLSearchParams({ link, from });
  const raw = await get<QueueListingView>(`/api/queue?${q.toString()}`);
  return {
    inFlight: raw.inFlight,
    messages: raw.messages.slice(0, LIST_LIMIT).map((m) => ({
      sendId: m.sendId,
      ageMs: m.ageMs,
      body: framesLine(m.frames),
    })),
  };
}
