/** WebSocket /ws. The auth hook has already checked Host, Origin and token before the upgrade. */
import type { FastifyInstance } from "fastify";
import { Tab, type TabOptions } from "../session/tab.js";

export async function wsRoutes(app: FastifyInstance, opts: TabOptions): Promise<void> {
  app.get("/ws", { websocket: true }, (socket) => {
    new Tab(socket, app.hub, opts);
  });
}
