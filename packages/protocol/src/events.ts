/**
 * What the engine reports. One union tagged by `type`. Times are epoch milliseconds.
 * Counters are exact and never depend on what a browser can draw; `message` events may be sampled.
 */
import type { ErrorCode } from "./errors.js";
import type { SocketType } from "./socket-types.js";
import type { GraphDoc, TimelineStep } from "./graph.js";
import type { ObservedGraph } from "./observed.js";
import type { LinkQueue, PipeStatus } from "./queues.js";
import type { Phrase } from "./text.js";

export type NodeState = "stopped" | "starting" | "running" | "paused" | "killed" | "error";

/** What a node is doing right now; a REQ client shows idle, waiting, stuck or retrying. */
export type Activity = "idle" | "waiting" | "stuck" | "retrying" | "gave-up";

export interface SocketStatus {
  type: SocketType;
  /** Endpoints bound successfully. */
  bound: string[];
  /** Addresses dialled (connect called), whether or not a peer answers. */
  connecting: string[];
  /** Peers with a finished handshake (or accepted connections, on the binding side). */
  peers: number;
  /** The last monitor event (`bind`, `connect:retry`, `disconnect`…). */
  lastEvent?: string;
  error?: { code: ErrorCode; message: string };
}

export interface NodeStatus {
  state: NodeState;
  activity?: Activity;
  /** One line shown on the node ("waiting for a reply for 3.2 s", "Address already in use"), in English. */
  detail?: string;
  /** `detail` for people, to format in their language; absent when `detail` is verbatim (data, zeromq's words). */
  detailPhrase?: Phrase;
  sockets: Record<string, SocketStatus>;
}

export interface Counters {
  sent: number;
  received: number;
  dropped: number;
  errors: number;
}

export interface NodeCounters extends Counters {
  /** Drops by reason (`no-subscriber`, `hwm`, `timeout`, `killed`…). */
  dropReasons: Record<string, number>;
  /** Per peer node id (or `external`): what this node sent to it and received from it. */
  peers: Record<string, { sent: number; received: number }>;
  sockets: Record<string, Counters>;
}

export interface LinkCounters {
  /** Messages that crossed the link from the connecting socket to the binding one. */
  forward: number;
  /** Messages that crossed the link the other way (replies, results). */
  backward: number;
}

export type FrameRole = "routing-id" | "delimiter" | "topic" | "body";

/** One frame of a message, trimmed for display. */
export interface FrameView {
  size: number;
  /** First bytes as hex (at most 64 bytes). */
  hex: string;
  /** The frame as text when it is printable UTF-8 (at most 256 chars), else absent. */
  text?: string;
  role?: FrameRole;
}

/** One field of a decoded ZMTP item with the bytes it came from (mirrors @zmqp/zmtp's ZmtpField). */
export interface ZmtpFieldView {
  /** RFC 23/37 name: `signature-start`, `major`, `flags`, `size`, `Socket-Type`… */
  name: string;
  /** Human reading: `3`, `0x01 MORE`, `REP`. */
  value: string;
  /** Byte offset in this direction's stream of this TCP connection. */
  offset: number;
  length: number;
  /** The raw bytes, spaced lowercase hex, at most 64 bytes then `…`. */
  hex: string;
}

/**
 * One decoded ZMTP unit on a watched link. It repeats @zmqp/zmtp's ZmtpItem on purpose: protocol
 * imports only zod, and this is the wire contract the page relies on. The engine hands ZmtpItems
 * over where this type is expected, so the compiler catches any drift between the two.
 */
export interface ZmtpItemView {
  kind: "signature" | "greeting" | "command" | "frame" | "raw" | "error";
  offset: number;
  length: number;
  /** One line: `READY Socket-Type=REP`, `frame 1 5 B "hello"`. */
  summary: string;
  fields: ZmtpFieldView[];
  version?: string;
  mechanism?: string;
  asServer?: boolean;
  command?: string;
  properties?: Record<string, string>;
  more?: boolean;
  long?: boolean;
  size?: number;
  text?: string;
  subscription?: { action: "subscribe" | "cancel"; topic: string; form: "command" | "message" };
  part?: number;
}

export type MessageKind = "request" | "reply" | "publish" | "task" | "result" | "data";

/** A send step mode is holding: who sends it, on which links it may go, and what it says. */
export interface HeldSendView {
  /** Release order: Next releases the lowest. */
  id: number;
  node: string;
  socket: string;
  kind: MessageKind;
  /** The socket's links that are not cut (one when the way is known before zeromq picks). */
  links: string[];
  frames: FrameView[];
}

