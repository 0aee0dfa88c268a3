/**
 * Attach over HTTP and WebSocket: `GET /api/attach` (allowed? running? the graph), `POST
 * /api/attach {"ports":"5555,5559-5560"}` starts watching loopback, `POST /api/attach/stop` ends it
 * and answers with the summary, `/ws/attach` streams the observed events to a page. Every route is
 * behind the token like the rest; starting and stopping are refused with
 * ZMQP_ERR_CAPTURE_NOT_ALLOWED unless the gateway was started with --allow-capture.
 */
import type { FastifyInstance } from "fastify";
import { AttachTab } from "../session/attach-tab.js";
import type { TabSlots } from "../session/tab-limits.js";

export async function attachRoutes(app: FastifyInstance, opts: { slots: TabSlots }): Promise<void> {
  app.get("/api/attach", async () => app.attach.state());
  app.post<{ Body: { ports?: unknown } | undefined }>("/api/attach", async (req) =>
    app.attach.start(req.body?.ports),
  );
  app.post("/api/attach/stop", async () => ({ summary: await app.attach.stop() }));
  app.get("/ws/attach", { websocket: true }, (socket) => {
    if (opts.slots.take(socket)) new AttachTab(socket, app.attach);
  });
}
