/** A node's `status` event, from what its sockets and their open connections are doing. */
import type {
  NodeStatus,
  ObservedLink,
  ObservedNode,
  ObservedSocket,
  RuntimeEvent,
  SocketType,
} from "@zmqp/protocol";

export interface OpenLink {
  link: ObservedLink;
  from: ObservedSocket;
  to: ObservedSocket;
}

export function statusEvent(t: number, n: ObservedNode, open: OpenLink[]): RuntimeEvent {
  const sockets: NodeStatus["sockets"] = {};
  for (const s of n.sockets) {
    const peers = open.filter((l) => l.from === s || l.to === s);
    sockets[s.id] = {
      // `?` while unknown: the page shows it as it is (see observed.ts).
      type: (s.type ?? "?") as SocketType,
      bound: s.side === "bind" ? [s.endpoint] : [],
      connecting: s.side === "connect" ? peers.map((l) => l.link.endpoint) : [],
      peers: peers.length,
    };
  }
  const running = n.sockets.some((s) => s.open > 0);
  const who = n.process
    ? `pid ${n.process.pid}: ${n.process.command}`
    : `${n.host} (process not known)`;
  return {
    type: "status",
    t,
    node: n.id,
    status: { state: running ? "running" : "stopped", detail: who.slice(0, 200), sockets },
  };
}
