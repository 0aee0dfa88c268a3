/**
 * The two streams a node's socket delivers: its monitor events (status, peer errors, outside
 * peers) and its messages (admitted, correlated and counted by the core, then handed to the
 * behaviour). Each runs for the life of one socket entry and stops by itself when it closes.
 */
import { canReceive, type GraphSocket, type NodeStatus } from "@zmqp/protocol";
import type { ReceiveResult } from "./core.js";
import { applyMonitor, watchSocket } from "./monitor.js";
import type { NodeRunner } from "./node-runner.js";
import { outsideReporter } from "./outside-peers.js";
import type { SocketEntry } from "./sockets/registry.js";

/** Follows a socket's monitor: its status on the node, what a broken peer did, outside peers. */
export function watchEntry(
  runner: NodeRunner,
  entry: SocketEntry,
  s: GraphSocket,
  status: NodeStatus["sockets"][string],
): void {
  const core = runner.core;
  const outside = outsideReporter(core, runner.id, s, () => runner.isCurrent(entry));
  void watchSocket(entry, (ev, errorCode) => {
    runner.closeWaiters.get(entry)?.(ev);
    if (!runner.isCurrent(entry)) return;
    core.peerErrors.monitor(entry, s.type, ev, errorCode);
    // Whatever a subscriber misses while disconnected is not a high-water-mark drop.
    if (ev.event === "disconnect") core.correlator.forgetReceiver(entry.key);
    core.emit({ type: "monitor", t: core.now(), node: runner.id, socket: s.id, ...ev });
    if (applyMonitor(status, ev)) runner.emitStatus();
    outside?.onEvent(ev);
  }).finally(() => outside?.close());
}

/**
 * Reads a socket's messages until it closes. `control`: the behaviour reads this socket's
 * messages raw (a broker's frames), uncounted and uncorrelated.
 */
export function receiveOn(runner: NodeRunner, entry: SocketEntry, control: boolean): void {
  if (!canReceive(entry.zmqType)) return;
  const core = runner.core;
  void core.registry.receiveLoop(
    entry,
    (frames) => {
      if (!core.admit(entry, frames)) {
        // A REP must answer before it may read again: an empty reply ends the refused request.
        if (entry.zmqType === "REP") return core.send(entry, [Buffer.alloc(0)], "reply");
        return;
      }
      if (control) return runner.behaviour?.onMessage?.({ socket: entry.socket, frames, id: 0 });
      const r = core.receive(entry, frames);
      // Most messages: nothing to wait for and nobody to tell (a sink has no onMessage).
      if (!(r instanceof Promise)) return handOver(runner, entry, frames, r);
      return r.then((x) => handOver(runner, entry, frames, x));
    },
    (err) => core.socketError(runner.id, entry.socket, err),
    (err) => core.peerErrors.receiveFailed(entry, err),
  );
}

function handOver(runner: NodeRunner, entry: SocketEntry, frames: Buffer[], r: ReceiveResult) {
  const b = runner.behaviour;
  if (!b?.onMessage || !runner.isCurrent(entry)) return;
  return b.onMessage({ socket: entry.socket, frames, ...r });
}
