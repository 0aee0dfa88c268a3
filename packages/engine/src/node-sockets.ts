/**
 * One node's zeromq sockets: opened, bound, connected along the node's links (cut ones stay
 * down), and each followed by two streams for the life of its entry: its monitor events (status,
 * peer errors, outside peers) and its messages (admitted, correlated and counted by the message
 * path, then handed to the behaviour). A socket can be reopened alone (Lazy Pirate) and a link
 * dialled or cut alone (restore, cut, the wire inspector's reroute).
 */
import {
  canReceive,
  capabilitiesOf,
  codeForZmqError,
  phrase,
  type GraphSocket,
  type NodeStatus,
} from "@zmqp/protocol";
import { subscriptionsAtOpen } from "./behaviours/subscriptions.js";
import type { Behaviour, BehaviourSpec } from "./behaviours/types.js";
import type { Core } from "./core.js";
import type { ReceiveResult } from "./receive-path.js";
import { applyMonitor, watchSocket, type MonitorEvent } from "./monitor.js";
import { outsideReporter } from "./outside-peers.js";
import { setDetail } from "./say.js";
import type { SocketEntry, ZmqType } from "./sockets/registry.js";
import { bindReleased, closeEntry } from "./sockets/teardown.js";

/** The part of the node runner its sockets report to (node-runner.ts). */
export interface SocketsOwner {
  readonly id: string;
  readonly status: NodeStatus;
  readonly active: boolean;
  readonly behaviour: Behaviour | null;
  emitStatus(): void;
}

export function freshSocketStatus(s: GraphSocket): NodeStatus["sockets"][string] {
  return { type: s.type, bound: [], connecting: [], peers: 0 };
}

export class NodeSockets {
  /** The open socket of each of the node's socket ids. */
  readonly entries = new Map<string, SocketEntry>();
  /** Monitor callbacks of sockets being closed (sockets/teardown.ts). */
  readonly closeWaiters = new Map<SocketEntry, (ev: MonitorEvent) => void>();
  private readonly generation = new Map<string, number>();
  /** Bumped when every socket closes, so a reopen that was waiting does nothing. */
  private epoch = 0;

  constructor(
    readonly core: Core,
    private readonly owner: SocketsOwner,
    /** How the behaviour wants its sockets opened (a node with no behaviour opens none). */
    private readonly spec: Pick<BehaviourSpec, "zmqType" | "configure" | "control">,
    private readonly params: Record<string, unknown>,
  ) {}

  get id(): string {
    return this.owner.id;
  }

  get status(): NodeStatus {
    return this.owner.status;
  }

  isCurrent(entry: SocketEntry): boolean {
    return this.entries.get(entry.socket) === entry && !entry.closed;
  }

  /** Opens, binds and connects one socket; false when a bind failed (already reported). */
  async open(s: GraphSocket): Promise<boolean> {
    const { core, spec, params } = this;
    const topology = core.state.topology;
    const zmqType = spec.zmqType?.(s) ?? (s.type as ZmqType);
    const gen = (this.generation.get(s.id) ?? 0) + 1;
    this.generation.set(s.id, gen);
    const entry = core.registry.open({
      node: this.id,
      socket: s.id,
      type: s.type,
      zmqType,
      ...(s.options ? { options: s.options } : {}),
      ...(topology.wantsRoutingId(this.id, s.id)
        ? { routingId: gen > 1 ? `${this.id}.${s.id}.${gen}` : `${this.id}.${s.id}` }
        : {}),
      sendTimeoutMs: core.options.sendTimeoutMs,
    });
    this.entries.set(s.id, entry);
    try {
      spec.configure?.(entry.sock, s, params);
    } catch (err) {
      core.path.socketError(this.id, s.id, err as Error);
    }
    core.correlator.openSocket(entry.key, zmqType === "PUB" || zmqType === "XPUB");
    if (entry.routingId) core.correlator.setRoutingId(entry.routingId, entry.key);
    const role = topology.node(this.id)?.role;
    const filters = role ? subscriptionsAtOpen(capabilitiesOf(role), zmqType, params) : null;
    if (filters) core.correlator.setFilters(entry.key, filters);
    const status = freshSocketStatus(s);
    this.status.sockets[s.id] = status;
    this.watch(entry, s, status);
    for (const raw of s.bind) {
      try {
        await bindReleased(entry.sock, core.resolveAddress(raw), raw);
        status.bound.push(raw);
      } catch (err) {
        const e = err as NodeJS.ErrnoException;
        core.path.socketError(this.id, s.id, e);
        status.error = { code: codeForZmqError(e.code), message: `${raw}: ${e.message}` };
        status.lastEvent = "bind:error";
        return false;
      }
    }
    for (const l of topology.dials(this.id, s.id))
      if (!topology.cut.has(l.id)) this.connectLink(l.id);
    this.owner.emitStatus();
    return true;
  }

