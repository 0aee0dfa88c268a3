/**
 * The runtime's controls as the page sees them (`control` events and the snapshot): step mode and
 * what it holds, speed, cut links, latency, watched links. One place builds them, so an event and a
 * snapshot can never disagree.
 */
import type { HeldSendView, MessageKind, RuntimeControls } from "@zmqp/protocol";
import type { Core } from "./core.js";
import { frameViews } from "./frames.js";
import type { SocketEntry } from "./sockets/registry.js";

/** A held send for the page: the sender, the links it can take (cut ones cannot), its frames. */
export function heldView(
  core: Core,
  entry: SocketEntry,
  frames: readonly Buffer[],
  kind: MessageKind,
): Omit<HeldSendView, "id"> {
  const links = (core.doc?.links ?? [])
    .filter(
      (l) =>
        (l.from.node === entry.node && l.from.socket === entry.socket) ||
        (l.to.node === entry.node && l.to.socket === entry.socket),
    )
    .filter((l) => !core.links.cut.has(l.id))
    .map((l) => l.id);
  return {
    node: entry.node,
    socket: entry.socket,
    kind,
    links,
    frames: frameViews(entry.type, frames),
  };
}

export function controlState(core: Core, watchedLinks: string[]): RuntimeControls {
  return {
    stepMode: core.step.holding,
    speed: core.speed,
    cutLinks: [...core.links.cut],
    latency: Object.fromEntries(core.links.latency),
    watchedLinks,
    held: core.step.list(),
    heldTotal: core.step.pending,
  };
}
