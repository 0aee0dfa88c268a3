/**
 * The engine's parts, made once per runtime and handed to every node runner. Each part has one
 * job; this file only wires them:
 * - state (state.ts): clock, ids, listeners, the running topology, the controls; emits the
 *   `runtime` and `control` events.
 * - path (message-path.ts), inbound (receive-path.ts): the one send path and the one receive path
 *   (counting, correlation, reports).
 * - registry (sockets/registry.ts): every zeromq socket, its send queue and receive loop.
 * - counters, correlator: exact counts, and which send each receive came from.
 * - peerErrors: what a peer did wrong, in a learner's words.
 */
import type { Clock } from "./api.js";
import { Correlator } from "./correlate.js";
import { CounterStore } from "./counters.js";
import { MessagePath } from "./message-path.js";
import type { MonitorEvent } from "./monitor.js";
import { PeerErrors } from "./peer-errors.js";
import { ReceivePath } from "./receive-path.js";
import { QueueTracker } from "./queues/tracker.js";
import { SocketRegistry } from "./sockets/registry.js";
import { RuntimeState } from "./state.js";
import { resolveAddress } from "./topology.js";

export interface CoreOptions {
  sendTimeoutMs: number;
  ipcDir: string;
  allowExternal: boolean;
}

export class Core {
  readonly state: RuntimeState;
  readonly registry = new SocketRegistry();
  readonly counters = new CounterStore();
  readonly correlator = new Correlator();
  readonly peerErrors: PeerErrors;
  readonly path: MessagePath;
  readonly inbound: ReceivePath;
  /** In flight per link, pipe states, list queue (queues/). */
  readonly queues: QueueTracker;
  /** Shows a connection from outside on a node's socket; the runtime routes it (outside-peers.ts). */
  outside: (node: string, socket: string, ev: MonitorEvent) => void = () => {};

  constructor(
    clock: Clock,
    readonly options: CoreOptions,
  ) {
    this.state = new RuntimeState(clock, options.ipcDir);
    this.peerErrors = new PeerErrors(this.state, this.counters, this.correlator);
    this.path = new MessagePath(
      this.state,
      this.registry,
      this.counters,
      this.correlator,
      this.peerErrors,
      options.sendTimeoutMs,
    );
    this.inbound = new ReceivePath(this.path);
    this.queues = new QueueTracker(this);
    this.path.queues = this.queues;
  }

  /** ipc:// names live in the sandbox folder; tcp and inproc are used as written. */
  resolveAddress(raw: string): string {
    return resolveAddress(this.options.ipcDir, raw);
  }
}
