/**
 * The runtime side of the wire inspector: how a watched link is re-routed. The link's connecting
 * socket disconnects from where it dials now and connects to the new address (Core.linkAddress
 * returns the relay while `wireRoutes` holds it, so a restore after a cut or a Lazy Pirate reopen
 * dials the relay too). A raw TCP client owns its connection, so it is restarted instead.
 */
import type { Core } from "../core.js";
import type { NodeRunner } from "../node-runner.js";
import type { WireHost } from "./inspector.js";

export function runtimeWireHost(core: Core, runners: Map<string, NodeRunner>): WireHost {
  const find = (id: string) => core.doc?.links.find((l) => l.id === id);
  return {
    now: () => core.now(),
    emit: (e) => core.emit(e),
    linkFrom: (id) => find(id)?.from.node ?? null,
    realAddress(id) {
      const link = find(id);
      return link ? core.linkAddress(link, true) : null;
    },
    async reroute(id, address) {
      const link = find(id);
      const runner = link && runners.get(link.from.node);
      // A REQ whose request is in flight would lose the reply with the old connection and wait
      // forever: switch between two round trips (or after a short wait, if it is stuck anyway).
      if (runner) await betweenRoundTrips(runner);
      runner?.disconnectLink(id);
      if (address) core.wireRoutes.set(id, address);
      else core.wireRoutes.delete(id);
      if (!runner) return;
      if (!runner.entries.has(link!.from.socket)) {
        if (runner.active) await runner.restart();
        return;
      }
      if (!core.links.cut.has(id)) {
        runner.connectLink(id);
        runner.emitStatus();
      }
    },
    forget: (id) => core.wireRoutes.delete(id),
  };
}

async function betweenRoundTrips(runner: NodeRunner, maxMs = 1000): Promise<void> {
  const end = Date.now() + maxMs;
  while (runner.status.activity === "waiting" && Date.now() < end)
    await new Promise((r) => setTimeout(r, 2));
}
