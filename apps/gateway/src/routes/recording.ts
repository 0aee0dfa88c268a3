/**
 * GET /api/recording: the current run (as recorded so far) or the last one, as a .zmqrec file.
 * GET /api/recording/status: whether a run is being recorded, its budget and how much was sampled.
 * Token-protected like every /api route but health.
 */
import { ERROR_CODES } from "@zmqp/protocol";
import type { FastifyInstance } from "fastify";
import { HttpError } from "../errors.js";

export async function recordingRoutes(app: FastifyInstance): Promise<void> {
  app.get("/api/recording", async (_req, reply) => {
    const rec = app.recordings.download();
    if (!rec)
      throw new HttpError(
        404,
        ERROR_CODES.NOT_FOUND,
        "no run has been recorded yet: press Run first",
      );
    const when = new Date(rec.startedAt || Date.now()).toISOString().replace(/[:.]/g, "-");
    return reply
      .type("application/zip")
      .header("content-disposition", `attachment; filename="zmqp-run-${when}.zmqrec"`)
      .send(Buffer.from(rec.bytes.buffer, rec.bytes.byteOffset, rec.bytes.byteLength));
  });

  app.get("/api/recording/status", async () => app.recordings.status());
}
