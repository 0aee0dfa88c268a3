/** What the gateway client does for the wire inspector with each applied batch and welcome. */
import type { ClientMessage, RuntimeEvent } from "@zmqp/protocol";
import type { AppStore } from "../store/index.js";
import { HANDSHAKE_KEEP, WIRE_CAPACITY, isHandshake } from "./wireSlice.js";

/** Stores wire events; on every Run, asks the gateway again to watch the links the person chose. */
export function routeWire(
  events: RuntimeEvent[],
  store: AppStore,
  send: (msg: ClientMessage) => boolean,
): void {
  const st = store.getState();
  st.applyWire(events);
  // The gateway can only watch a running link, and stopping drops every relay. Watching again is
  // harmless when the relay is already there (a redeploy keeps it).
  if (events.some((e) => e.type === "runtime" && e.state === "running"))
    for (const link of store.getState().wire.watched) send({ type: "wire", link, action: "watch" });
  // Another tab watched or unwatched a link: show what the gateway watches. Not across a deploy or
  // a stop in the same batch, where the relays are being (re)made from this page's wishes.
  else if (st.run.state === "running" && !events.some((e) => e.type === "runtime")) {
    const control = events.findLast((e) => e.type === "control");
    if (control) store.getState().syncWatched(control.watchedLinks);
  }
}

/**
 * For a backlog folded while the tab was hidden: per link, keeps the newest wire events up to what
 * the table shows anyway (WIRE_CAPACITY items) plus the newest handshakes, so a busy watched link
 * cannot grow a hidden tab's memory without bound. What is left out is counted as `skipped`.
 */
export function trimWire(events: RuntimeEvent[]): RuntimeEvent[] {
  const items = new Map<string, number>();
  const handshakes = new Map<string, number>();
  const dropped = new Set<string>();
  const keep = new Array<boolean>(events.length).fill(true);
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.type !== "wire") continue;
    const seen = items.get(e.link) ?? 0;
    const hs = e.items.some(isHandshake);
    const seenHs = handshakes.get(e.link) ?? 0;
    if (seen < WIRE_CAPACITY || (hs && seenHs < HANDSHAKE_KEEP)) {
      items.set(e.link, seen + e.items.length);
      if (hs) handshakes.set(e.link, seenHs + 1);
    } else {
      keep[i] = false;
      dropped.add(e.link);
    }
  }
  if (dropped.size === 0) return events;
  // `skipped` means "left out since the previous event": the next kept event carries the count.
  const pending = new Map<string, number>();
  const out: RuntimeEvent[] = [];
  events.forEach((e, i) => {
    if (e.type !== "wire") return void out.push(e);
    const n = pending.get(e.link) ?? 0;
    if (!keep[i]) pending.set(e.link, n + e.items.length + (e.skipped ?? 0));
    else if (n === 0) out.push(e);
    else {
      out.push({ ...e, skipped: (e.skipped ?? 0) + n });
      pending.delete(e.link);
    }
  });
  return out;
}
