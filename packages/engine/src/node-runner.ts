/**
 * One node's life: open, bind and connect its sockets, run its behaviour and receive loops, and
 * start, stop, kill, pause, resume or reopen them on request. Status is retained here and emitted
 * on every change.
 */
import {
  codeForZmqError,
  phrase,
  parseParams,
  behaviourOf,
  capabilitiesOf,
  type GraphNode,
  type GraphSocket,
  type NodeState,
  type NodeStatus,
} from "@zmqp/protocol";
import { BEHAVIOUR_SPECS } from "./behaviours/index.js";
import { subscriptionsAtOpen } from "./behaviours/subscriptions.js";
import type { Behaviour, BehaviourSpec } from "./behaviours/types.js";
import type { Core } from "./core.js";
import { cloneStatus, type MonitorEvent } from "./monitor.js";
import { makeContext } from "./node-context.js";
import { receiveOn, watchEntry } from "./node-receive.js";
import { setDetail, spoken, type Said } from "./say.js";
import { connectLink, disconnectLink, wantsRoutingId } from "./node-links.js";
import type { SocketEntry, ZmqType } from "./sockets/registry.js";
import { bindReleased, closeEntry } from "./sockets/teardown.js";
import { NodeTimers } from "./timers.js";

export class NodeRunner {
  readonly status: NodeStatus;
  readonly entries = new Map<string, SocketEntry>();
  readonly timers: NodeTimers;
  behaviour: Behaviour | null = null;
  private spec: BehaviourSpec;
  private params: Record<string, unknown> = {};
  private generation = new Map<string, number>();
  /** Monitor callbacks of sockets being closed (sockets/teardown.ts). */
  readonly closeWaiters = new Map<SocketEntry, (ev: MonitorEvent) => void>();
  /** Bumped on every start and stop, so late async work of an old run does nothing. */
  private run = 0;

  constructor(
    readonly core: Core,
    public node: GraphNode,
  ) {
    this.status = { state: "stopped", sockets: {} };
    for (const s of node.sockets) this.status.sockets[s.id] = freshSocketStatus(s);
    this.timers = new NodeTimers(core.clock, () => core.speed);
    this.spec = BEHAVIOUR_SPECS[behaviourOf(node.role)] as BehaviourSpec;
  }

  get id() {
    return this.node.id;
  }

  get active(): boolean {
    return ["starting", "running", "paused"].includes(this.status.state);
  }

  /** False from the first moment of a stop: woken sleepers must not send any more. */
  alive = false;

  emitStatus() {
    this.core.emit({
      type: "status",
      t: this.core.now(),
      node: this.id,
      status: cloneStatus(this.status),
    });
  }

  setState(state: NodeState, detail?: Said) {
    this.status.state = state;
    setDetail(this.status, detail);
    if (state !== "running" && state !== "paused") delete this.status.activity;
    this.emitStatus();
  }

  async start(): Promise<void> {
    if (this.active) return;
    const run = ++this.run;
    this.alive = true;
    const params = parseParams(behaviourOf(this.node.role), this.node.params);
    if (!params.success) {
      this.setState("error", phrase("detail.invalidParams"));
      return;
    }
    this.params = params.data as Record<string, unknown>;
    this.setState("starting");
    if (!this.spec.ownsSockets) {
      for (const s of this.node.sockets) {
        const ok = await this.openSocket(s).catch((err: NodeJS.ErrnoException) => {
          // zeromq refused the socket itself (validation should have caught it): said, not thrown.
          this.core.socketError(this.id, s.id, err);
          const status = (this.status.sockets[s.id] ??= freshSocketStatus(s));
          status.error = { code: codeForZmqError(err.code), message: err.message };
          return false;
        });
        if (run !== this.run) return;
        if (!ok) {
          const error = this.status.sockets[s.id]?.error;
          await this.closeSockets(false);
          this.setState(
            "error",
            error
              ? phrase("detail.socketError", {
                  error: phrase(`errors.${error.code}`),
                  message: error.message,
                })
              : phrase("detail.socketFailed"),
          );
          return;
        }
      }
    }
    this.behaviour = this.spec.create(makeContext(this, this.params));
    this.setState("running");
    for (const entry of this.entries.values()) this.startReceiving(entry);
    try {
      await this.behaviour.start();
    } catch (err) {
      this.core.socketError(this.id, undefined, err as Error);
    }
  }

  isCurrent(entry: SocketEntry): boolean {
    return this.entries.get(entry.socket) === entry && !entry.closed;
  }

