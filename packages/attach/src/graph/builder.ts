/**
 * Turns what the ZMTP connections carried into the playground's own events, for a graph nobody
 * drew: `observed` (the graph, whenever it changes), `monitor` (accept, connect, handshake,
 * disconnect), `status` per node, `message` out on the sender and in on the receiver (the link
 * and its direction known exactly: one link is one TCP connection), `wire` (the decoded items, for
 * the wire view), `counters` and `log`. The same canvas, message view and wire view draw them.
 */
import {
  type LinkCounters,
  type ObservedGraph,
  type ObservedLink,
  type ObservedLinkCount,
  type ObservedNode,
  type ObservedSocket,
  type EventOf,
  type RuntimeEvent,
  type SocketType,
  ZMQ_SOCKET_TYPES,
} from "@zmqp/protocol";
import type { TcpConnection } from "../tcp/tracker.js";
import type { Observation } from "../zmtp/connection.js";
import { NodeCounterBook } from "./counters.js";
import { kindFor } from "./kinds.js";
import { statusEvent } from "./status.js";
import { WireBudget } from "./wire-budget.js";
import { ObservedStore, type Ref } from "./observed-store.js";
import { tcpAddress, type Owner } from "./owners.js";

export interface BuilderOptions {
  source: ObservedGraph["source"];
  emit(event: RuntimeEvent): void;
  /** Decoded items sent per link per second as `wire` events. Default 500. */
  wireItemsPerSecond?: number;
  /** Closed links kept in the graph; the oldest go first. Default 256. */
  maxClosedLinks?: number;
}

interface LinkState {
  link: ObservedLink;
  from: ObservedSocket;
  to: ObservedSocket;
  counts: ObservedLinkCount;
  wire: WireBudget;
  /** Sides whose metadata (READY/INITIATE) was seen, for the handshake event. */
  ready: Set<string>;
}

const KNOWN = new Set<string>(ZMQ_SOCKET_TYPES);

export class GraphBuilder {
  private store = new ObservedStore<LinkState>();
  private counters = new NodeCounterBook();
  private messageId = 0;

  constructor(private readonly o: BuilderOptions) {}

  private ensure(owner: Owner, end: TcpConnection["client"], side: "bind" | "connect"): Ref {
    const ref = this.store.ensure(owner, end, side);
    if (ref.added) this.counters.add(ref.node.id);
    return ref;
  }

  /** A connection was recognised as ZMTP; `owners` name the processes at its two ends. */
  opened(conn: TcpConnection, owners: { client: Owner; server: Owner }, t: number): void {
    const to = this.ensure(owners.server, conn.server, "bind");
    const from = this.ensure(owners.client, conn.client, "connect");
    to.socket.open++;
    from.socket.open++;
    const id = this.store.linkId(conn);
    const link: ObservedLink = {
      id,
      from: { node: from.node.id, socket: from.socket.id },
      to: { node: to.node.id, socket: to.socket.id },
      endpoint: tcpAddress(conn.server),
      state: "open",
      encrypted: false,
      opened: t,
    };
    this.store.links.set(conn.id, {
      link,
      from: from.socket,
      to: to.socket,
      counts: { forward: 0, backward: 0, unit: "messages" },
      wire: new WireBudget(this.o.wireItemsPerSecond ?? 500),
      ready: new Set(),
    });
    this.monitor(t, to, "accept", tcpAddress(conn.client));
    this.monitor(t, from, "connect", link.endpoint);
    this.changed(t, [from.node, to.node]);
  }

  observe(conn: TcpConnection, obs: Observation, t: number): void {
    const st = this.store.links.get(conn.id);
    if (!st) return;
    const senderSide = obs.dir === "c2s" ? st.link.from : st.link.to;
    const receiverSide = obs.dir === "c2s" ? st.link.to : st.link.from;
    const sender = this.ref(senderSide);
    const receiver = this.ref(receiverSide);
    if (!sender || !receiver) return;
    switch (obs.kind) {
      case "greeting": {
        sender.socket.mechanism = obs.mechanism;
        st.link.mechanism = obs.mechanism;
        st.link.encrypted = obs.mechanism === "CURVE";
        if (st.link.encrypted) st.counts.unit = "frames";
        this.changed(t, [sender.node]);
        return;
      }
      case "metadata": {
        if (obs.socketType && KNOWN.has(obs.socketType))
          sender.socket.type = obs.socketType as SocketType;
        if (obs.identity) sender.socket.identity = obs.identity;
        st.ready.add(obs.dir);
        const detail = obs.socketType ? `Socket-Type=${obs.socketType}` : undefined;
        this.monitor(t, sender, "handshake", st.link.endpoint, detail);
        this.changed(t, [sender.node]);
        return;
      }
      case "subscription": {
        const list = sender.socket.subscriptions.filter((x) => x !== obs.topic);
        if (obs.action === "subscribe") list.push(obs.topic);
        sender.socket.subscriptions = list;
        const verb = obs.action === "subscribe" ? "subscribed to" : "cancelled";
        this.o.emit({
          type: "log",
          t,
          level: "info",
          node: sender.node.id,
          text: `${sender.node.label} ${sender.socket.id} ${verb} ${JSON.stringify(obs.topic)} on ${st.link.endpoint}`,
        });
        this.changed(t, [sender.node]);
        return;
      }
      case "message":
        return this.message(st, obs, sender, receiver, t);
      case "wire": {
        const sent = st.wire.take(t, obs.items.length);
        if (sent.items === 0) return;
        this.o.emit({
          type: "wire",
          t,
          link: st.link.id,
          conn: 1,
          direction: obs.dir,
          bytes: obs.bytes,
          items: obs.items.slice(0, sent.items),
          ...(sent.skipped > 0 ? { skipped: sent.skipped } : {}),
        });
        return;
      }
      case "problem":
        this.o.emit({
          type: "log",
          t,
          level: "warn",
          node: sender.node.id,
          text: `${st.link.id}: ${obs.text}`,
        });
        return;
    }
  }

