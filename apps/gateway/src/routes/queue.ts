/**
 * GET /api/queue?link=ID&from=node/socket: list queue, the oldest messages in flight (at most
 * 100) on one link from one of its ends. Token-protected like every /api route but health; the
 * page polls it while the panel is open, so the input is checked before the engine is asked.
 */
import { ERROR_CODES, ID_PATTERN as ID } from "@zmqp/protocol";
import type { FastifyInstance } from "fastify";
import { HttpError } from "../errors.js";

function one(v: unknown, name: string): string {
  if (v === undefined || v === "")
    throw new HttpError(400, ERROR_CODES.BAD_MESSAGE, `the query needs ${name}`);
  if (typeof v !== "string") throw new HttpError(400, ERROR_CODES.BAD_MESSAGE, `give ${name} once`);
  return v;
}

export async function queueRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: Record<string, unknown> }>("/api/queue", async (req) => {
    const link = one(req.query.link, "link");
    const from = one(req.query.from, "from");
    if (!ID.test(link))
      throw new HttpError(
        400,
        ERROR_CODES.BAD_MESSAGE,
        "link is a link id: 1-64 of A-Z a-z 0-9 _ . -",
      );
    const [node, socket, ...rest] = from.split("/");
    if (!node || !socket || rest.length > 0 || !ID.test(node) || !ID.test(socket))
      throw new HttpError(
        400,
        ERROR_CODES.BAD_MESSAGE,
        "from is node/socket, e.g. ventilator/push",
      );
    const runtime = app.hub.runtime;
    if (runtime.snapshot().state !== "running")
      throw new HttpError(409, ERROR_CODES.NOT_RUNNING, "nothing is running");
    const listing = runtime.queue(link, `${node}/${socket}`);
    if (!listing)
      throw new HttpError(
        404,
        ERROR_CODES.NOT_FOUND,
        `no link ${link} that ${node}/${socket} sends on in the running graph`,
      );
    return listing;
  });
}
