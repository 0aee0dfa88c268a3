/**
 * The behaviour interface: what a node does with its sockets. One file per behaviour key
 * (`behaviours/<key>.ts`), registered in `behaviours/index.ts`; its definition (params schema and
 * defaults, roles, capabilities) lives in `@zmqp/protocol` (BEHAVIOURS), and the engine hands the
 * behaviour its params already parsed.
 *
 * The engine opens, binds and connects the node's zeromq sockets, runs one receive loop per
 * readable socket, counts, correlates and reports every message. A behaviour only decides what to
 * send and when. A behaviour that does not use zeromq (raw TCP) sets `ownsSockets` and reports its
 * traffic itself through `ctx.report`.
 */
import type {
  Activity,
  ErrorCode,
  GraphNode,
  GraphSocket,
  MessageKind,
  SocketStatus,
} from "@zmqp/protocol";
import type { Said } from "../say.js";
import type { ZmqType, ZSocket } from "../sockets/registry.js";

export interface Received {
  socket: string;
  frames: Buffer[];
  /** The message event id of this receive. */
  id: number;
  /** The playground socket that sent it; absent for an outside peer. */
  from?: { node: string; socket: string };
}

export interface BehaviourContext<P = Record<string, unknown>> {
  node: GraphNode;
  params: P;
  now(): number;
  /**
   * Sends on one of the node's sockets: through step mode, the serial send queue, counters and
   * `message` events. Resolves true once zeromq took it, false when it failed (already reported
   * as an error or a drop) or the node stopped.
   */
  send(
    socket: string,
    frames: (Buffer | string)[],
    kind: MessageKind,
    /** Count it as dropped for this reason once sent (e.g. `no-subscriber`). */
    dropReason?: string,
  ): Promise<boolean>;
  /**
   * Sends a subscription (`subscribe` true) or its end upstream on an XSUB: control traffic, not a
   * message (uncounted, not held by step mode). The engine follows the socket's subscriptions, so a
   * publish it did not ask for is not taken for one lost. Resolves false when it could not be sent.
   */
  subscribe(socket: string, prefix: Buffer, subscribe: boolean): Promise<boolean>;
  /** Every `ms` (scaled by the speed factor, stopped while paused), until the node stops. */
  every(ms: number, fn: () => void): () => void;
  /** Once after `ms` (not scaled), unless the node stops first. */
  after(ms: number, fn: () => void): () => void;
  /** Resolves after `ms`, or early when the node stops (check `running()` afterwards). */
  sleep(ms: number): Promise<void>;
  running(): boolean;
  /**
   * How long the person's own faults may hold a message now, ms: Infinity while step mode holds a
   * send (nothing moves until Next), else the largest latency set on a link. A wait that long is
   * their doing, not a lost message (a REQ must not call itself stuck for it).
   */
  heldFor(): number;
  /** A phrase is translated on the page; a string is shown verbatim (data, zeromq's words). */
  setActivity(activity: Activity | undefined, detail?: Said): void;
  /** Shown on the node as its one-line detail, activity unchanged. */
  setDetail(detail: Said | undefined): void;
  error(code: ErrorCode, message: Said, socket?: string): void;
  drop(socket: string, reason: string, count?: number): void;
  log(text: Said, level?: "info" | "warn"): void;
  /** Closes a socket and opens a fresh one with the same links (Lazy Pirate). */
  reopen(socket: string): Promise<void>;
  /** Addresses this socket dials (its links' bind endpoints, ipc mapped into the sandbox). */
  connectAddresses(socket: string): string[];
  /** The same, with the id of the link each address belongs to (raw TCP reports its link). */
  connectLinks(socket: string): { link: string; address: string }[];
  /** Addresses this socket binds (ipc mapped into the sandbox). */
  bindAddresses(socket: string): string[];
  /** For behaviours that own their sockets (raw TCP): report what happened. */
  report: {
    message(
      socket: string,
      direction: "in" | "out",
      frames: Buffer[],
      kind: MessageKind,
      link?: string | null,
    ): void;
    monitor(socket: string, event: string, address?: string, detail?: string): void;
    socketStatus(socket: string, patch: Partial<SocketStatus>): void;
  };
}

export interface Behaviour {
  /** Sockets are open, bound and connected: start timers. */
  start(): void | Promise<void>;
  /** A message arrived on one of the node's sockets. Awaited: the socket reads its next one after. */
  onMessage?(msg: Received): void | Promise<unknown>;
  /** The `send` action ("Send now"), with an optional payload override. */
  sendNow?(payload?: string): void | Promise<void>;
  /** The node stops (timers are already cleared, sockets are about to close). */
  stop?(): void | Promise<void>;
}

export interface BehaviourSpec<P = Record<string, unknown>> {
  create(ctx: BehaviourContext<P>): Behaviour;
  /** The zeromq class to open for a socket of the document (default: its own type). */
  zmqType?(socket: GraphSocket): ZmqType;
  /** Sets a freshly opened socket up before it binds or connects (subscriptions, XPUB verbosity). */
  configure?(sock: ZSocket, socket: GraphSocket, params: P): void;
  /** Receives on this socket are control traffic (XPUB subscriptions): not counted as messages. */
  control?(socket: GraphSocket): boolean;
  /** The behaviour runs its own (non-zeromq) sockets: the engine opens none for this node. */
  ownsSockets?: boolean;
}
