/**
 * The runtime side of the wire inspector: how a watched link is re-routed. The link's connecting
 * socket disconnects from where it dials now and connects to the new address (Topology.address
 * returns the relay while `routes` holds it, so a restore after a cut or a Lazy Pirate reopen
 * dials the relay too). A raw TCP client owns its connection, so it is restarted instead.
 */
import type { Core } from "../core.js";
import type { NodeRunner } from "../node-runner.js";
import type { WireHost } from "./inspector.js";

export function runtimeWireHost(core: Core, runners: Map<string, NodeRunner>): WireHost {
  const find = (id: string) => core.state.topology.link(id);
  return {
    now: () => core.state.now(),
    emit: (e) => core.state.emit(e),
    linkFrom: (id) => find(id)?.from.node ?? null,
    realAddress(id) {
      const link = find(id);
      return link ? core.state.topology.address(id, true) : null;
    },
    async reroute(id, address) {
      const link = find(id);
      const runner = link && runners.get(link.from.node);
      // A REQ whose request is in flight would lose the reply with the old connection and wait
      // forever: switch between two round trips (or after a short wait, if it is stuck anyway).
      if (runner) await betweenRoundTrips(runner);
      runner?.sockets.disconnectLink(id);
      // The topology of now: a deploy may have replaced it while we waited.
      const topology = core.state.topology;
      if (address) topology.routes.set(id, address);
      else topology.routes.delete(id);
      if (!runner) return;
      if (!runner.sockets.entries.has(link!.from.socket)) {
        if (runner.active) await runner.restart();
        return;
      }
      if (!topology.cut.has(id)) {
        runner.sockets.connectLink(id);
        runner.emitStatus();
      }
    },
    forget: (id) => core.state.topology.routes.delete(id),
  };
}

async function betweenRoundTrips(runner: NodeRunner, maxMs = 1000): Promise<void> {
  const end = Date.now() + maxMs;
  while (runner.status.activity === "waiting" && Date.now() < end)
    await new Promise((r) => setTimeout(r, 2));
}
