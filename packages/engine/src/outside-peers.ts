/**
 * Shows connections from outside the playground: on the external node drawn for them, or on the
 * bound socket itself. Who is outside comes from the process's connection table (outside-table.ts),
 * read asynchronously and cached: an accept or a disconnect only asks for a refresh.
 */
import { english, isOutside, phrase, type GraphSocket, type NodeStatus } from "@zmqp/protocol";
import type { Core } from "./core.js";
import type { MonitorEvent } from "./monitor.js";
import { outsideTable, OutsideWatch } from "./outside-table.js";

/** The part of a node runner the outside reports touch (kept narrow so runners stay small). */
export interface OutsideTarget {
  readonly id: string;
  readonly status: NodeStatus;
  emitStatus(): void;
}

/** Shows an outside connection on an external node: a monitor event, and its peer count. */
export function applyOutside(core: Core, target: OutsideTarget, socket: string, ev: MonitorEvent) {
  core.state.emit({ type: "monitor", t: core.state.now(), node: target.id, socket, ...ev });
  const st = target.status.sockets[socket];
  if (!st) return;
  st.lastEvent = ev.event;
  if (ev.event === "accept" || ev.event === "handshake") st.peers++;
  if (ev.event === "disconnect") st.peers = Math.max(0, st.peers - 1);
  target.emitStatus();
}

/** Monitor events of a connecting socket worth showing on the external node it dials. */
const MIRRORED = new Set(["handshake", "disconnect"]);

/**
 * For one playground socket: a function to call with each of its monitor events, which reports
 * the outside side of them, or null when nothing outside is involved.
 * - A bound tcp socket: peers that are not playground sockets are looked up on accept and
 *   disconnect, and shown on the external node linked to it (on the socket itself otherwise).
 * - A socket linked to an external node's bound address: its handshakes and disconnects are
 *   mirrored on that external node.
 */
export function outsideReporter(
  core: Core,
  node: string,
  s: GraphSocket,
  current: () => boolean,
): { onEvent: (ev: MonitorEvent) => void; close: () => void } | null {
  const topology = core.state.topology;
  const external = (id: string) => {
    const n = topology.node(id);
    return n !== undefined && isOutside(n);
  };
  const links = topology.linksAt(node, s.id);
  const inbound = links.find(
    (l) => l.to.node === node && l.to.socket === s.id && external(l.from.node),
  );
  const outbound = links.find(
    (l) => l.from.node === node && l.from.socket === s.id && external(l.to.node),
  );
  const port = s.bind
    .map((b) => /^tcp:\/\/.+:(\d+)$/.exec(b)?.[1])
    .find((p): p is string => p !== undefined);
  if (!port && !outbound) return null;
  const detailPhrase = phrase("monitor.outsidePeerOf", { socket: `${node}.${s.id}` });
  const report = (event: string, a: string) => {
    if (!current()) return;
    const e = { event, address: `tcp://${a}`, detail: english(detailPhrase), detailPhrase };
    if (inbound) core.outside(inbound.from.node, inbound.from.socket, e);
    // No external node drawn for it: the bound socket itself names the outside peer.
    else core.state.emit({ type: "monitor", t: core.state.now(), node, socket: s.id, ...e });
  };
  const watch = port
    ? new OutsideWatch(Number(port), (arrived, left) => {
        for (const a of arrived) report("accept", a);
        for (const a of left) report("disconnect", a);
      })
    : null;
  const key = `${node}/${s.id}`;
  const watches = core.peerErrors.outsideWatches;
  if (watch) watches.set(key, watch);
  return {
    onEvent(ev) {
      if (watch && (ev.event === "accept" || ev.event === "disconnect")) outsideTable.refresh();
      else if (outbound && MIRRORED.has(ev.event)) {
        const from = phrase("monitor.from", { socket: `${node}.${s.id}` });
        core.outside(outbound.to.node, outbound.to.socket, {
          ...ev,
          detail: english(from),
          detailPhrase: from,
        });
      }
    },
    close() {
      watch?.close();
      if (watch && watches.get(key) === watch) watches.delete(key);
    },
  };
}
