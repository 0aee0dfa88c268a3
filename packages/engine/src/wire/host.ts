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