  private message(
    st: LinkState,
    obs: Extract<Observation, { kind: "message" }>,
    sender: Ref,
    receiver: Ref,
    t: number,
  ): void {
    const forward = obs.dir === "c2s";
    if (forward) st.counts.forward++;
    else st.counts.backward++;
    const linkDirection = forward ? ("forward" as const) : ("backward" as const);
    const kind = kindFor(sender.socket.type);
    const id = ++this.messageId;
    const base = { t, kind, link: st.link.id, linkDirection, frames: obs.frames };
    const enc = obs.encrypted ? { encrypted: true } : {};
    this.o.emit({
      type: "message",
      id,
      node: sender.node.id,
      socket: sender.socket.id,
      direction: "out",
      ...base,
      ...enc,
    });
    this.o.emit({
      type: "message",
      id: ++this.messageId,
      node: receiver.node.id,
      socket: receiver.socket.id,
      direction: "in",
      from: { node: sender.node.id, socket: sender.socket.id },
      sendId: id,
      ...base,
      ...enc,
    });
    this.counters.count(sender.node.id, sender.socket.id, receiver.node.id, "sent");
    this.counters.count(receiver.node.id, receiver.socket.id, sender.node.id, "received");
  }

  closed(conn: TcpConnection, t: number, how: "fin" | "rst" | "lost"): void {
    const st = this.store.links.get(conn.id);
    if (!st || st.link.state === "closed") return;
    st.link.state = "closed";
    st.link.closed = t;
    st.from.open = Math.max(0, st.from.open - 1);
    st.to.open = Math.max(0, st.to.open - 1);
    const detail = how === "rst" ? "reset" : how === "lost" ? "capture lost bytes" : undefined;
    if (how === "lost")
      this.o.emit({
        type: "log",
        t,
        level: "warn",
        text: `${st.link.id}: the capture missed bytes of this connection (packets the capture did not get), so it is no longer followed; its counts stop here`,
      });
    const from = this.ref(st.link.from);
    const to = this.ref(st.link.to);
    if (from) this.monitor(t, from, "disconnect", st.link.endpoint, detail);
    if (to) this.monitor(t, to, "disconnect", tcpAddress(conn.client), detail);
    this.evict();
    this.changed(t, [from?.node, to?.node]);
  }

  private ref(r: { node: string; socket: string }): Ref | null {
    return this.store.ref(r);
  }

  private monitor(t: number, r: Ref, event: string, address: string, detail?: string): void {
    this.o.emit({
      type: "monitor",
      t,
      node: r.node.id,
      socket: r.socket.id,
      event,
      address,
      ...(detail ? { detail } : {}),
    });
  }

  /** The graph changed around these nodes: the whole graph, then their statuses. */
  private changed(t: number, nodes: (ObservedNode | undefined)[]): void {
    this.o.emit({ type: "observed", t, graph: this.graph() });
    for (const n of new Set(nodes)) if (n && this.store.nodes.has(n.id)) this.status(t, n);
  }

  private status(t: number, n: ObservedNode): void {
    this.o.emit(statusEvent(t, n, this.store.open()));
  }

  /** Forgets the oldest closed links beyond the cap, and the counters of nodes left with nothing. */
  private evict(): void {
    for (const id of this.store.evict(this.o.maxClosedLinks ?? 256)) this.counters.remove(id);
  }

  /** A copy of the graph as seen so far. */
  graph(): ObservedGraph {
    return this.store.graph(this.o.source);
  }

  countersEvent(t: number): EventOf<"counters"> {
    const links: Record<string, LinkCounters> = {};
    for (const l of this.store.links.values())
      links[l.link.id] = { forward: l.counts.forward, backward: l.counts.backward };
    return { type: "counters", t, nodes: this.counters.snapshot(), links };
  }

  linkCounts(): Record<string, ObservedLinkCount> {
    const out: Record<string, ObservedLinkCount> = {};
    for (const l of this.store.links.values()) out[l.link.id] = { ...l.counts };
    return out;
  }
}
