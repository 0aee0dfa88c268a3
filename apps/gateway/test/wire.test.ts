/**
 * The wire inspector through the gateway, real engine and sockets: the page's `{type:"wire"}`
 * message re-routes a tcp link through the relay, decoded `wire` events arrive in batches, and
 * GET /api/links/:id/pcap serves the capture.
 */
import { PROTOCOL_VERSION, type EventOf } from "@zmqp/protocol";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUTH, connect, helloGraph, listen, testApp, waitFor } from "./helpers.js";

let app: FastifyInstance;
let base: string;
beforeAll(async () => {
  app = await testApp();
  base = await listen(app);
});
afterAll(() => app.close());

type Wire = EventOf<"wire">;

describe("wire inspector over the gateway", () => {
  it("watch → decoded wire events with raw bytes per field → pcap download → unwatch", async () => {
    const c = await connect(base);
    c.send({ type: "hello", protocol: PROTOCOL_VERSION });
    await c.next("welcome");
    c.send({ type: "deploy", doc: helloGraph(15641, 30) });
    await c.next("deployed");
    expect((await app.inject({ url: "/api/links/l1/pcap", headers: AUTH })).statusCode).toBe(404);

    c.send({ type: "wire", link: "l1", action: "watch" });
    const wire = () => c.events().filter((e): e is Wire => e.type === "wire");
    const ready = await waitFor(
      () =>
        wire()
          .flatMap((e) => e.items)
          .find((i) => i.command === "READY" && i.properties?.["Socket-Type"] === "REP"),
      5000,
      "the REP's READY",
    );
    expect(ready.fields.find((f) => f.name === "Socket-Type")).toMatchObject({
      value: "REP",
      hex: "00 00 00 03 52 45 50",
    });
    await waitFor(() =>
      wire().some((e) => e.direction === "c2s" && e.items.some((i) => i.text?.startsWith("Hello"))),
    );
    expect(app.hub.runtime.snapshot().watchedLinks).toEqual(["l1"]);

    const res = await app.inject({ url: "/api/links/l1/pcap", headers: AUTH });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.readUInt32LE(0)).toBe(0xa1b2c3d4);
    expect(res.rawPayload.includes(Buffer.from("Socket-Type\x00\x00\x00\x03REQ", "latin1"))).toBe(
      true,
    );

    expect(res.headers["content-type"]).toBe("application/vnd.tcpdump.pcap");
    expect(res.headers["content-disposition"]).toBe('attachment; filename="l1.pcap"');
    expect((await app.inject({ url: "/api/links/l1/pcap" })).statusCode).toBe(401);
    expect((await app.inject({ url: "/api/links/..%2Fx/pcap", headers: AUTH })).statusCode).toBe(
      400,
    );

    c.send({ type: "wire", link: "l1", action: "unwatch" });
    await waitFor(() => app.hub.runtime.snapshot().watchedLinks?.length === 0);
    await c.close();
  });
});
