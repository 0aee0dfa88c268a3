/**
 * What waits on each link: the messages in flight (sent, not yet received nor dropped), exactly,
 * against the link's capacity (the two ends' high-water marks), and whether a socket's pipe is
 * full. The playground owns both ends of every link, so it can count what libzmq cannot report.
 */
import type { FrameView, MessageKind } from "./events.js";
import type { Phrase } from "./text.js";

export type LinkTransport = "tcp" | "ipc" | "inproc";

/** One socket of the graph: node id and socket id. */
export interface QueueEnd {
  node: string;
  socket: string;
}

/** One direction of one link: what `from` sent to `to` that is still on its way. */
export interface LinkQueue {
  link: string;
  /** `forward`: from the link's connecting socket to its binding one; `backward`: the replies. */
  direction: "forward" | "backward";
  /** The sending socket. */
  from: QueueEnd;
  /** The receiving socket. */
  to: QueueEnd;
  /** Sent − received − dropped (− lost) on this link and direction, exact. */
  inFlight: number;
  /** How long the oldest message in flight has waited, ms; null when none waits. */
  oldestAgeMs: number | null;
  capacity: {
    /** The sender's send high-water mark (messages). */
    sendHwm: number;
    /** The receiver's receive high-water mark (messages). */
    recvHwm: number;
    /**
     * The one message the receiving socket has read from zeromq and not handed to its node yet,
     * outside both pipes: read just as the node was paused (held until it resumes), or delayed by
     * the link's latency. Absent when it holds none.
     */
    held?: 1;
    /** sendHwm + recvHwm (+ held): what can be in flight before the sender blocks or drops. */
    total: number;
    /**
     * tcp only: the kernel's socket buffers sit between the two pipes and hold more than `total`
     * (how much was measured on this machine: docs/queues.md).
     */
    note?: Phrase;
  };
  transport: LinkTransport;
  /**
   * Sent, not received, and certainly never to be, though not counted as dropped yet:
   * - a PUB's sends past what the pipes hold over inproc (exactly both high-water marks), or
   *   owed to a subscriber idle in zeromq (nothing is on its way to it): dropped at the high-water
   *   mark, and which ones shows only at the subscriber's next receive (then they count as `hwm`);
   * - a ROUTER's sends to a peer that went away before it read them.
   * `inFlight + lost = sent − received − dropped`.
   */
  lost?: number;
  /**
   * False when the sender has other links too and some of its messages in flight could be on
   * either (a PUSH deals by turn, and which peer gets a message shows only when it arrives): they
   * are then split by turn among the links they may be on. A fan-out (PUB) counts per receiver,
   * exactly. One pipe delivers in order, so a message older than one its peer already got is
   * on another link: in 09 the slow worker's backlog is exact.
   */
  exact: boolean;
}

export type PipeState = "ok" | "blocked" | "dropping";

/** Whether a socket's pipe to its peers is full, and what that does (the `pipe` event, whole). */
export interface PipeStatus {
  node: string;
  socket: string;
  state: PipeState;
  /** Why, for people ("blocked: high-water mark 1000 reached on worker-2"). */
  reason: Phrase;
  /** The peer node whose pipe is full or that messages were dropped for, when one is known. */
  peer?: string;
  /** The link to that peer, when one is known. */
  link?: string;
}

/** One message waiting on a link (list queue), oldest first. */
export interface QueuedMessageView {
  /** The id of the `message` event of its send. */
  sendId: number;
  /** When it was sent (epoch ms) and how long it has waited since. */
  t: number;
  ageMs: number;
  kind: MessageKind;
  /** The topic (fan-out) and the body, trimmed for display like a `message` event's frames. */
  frames: FrameView[];
}

/** GET /api/queue: the oldest messages in flight on one link, in one direction. */
export interface QueueListing {
  t: number;
  link: string;
  from: QueueEnd;
  to: QueueEnd;
  /** All in flight (may be more than `messages` holds). */
  inFlight: number;
  /** At most QUEUE_LIST_MAX, oldest first. */
  messages: QueuedMessageView[];
}

/** The most messages one list-queue answer holds. */
export const QUEUE_LIST_MAX = 100;

/** The fastest `queues` events come, ms (a change waits at most this long to be told). */
export const QUEUES_EVENT_MS = 200;
