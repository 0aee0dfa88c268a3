/**
 * A send step mode holds, as the page sees it (`control` events and the snapshot list them): the
 * sender, the links it can take (cut ones cannot), its frames. Built only while holding.
 */
import type { HeldSendView, MessageKind } from "@zmqp/protocol";
import { frameViews } from "./frames.js";
import type { SocketEntry } from "./sockets/registry.js";
import type { Topology } from "./topology.js";

export function heldView(
  topology: Topology,
  entry: SocketEntry,
  frames: readonly Buffer[],
  kind: MessageKind,
): Omit<HeldSendView, "id"> {
  const links = topology
    .linksAt(entry.node, entry.socket)
    .filter((l) => !topology.cut.has(l.id))
    .map((l) => l.id);
  return {
    node: entry.node,
    socket: entry.socket,
    kind,
    links,
    frames: frameViews(entry.type, frames),
  };
}