  /** Opens, binds and connects one socket; false when a bind failed (already reported). */
  async openSocket(s: GraphSocket): Promise<boolean> {
    const spec = this.spec;
    const zmqType = spec.zmqType?.(s) ?? (s.type as ZmqType);
    const gen = (this.generation.get(s.id) ?? 0) + 1;
    this.generation.set(s.id, gen);
    const entry = this.core.registry.open({
      node: this.id,
      socket: s.id,
      type: s.type,
      zmqType,
      ...(s.options ? { options: s.options } : {}),
      ...(wantsRoutingId(this.core, this.id, s)
        ? { routingId: gen > 1 ? `${this.id}.${s.id}.${gen}` : `${this.id}.${s.id}` }
        : {}),
      sendTimeoutMs: this.core.options.sendTimeoutMs,
    });
    this.entries.set(s.id, entry);
    try {
      spec.configure?.(entry.sock, s, this.params);
    } catch (err) {
      this.core.socketError(this.id, s.id, err as Error);
    }
    this.core.correlator.openSocket(entry.key, zmqType === "PUB" || zmqType === "XPUB");
    if (entry.routingId) this.core.correlator.setRoutingId(entry.routingId, entry.key);
    const filters = subscriptionsAtOpen(capabilitiesOf(this.node.role), zmqType, this.params);
    if (filters) this.core.correlator.setFilters(entry.key, filters);
    const status = freshSocketStatus(s);
    this.status.sockets[s.id] = status;
    watchEntry(this, entry, s, status);
    for (const raw of s.bind) {
      try {
        await bindReleased(entry.sock, this.core.resolveAddress(raw), raw);
        status.bound.push(raw);
      } catch (err) {
        const e = err as NodeJS.ErrnoException;
        this.core.socketError(this.id, s.id, e);
        status.error = { code: codeForZmqError(e.code), message: `${raw}: ${e.message}` };
        status.lastEvent = "bind:error";
        return false;
      }
    }
    for (const link of this.core.doc?.links ?? []) {
      if (link.from.node !== this.id || link.from.socket !== s.id) continue;
      if (this.core.links.cut.has(link.id)) continue;
      this.connectLink(link.id);
    }
    this.emitStatus();
    return true;
  }

  /** Dials a link from one of this node's sockets (start, or restore after a cut). */
  connectLink(linkId: string): void {
    connectLink(this, linkId);
  }

  /** Really disconnects a link's connecting socket (a cut). */
  disconnectLink(linkId: string): void {
    disconnectLink(this, linkId);
  }

  private startReceiving(entry: SocketEntry) {
    const graphSocket = this.node.sockets.find((s) => s.id === entry.socket);
    receiveOn(this, entry, graphSocket ? (this.spec.control?.(graphSocket) ?? false) : false);
  }

  /** Closes one socket and opens it again with the same links (Lazy Pirate). */
  async reopen(socketId: string): Promise<void> {
    const s = this.node.sockets.find((x) => x.id === socketId);
    const old = this.entries.get(socketId);
    if (!s || !old || !this.active) return;
    const run = this.run;
    await closeEntry(this, old, false);
    if (run !== this.run) return; // stopped meanwhile: a new socket would outlive the node
    const ok = await this.openSocket(s);
    const entry = this.entries.get(socketId);
    if (ok && entry && this.active) this.startReceiving(entry);
  }

  private async closeSockets(killed: boolean) {
    await Promise.all([...this.entries.values()].map((e) => closeEntry(this, e, killed)));
    this.entries.clear();
  }

  /** stop: close the sockets; kill: the same, flushing nothing, shown as killed. */
  async stop(kind: "stopped" | "killed" = "stopped"): Promise<void> {
    this.run++;
    this.alive = false;
    this.timers.clear();
    const b = this.behaviour;
    this.behaviour = null;
    try {
      await b?.stop?.();
    } catch {
      // a behaviour failing to stop must not keep its sockets open
    }
    await this.closeSockets(kind === "killed");
    for (const s of this.node.sockets) this.status.sockets[s.id] = freshSocketStatus(s);
    this.setState(kind);
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  pause() {
    if (this.status.state !== "running") return;
    this.timers.pause();
    for (const e of this.entries.values()) this.core.registry.setPaused(e, true);
    this.setState("paused", phrase("detail.paused"));
  }

  resume() {
    if (this.status.state !== "paused") return;
    this.timers.resume();
    for (const e of this.entries.values()) this.core.registry.setPaused(e, false);
    this.setState("running");
  }

  /** Not async on purpose: "Send now" can come thousands of times a second (the bench). */
  sendNow(payload?: string): void | Promise<void> {
    if (this.status.state !== "running" || !this.behaviour?.sendNow) {
      const why =
        this.status.state !== "running" ? "note.cannotSendIdle" : "note.cannotSendReceiver";
      this.core.emit({
        type: "log",
        t: this.core.now(),
        level: "warn",
        node: this.id,
        ...spoken(phrase(why, { node: this.id })),
      });
      return;
    }
    return this.behaviour.sendNow(payload);
  }
}

function freshSocketStatus(s: GraphSocket) {
  return { type: s.type, bound: [], connecting: [], peers: 0 } as NodeStatus["sockets"][string];
}