  /** The link's connecting socket on this node, with its status and the address it dials. */
  private linkParts(linkId: string) {
    const topology = this.core.state.topology;
    const link = topology.link(linkId);
    const entry = link && this.entries.get(link.from.socket);
    const status = link && this.status.sockets[link.from.socket];
    if (!link || !entry || !status || entry.closed) return null;
    const addr = topology.address(linkId);
    return addr ? { link, entry, status, addr } : null;
  }

  /** Dials a link from one of this node's sockets (start, or restore after a cut). */
  connectLink(linkId: string): void {
    const p = this.linkParts(linkId);
    if (!p) return;
    try {
      p.entry.sock.connect(p.addr);
      if (!p.status.connecting.includes(p.addr)) p.status.connecting.push(p.addr);
    } catch (err) {
      this.core.path.socketError(this.id, p.link.from.socket, err as Error);
    }
  }

  /** Really disconnects a link's connecting socket (a cut). */
  disconnectLink(linkId: string): void {
    const p = this.linkParts(linkId);
    if (!p) return;
    try {
      p.entry.sock.disconnect(p.addr);
    } catch {
      // not connected to it (e.g. cut twice)
    }
    p.status.connecting = p.status.connecting.filter((a) => a !== p.addr);
    this.owner.emitStatus();
  }

  /** Follows a socket's monitor: its status on the node, what a broken peer did, outside peers. */
  private watch(entry: SocketEntry, s: GraphSocket, status: NodeStatus["sockets"][string]): void {
    const core = this.core;
    const outside = outsideReporter(core, this.id, s, () => this.isCurrent(entry));
    void watchSocket(entry, (ev, errorCode) => {
      this.closeWaiters.get(entry)?.(ev);
      if (!this.isCurrent(entry)) return;
      core.peerErrors.monitor(entry, s.type, ev, errorCode);
      // Whatever a subscriber misses while disconnected is not a high-water-mark drop.
      if (ev.event === "disconnect") core.correlator.forgetReceiver(entry.key);
      core.state.emit({ type: "monitor", t: core.state.now(), node: this.id, socket: s.id, ...ev });
      if (applyMonitor(status, ev)) this.owner.emitStatus();
      outside?.onEvent(ev);
    }).finally(() => outside?.close());
  }

  /** Starts the receive loop of every open socket (the behaviour exists by now). */
  receiveAll(): void {
    for (const entry of this.entries.values()) this.receive(entry);
  }

  /**
   * Reads a socket's messages until it closes. A `control` socket's messages (XPUB subscriptions,
   * a broker's frames) go to the behaviour raw: uncounted and uncorrelated.
   */
  private receive(entry: SocketEntry): void {
    if (!canReceive(entry.zmqType)) return;
    const { core, owner } = this;
    const { path, inbound } = core;
    const s = core.state.topology.socket(this.id, entry.socket);
    const control = s ? (this.spec.control?.(s) ?? false) : false;
    const handOver = (frames: Buffer[], r: ReceiveResult | null) => {
      const b = owner.behaviour;
      if (!r || !b?.onMessage || !this.isCurrent(entry)) return;
      return b.onMessage({ socket: entry.socket, frames, ...r });
    };
    void core.registry.receiveLoop(
      entry,
      (frames) => {
        if (!inbound.admit(entry, frames)) {
          // A REP must answer before it may read again: an empty reply ends the refused request.
          if (entry.zmqType === "REP") return path.send(entry, [Buffer.alloc(0)], "reply");
          return;
        }
        if (control) return owner.behaviour?.onMessage?.({ socket: entry.socket, frames, id: 0 });
        const r = inbound.receive(entry, frames, owner.behaviour?.onMessage !== undefined);
        // Most messages: nothing to wait for and nobody to tell (a sink has no onMessage).
        if (!(r instanceof Promise)) return handOver(frames, r);
        return r.then((x) => handOver(frames, x));
      },
      (err) => path.socketError(this.id, entry.socket, err),
      (err) => core.peerErrors.receiveFailed(entry, err),
      () => {
        // Its card says so until it resumes (the gauge counts the held one in its capacity).
        if (owner.status.state !== "paused") return;
        setDetail(owner.status, phrase("detail.pausedHolding"));
        owner.emitStatus();
      },
    );
  }

  /** Closes one socket and opens it again with the same links (Lazy Pirate). */
  async reopen(socketId: string, s: GraphSocket): Promise<void> {
    const old = this.entries.get(socketId);
    if (!old || !this.owner.active) return;
    const epoch = this.epoch;
    await closeEntry(this, old, false);
    if (epoch !== this.epoch) return; // stopped meanwhile: a new socket would outlive the node
    const ok = await this.open(s);
    const entry = this.entries.get(socketId);
    if (ok && entry && this.owner.active) this.receive(entry);
  }

  /** Closes every socket (stop: flushing nothing either way; `killed` is the drop reason). */
  async closeAll(killed: boolean): Promise<void> {
    this.epoch++;
    await Promise.all([...this.entries.values()].map((e) => closeEntry(this, e, killed)));
    this.entries.clear();
  }

  setPaused(paused: boolean): void {
    for (const e of this.entries.values()) this.core.registry.setPaused(e, paused);
  }
}