/**
 * The runtime's controls, whole (latest wins): step mode and its held sends, speed, cuts, latency,
 * watched links. Sent whenever one of them changes, so every tab (and a recording) shows the
 * same state and no page patches its own.
 */
export interface RuntimeControls {
  stepMode: boolean;
  speed: number;
  cutLinks: string[];
  /** Link id → added latency, ms (links without latency are absent). */
  latency: Record<string, number>;
  watchedLinks: string[];
  /** The oldest held sends (at most LIMITS-sized list); `heldTotal` counts them all. */
  held: HeldSendView[];
  heldTotal: number;
}

export type RuntimeEvent =
  | {
      type: "runtime";
      t: number;
      state: "running" | "stopped";
      deployId: number;
      /** Running: the document the gateway runs now (every tab compares its own with it). */
      doc?: GraphDoc;
      /** Running: true when this deploy started from nothing (counters, log and particles from zero). */
      fresh?: boolean;
    }
  | { type: "status"; t: number; node: string; status: NodeStatus }
  | {
      type: "monitor";
      t: number;
      node: string;
      socket: string;
      event: string;
      address?: string;
      detail?: string;
      detailPhrase?: Phrase;
    }
  | {
      type: "message";
      t: number;
      /** Unique per runtime; a receive names the send it came from in `sendId`. */
      id: number;
      node: string;
      socket: string;
      direction: "out" | "in";
      kind: MessageKind;
      /** The link the message crossed, when correlation found it. */
      link: string | null;
      /** On a link, whether it went connect→bind (`forward`) or back. */
      linkDirection?: "forward" | "backward";
      /** For `in`: the playground socket that sent it. Absent when `external`. */
      from?: { node: string; socket: string };
      /** For `in`: no playground sender matched, so it came from outside. */
      external?: boolean;
      sendId?: number;
      frames: FrameView[];
      /** Observed on a CURVE link: the frame is encrypted, only its size is known. */
      encrypted?: boolean;
    }
  | { type: "drop"; t: number; node: string; socket: string; reason: string; count: number }
  | {
      type: "error";
      t: number;
      node: string;
      socket?: string;
      link?: string;
      code: ErrorCode;
      /** English: ours (then `phrase` says it for people) or zeromq's own words. */
      message: string;
      phrase?: Phrase;
    }
  | {
      type: "counters";
      t: number;
      nodes: Record<string, NodeCounters>;
      links: Record<string, LinkCounters>;
    }
  | { type: "timeline"; t: number; index: number; step: TimelineStep }
  /**
   * Bytes that crossed a watched tcp link (the wire inspector), decoded as ZMTP. `c2s` runs from
   * the connecting socket to the binding one. `conn` numbers the link's TCP connections (1, 2…).
   * `skipped`: items left out since the previous event because the link was too busy to show all.
   */
  | {
      type: "wire";
      t: number;
      link: string;
      conn: number;
      direction: "c2s" | "s2c";
      /** Bytes in this chunk (what one TCP read returned). */
      bytes: number;
      items: ZmtpItemView[];
      skipped?: number;
    }
  | {
      type: "log";
      t: number;
      level: "info" | "warn";
      node?: string;
      /** English. */
      text: string;
      /** The engine's note for people (`text` is its English). */
      phrase?: Phrase;
      /** A timeline note in the languages the document gives it. */
      texts?: { en?: string; "zh-TW"?: string };
    }
  | ({ type: "control"; t: number } & RuntimeControls)
  /**
   * `zmqp attach`: the system seen on the wire so far, whole (latest wins). Sent when a node,
   * socket or link appears, changes or goes; the other events of an attach session name its ids.
   */
  | { type: "observed"; t: number; graph: ObservedGraph }
  /**
   * Messages in flight on every link and direction that carries any, whole (latest wins; a link
   * absent has none). Sent when a count changes, at most every QUEUES_EVENT_MS, and at once when a
   * queue empties or crosses a quarter of its capacity (the gauge's colours).
   */
  | { type: "queues"; t: number; links: LinkQueue[] }
  /**
   * A socket's pipe became full (a PUSH or DEALER blocks, a PUB drops at the high-water mark, a
   * ROUTER drops messages for a routing id it does not know) or drained again (`ok`), the moment
   * the engine sees it.
   */
  | ({ type: "pipe"; t: number } & PipeStatus);

export type RuntimeEventType = RuntimeEvent["type"];
export type EventOf<T extends RuntimeEventType> = Extract<RuntimeEvent, { type: T }>;

export function emptyCounters(): Counters {
  return { sent: 0, received: 0, dropped: 0, errors: 0 };
}

export function emptyNodeCounters(): NodeCounters {
  return { ...emptyCounters(), dropReasons: {}, peers: {}, sockets: {} };
}
