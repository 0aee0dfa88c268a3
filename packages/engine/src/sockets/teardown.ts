/**
 * Closing a socket without racing libzmq, and binding again without colliding with it.
 *
 * We never unbind. zeromq.js runs `unbind()` on a libuv worker thread while the main thread may
 * still poll the same socket: the receive loop's pending `receive()` checks ZMQ_EVENTS whenever the
 * socket's fd wakes, and that processes the socket's command queue. libzmq sockets are not
 * thread-safe: two threads processing one socket's commands attach the same pipe twice and the
 * whole process aborts with `Assertion failed: !_sink (pipe.cpp:118)` (core dump: a worker thread
 * in zmq_unbind → term_endpoint → process_commands → attach_pipe). `unbindSync` is no way out: in
 * zeromq 6.8.0 it is wired to bindSync. `close()` runs on the main thread and stops the poller
 * first; `bind()` also runs on a worker, but before the socket has any receive or send pending.
 *
 * close() returns before libzmq's I/O thread closes the listening fd, so a deploy right after a
 * stop could get "Address already in use" from our own old socket, and an old ipc listener would
 * delete the new one's file when it finally closes: we wait for the monitor's `close` of each
 * tcp/ipc listener (or `end`: the socket is destroyed). An inproc name is released by libzmq's
 * reaper thread a moment after close(), and reports nothing: its bind is retried instead.
 */
import type { NodeStatus } from "@zmqp/protocol";
import type { Correlator } from "../correlate.js";
import type { CounterStore } from "../counters.js";
import type { MonitorEvent } from "../monitor.js";
import type { StepGate } from "../step-gate.js";
import type { SocketEntry, SocketRegistry, ZSocket } from "./registry.js";

/** Longest wait for libzmq to release what a closed socket held, ms (usually well under 1 ms). */
const RELEASE_WAIT_MS = 300;
/**
 * A tcp/ipc address whose listener did not report its close in time (a busy machine): a bind of
 * it in the next moments meets our own old socket, so it is retried this long before failing.
 */
const LATE_RELEASE_MS = 3000;
const lateReleases = new Map<string, number>();

/** The engine parts a close settles with (core.ts's Core has them). */
interface CloseParts {
  readonly registry: SocketRegistry;
  readonly counters: CounterStore;
  readonly correlator: Correlator;
  readonly state: { readonly step: StepGate };
  readonly peerErrors: { readonly closedAt: Map<string, number> };
}

/** What closing one of a node's sockets needs from its owner (node-sockets.ts). */
export interface SocketOwner {
  readonly id: string;
  readonly core: CloseParts;
  readonly entries: Map<string, SocketEntry>;
  readonly status: NodeStatus;
  /** The runner's monitor callback passes every event of a socket being closed to these. */
  readonly closeWaiters: Map<SocketEntry, (ev: MonitorEvent) => void>;
}

/**
 * Closes one socket of a node (stop, kill, Lazy Pirate reopen): what it still had to send is
 * dropped with the reason `closed` or `killed`, and its tcp/ipc addresses are free on return.
 */
export async function closeEntry(owner: SocketOwner, entry: SocketEntry, killed: boolean) {
  const { core } = owner;
  const reason = killed ? "killed" : "closed";
  entry.closing = true;
  entry.closeReason = reason;
  core.peerErrors.closedAt.set(entry.key, Date.now());
  // Held (step mode) sends never reached the socket: count them here. Queued and in-flight
  // ones fail as closed and are counted on their way out (MessagePath.send).
  const held = core.state.step.cancel(entry.key);
  if (held > 0) core.counters.dropped(owner.id, entry.socket, reason, held);
  entry.wake?.();
  const current = owner.entries.get(entry.socket) === entry;
  const bound = current ? (owner.status.sockets[entry.socket]?.bound ?? []) : [];
  const closed = closeAndWait(core.registry, entry, bound, (on) => {
    if (on) owner.closeWaiters.set(entry, on);
    else owner.closeWaiters.delete(entry);
  });
  core.correlator.closeSocket(entry.key);
  await closed;
}

/**
 * Closes the socket (linger 0: nothing is flushed) and waits, bounded, for its tcp/ipc listeners
 * to close. `watch` installs a callback for the socket's monitor events (null removes it).
 */
async function closeAndWait(
  registry: SocketRegistry,
  entry: SocketEntry,
  bound: string[],
  watch: (on: ((ev: MonitorEvent) => void) | null) => void,
): Promise<void> {
  let left = bound.filter((a) => !a.startsWith("inproc://")).length;
  if (left === 0 || entry.closed) return registry.close(entry);
  let timer: NodeJS.Timeout | undefined;
  let seen = false;
  const released = new Promise<void>((resolve) => {
    watch((ev) => {
      if ((ev.event === "close" && --left <= 0) || ev.event === "end") {
        seen = true;
        resolve();
      }
    });
    // Real time, not the injected clock: this waits for I/O, and a test clock may stand still.
    timer = setTimeout(resolve, RELEASE_WAIT_MS);
  });
  registry.close(entry);
  await released;
  if (!seen) for (const a of bound) lateReleases.set(a, Date.now() + LATE_RELEASE_MS);
  clearTimeout(timer);
  watch(null);
}

/**
 * Binds. EADDRINUSE on an inproc name can only be our own socket that is still closing (only this
 * process sees its inproc names, and validation refuses two sockets binding one address): retried
 * until the name is released, for at most RELEASE_WAIT_MS. A tcp/ipc address our own socket was
 * slow to release (lateReleases) is retried the same way, for at most LATE_RELEASE_MS.
 */
export async function bindReleased(
  sock: ZSocket,
  address: string,
  raw: string = address,
): Promise<void> {
  const late = lateReleases.get(raw) ?? 0;
  const ours = address.startsWith("inproc://") || late > Date.now();
  const until = address.startsWith("inproc://") ? Date.now() + RELEASE_WAIT_MS : late;
  for (;;) {
    try {
      await sock.bind(address);
      lateReleases.delete(raw);
      return;
    } catch (err) {
      const inUse = (err as NodeJS.ErrnoException).code === "EADDRINUSE";
      if (!inUse || !ours || Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, address.startsWith("inproc://") ? 2 : 20));
    }
  }
}
