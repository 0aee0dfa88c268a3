/**
 * The wire inspector's download: GET /api/links/:id/pcap serves what a watched link captured as a
 * pcap file for Wireshark/tshark (load packages/zmtp/wireshark/zmtp.lua for the ZMTP decoding).
 * Watching itself goes through the WebSocket message `{type:"wire", link, action}`.
 */
import { ERROR_CODES, ID_PATTERN } from "@zmqp/protocol";
import type { FastifyInstance } from "fastify";
import { HttpError } from "../errors.js";

export async function wireRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Params: { id: string } }>("/api/links/:id/pcap", async (req, reply) => {
    const { id } = req.params;
    // The graph's id rule also keeps the file name below safe.
    if (!ID_PATTERN.test(id))
      throw new HttpError(400, ERROR_CODES.BAD_MESSAGE, "link ids are letters, digits, _ . -");
    const pcap = app.hub.runtime.capturePcap(id);
    if (!pcap)
      throw new HttpError(
        404,
        ERROR_CODES.NOT_FOUND,
        `link ${id} was never watched: watch it first`,
      );
    return reply
      .type("application/vnd.tcpdump.pcap")
      .header("content-disposition", `attachment; filename="${id}.pcap"`)
      .send(Buffer.from(pcap.buffer, pcap.byteOffset, pcap.byteLength));
  });
}
