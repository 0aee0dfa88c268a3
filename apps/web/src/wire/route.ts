/** What the gateway client does for the wire inspector with each applied batch and welcome. */
import type { ClientMessage, RuntimeEvent } from "@zmqp/protocol";
import type { AppStore } from "../store/index.js";

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
}
