/** WebSocket /ws. The auth hook has already checked Host, Origin and token before the upgrade. */
import type { FastifyInstance } from "fastify";
import { Tab, type TabOptions } from "../session/tab.js";
import type { TabSlots } from "../session/tab-limits.js";

export async function wsRoutes(
  app: FastifyInstance,
  opts: { tab: TabOptions; slots: TabSlots },
): Promise<void> {
  app.get("/ws", { websocket: true }, (socket) => {
    if (opts.slots.take(socket)) new Tab(socket, app.hub, opts.tab);
  });
}
