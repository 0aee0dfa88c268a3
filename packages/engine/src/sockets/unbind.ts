/**
 * close() returns before libzmq's I/O thread closes the listening fd, so a deploy right after a
 * stop could get "Address already in use" from our own old socket (and an old ipc listener
 * deletes the new one's file when it finally closes; an inproc name is also released late). So a
 * socket is unbound first, waiting for the monitor's `close` of each tcp/ipc listener.
 */
import type { Core } from "../core.js";
import type { MonitorEvent } from "../monitor.js";
import type { SocketEntry } from "./registry.js";

/** Longest wait for libzmq to close a listener after unbind, ms. */
const UNBIND_WAIT_MS = 300;

/**
 * Unbinds every address and waits (bounded) for their listeners to close. `watch` installs a
 * monitor-event callback for the socket (and removes it when called with null).
 */
export async function unbindAndWait(
  entry: SocketEntry,
  bound: string[],
  core: Core,
  watch: (on: ((ev: MonitorEvent) => void) | null) => void,
): Promise<void> {
  // inproc names are released by unbind itself, and their listeners report no `close`.
  let left = bound.filter((a) => !a.startsWith("inproc://")).length;
  const closed = new Promise<void>((resolve) => {
    watch((ev) => {
      if (ev.event === "close" && --left <= 0) resolve();
    });
    // Real time, not the injected clock: this waits for I/O, and a test clock may stand still.
    setTimeout(resolve, UNBIND_WAIT_MS).unref();
  });
  for (const raw of bound) {
    try {
      await entry.sock.unbind(core.resolveAddress(raw));
    } catch {
      if (!raw.startsWith("inproc://")) left--;
    }
  }
  if (left > 0) await closed;
  watch(null);
}
