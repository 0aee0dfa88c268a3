/**
 * What waits on each link and direction, from the correlator's lists of recent sends: a send
 * zeromq took that no receiver has taken and that was not dropped is in flight, so per link
 * `inFlight = sent − received − dropped` holds exactly (accounts.ts checks the same ledger).
 *
 * Which link a send is on: one link, that one; a fan-out (PUB), every subscriber past whose
 * cursor it lies and who wants it; a ROUTER, the peer its routing id names; a PUSH or DEALER with
 * several peers, the one peer whose cursor is still before it (one pipe delivers in order, so a
 * send older than one a peer already took is on another link), else split by turn among those
 * it may be on (then `exact` is false).
 */
import { LIMITS, phrase, type GraphDoc, type LinkQueue, type LinkTransport } from "@zmqp/protocol";
import type { Core } from "../core.js";
import type { PendingSend } from "../pending-send.js";
import { socketKey } from "../sockets/registry.js";
import { TCP_KERNEL_FIT } from "./measured.js";

/** Socket types that never send an application message (a SUB's subscriptions are not counted). */
const RECEIVE_ONLY = new Set(["SUB", "PULL", "TCP", "STREAM"]);
/** Socket types that never receive one. */
const SEND_ONLY = new Set(["PUB", "PUSH", "TCP", "STREAM"]);

/** One direction of one link, with what the sample found on it. */
export interface Lane {
  queue: LinkQueue;
  /** Sending socket's key (`node/socket`) and receiving socket's. */
  fromKey: string;
  toKey: string;
  /** The oldest sends found on it, oldest first (list queue), when asked for. */
  sends?: PendingSend[];
  /** When the oldest send on it was made (Infinity: none). */
  oldestT: number;
  /** Its sender is a fan-out (PUB): a receiver past its cursor owes each send. */
  fanout?: boolean;
}

function transportOf(address: string | null): LinkTransport {
  if (address?.startsWith("inproc://")) return "inproc";
  if (address?.startsWith("ipc://")) return "ipc";
  return "tcp";
}

/** Every direction of every link a message can travel on, with zero in flight. */
export function lanesOf(core: Core, doc: GraphDoc): Lane[] {
  const lanes: Lane[] = [];
  const topology = core.state.topology;
  for (const l of doc.links) {
    const transport = transportOf(topology.address(l.id, true));
    for (const direction of ["forward", "backward"] as const) {
      const from = direction === "forward" ? l.from : l.to;
      const to = direction === "forward" ? l.to : l.from;
      const fromSocket = topology.socket(from.node, from.socket);
      const toSocket = topology.socket(to.node, to.socket);
      if (!fromSocket || !toSocket) continue;
      if (RECEIVE_ONLY.has(fromSocket.type) || SEND_ONLY.has(toSocket.type)) continue;
      const sendHwm = fromSocket.options?.sendHighWaterMark ?? LIMITS.highWaterMark;
      const recvHwm = toSocket.options?.receiveHighWaterMark ?? LIMITS.highWaterMark;
      lanes.push({
        fromKey: socketKey(from.node, from.socket),
        toKey: socketKey(to.node, to.socket),
        oldestT: Infinity,
        queue: {
          link: l.id,
          direction,
          from: { node: from.node, socket: from.socket },
          to: { node: to.node, socket: to.socket },
          inFlight: 0,
          oldestAgeMs: null,
          capacity: {
            sendHwm,
            recvHwm,
            total: sendHwm + recvHwm,
            ...(transport === "tcp"
              ? { note: phrase("pipe.tcpKernel", { count: TCP_KERNEL_FIT }) }
              : {}),
          },
          transport,
          exact: true,
        },
      });
    }
  }
  return lanes;
}

/**
 * Fills every lane's in-flight count and oldest age from the correlator's lists, and its capacity's
 * held message from the receiving socket. `keep`: lanes
 * whose sends are collected too (at most `max` each, oldest first), for list queue.
 */
export function sampleLanes(core: Core, lanes: Lane[], keep?: Set<Lane>, max = 0): void {
  const bySender = new Map<string, Lane[]>();
  for (const lane of lanes) {
    // The message its receiver holds, read from zeromq (registry.ts): which of the receiver's
    // links it came on is known only once it is matched, so each of them can hold one more.
    if (core.registry.get(lane.toKey)?.holding) {
      lane.queue.capacity.held = 1;
      lane.queue.capacity.total++;
    }
    const list = bySender.get(lane.fromKey);
    if (list) list.push(lane);
    else bySender.set(lane.fromKey, [lane]);
  }
  const now = core.state.now();
  for (const [key, group] of bySender) {
    const list = core.correlator.listOf(key);
    if (!list) continue;
    const put = (lane: Lane, p: PendingSend) => {
      lane.queue.inFlight++;
      if (p.t < lane.oldestT) lane.oldestT = p.t;
      if (keep?.has(lane) && (lane.sends ??= []).length < max) lane.sends.push(p);
    };
    if (list.fanout) {
      for (const lane of group) lane.fanout = true;
      const cursors = group.map((lane) => list.cursorOf(lane.toKey));
      const known = cursors.filter((c): c is number => c !== undefined);
      // Only past the furthest-behind subscriber's place: a PUB's list keeps 30 s of sends.
      if (known.length > 0)
        list.forEachOnWire(
          (p, abs) => {
            for (let i = 0; i < group.length; i++) {
              const c = cursors[i];
              if (c !== undefined && abs > c && list.wanted(group[i]!.toKey, p)) put(group[i]!, p);
            }
          },
          Math.min(...known),
        );
    } else if (core.registry.get(key)?.zmqType === "ROUTER") {
      list.forEachOnWire((p) => {
        const id = p.topic?.toString("latin1");
        const to = id === undefined ? undefined : core.correlator.keyOfRoutingId(id);
        const lane = group.find((g) => g.toKey === to);
        if (lane) return put(lane, p);
        if (id === undefined || core.queues.pipes.heard(key, id)) return put(group[0]!, p);
        // No open socket has this id any more: its pipe went with it, and the message too.
        const q = group[0]!.queue;
        q.lost = (q.lost ?? 0) + 1;
        if (group.length > 1) q.exact = false;
      });
    } else if (group.length === 1) {
      list.forEachOnWire((p) => put(group[0]!, p));
    } else {
      const cursors = group.map((lane) => list.cursorOf(lane.toKey) ?? -1);
      // zeromq deals by turn: the next send goes to the peer after the one that got the latest.
      let turn = cursors.indexOf(Math.max(...cursors)) + 1;
      list.forEachOnWire((p, abs) => {
        let only = -1;
        let count = 0;
        for (let i = 0; i < group.length; i++)
          if (cursors[i]! < abs) {
            count++;
            only = i;
          }
        if (count === 1) return put(group[only]!, p);
        // Any of several peers may have it: dealt by turn, as zeromq deals.
        for (const c of group) c.queue.exact = false;
        for (let k = 0; k < group.length; k++) {
          const i = turn++ % group.length;
          if (count === 0 || cursors[i]! < abs) return put(group[i]!, p);
        }
      });
    }
  }
  for (const lane of lanes)
    lane.queue.oldestAgeMs = lane.queue.inFlight > 0 ? Math.max(0, now - lane.oldestT) : null;
}
