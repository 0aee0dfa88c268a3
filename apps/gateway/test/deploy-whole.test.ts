/**
 * A deploy applies whole or changes nothing: everything the engine cannot open is refused by
 * validation with its code while the previous graph keeps running, and what fails at run time
 * (a bind in use) is named in the answer, per node, with its code. Real engine, real sockets.
 */
import net from "node:net";
import { ERROR_CODES, type Diagnostic, type GraphInput } from "@zmqp/protocol";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deployTo, helloGraph, snapshotOf, testApp, waitFor } from "./helpers.js";

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});
afterAll(() => app.close());

const deploy = (doc: unknown) => deployTo(app, doc);
const snapshot = () => snapshotOf(app);
const received = async () => (await snapshot()).counters.nodes.client?.received ?? 0;

/** The running hello graph with one change made to a copy. */
function changed(edit: (g: GraphInput) => void): GraphInput {
  const g = structuredClone(helloGraph(17201, 20));
  edit(g);
  return g;
}

const sockets = (g: GraphInput, node: string) => g.nodes.find((n) => n.id === node)!.sockets;
const emoji = "😀".repeat(127); // 254 UTF-16 units, 508 bytes

const refusals: [string, string, (g: GraphInput) => void][] = [
  [
    "a TCP socket on a client",
    ERROR_CODES.SOCKET_TYPE,
    (g) => (sockets(g, "client")[0]!.type = "TCP"),
  ],
  [
    "a PUB socket on a server",
    ERROR_CODES.SOCKET_TYPE,
    (g) => (sockets(g, "server")[0]!.type = "PUB"),
  ],
  [
    "a routing id of 127 emoji (over 255 bytes)",
    ERROR_CODES.ROUTING_ID,
    (g) => (sockets(g, "client")[0]!.options = { routingId: emoji }),
  ],
  [
    "an IPv6 literal",
    ERROR_CODES.IPV6,
    (g) => (sockets(g, "server")[0]!.bind = ["tcp://[::1]:17202"]),
  ],
  [
    "ws://",
    ERROR_CODES.TRANSPORT,
    (g) => (sockets(g, "server")[0]!.bind = ["ws://127.0.0.1:17203"]),
  ],
  [
    "udp://",
    ERROR_CODES.TRANSPORT,
    (g) => (sockets(g, "server")[0]!.bind = ["udp://127.0.0.1:17204"]),
  ],
  [
    "pgm://",
    ERROR_CODES.TRANSPORT,
    (g) => (sockets(g, "server")[0]!.bind = ["pgm://eth0;239.1.1.1:5555"]),
  ],
];

describe("a deploy applies whole or changes nothing", () => {
  it.each(refusals)(
    "%s is refused (%s) and the previous graph keeps running",
    async (_what, code, edit) => {
      const first = await deploy(helloGraph(17201, 20));
      expect(first.statusCode).toBe(200);
      await waitFor(async () => (await received()) >= 2);
      const before = await snapshot();

      const res = await deploy(changed(edit));
      expect(res.statusCode).toBe(400);
      const body = res.json() as { code: string; diagnostics: Diagnostic[] };
      expect(body.code).toBe(ERROR_CODES.INVALID_GRAPH);
      expect(body.diagnostics.map((d) => d.code)).toContain(code);
      for (const d of body.diagnostics) expect(d.message).toMatch(/\S/);

      const after = await snapshot();
      expect(after.deployId).toBe(before.deployId);
      expect(after.doc).toEqual(before.doc);
      expect(after.nodes.client!.state).toBe("running");
      const n = await received();
      await waitFor(async () => (await received()) > n, 5000, "the old graph still answering");
    },
  );

  it("an external node on another machine is not dialled without --allow-external", async () => {
    const res = await deploy({
      version: 1,
      nodes: [
        { id: "c", role: "client", sockets: [{ id: "req", type: "REQ" }] },
        {
          id: "far",
          role: "external",
          sockets: [{ id: "peer", type: "REP", bind: ["tcp://10.1.2.3:5555"] }],
        },
      ],
      links: [{ id: "l", from: { node: "c", socket: "req" }, to: { node: "far", socket: "peer" } }],
    });
    expect(res.statusCode).toBe(400);
    const body = res.json() as { diagnostics: Diagnostic[] };
    expect(body.diagnostics.map((d) => d.code)).toContain(ERROR_CODES.EXTERNAL_DIAL);
  });

  it("a bind in use is named in the deploy's answer, per node, with its code", async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(17205, "127.0.0.1", r));
    try {
      const res = await deploy(helloGraph(17205, 20));
      expect(res.statusCode).toBe(200);
      const body = res.json() as { ok: boolean; diagnostics: Diagnostic[] };
      const failed = body.diagnostics.filter((d) => d.severity === "error");
      expect(failed).toEqual([
        expect.objectContaining({
          code: ERROR_CODES.ADDRESS_IN_USE,
          node: "server",
          socket: "rep",
        }),
      ]);
      expect(failed[0]!.message).toMatch(/server\.rep did not start: tcp:\/\/127\.0\.0\.1:17205/);
    } finally {
      blocker.close();
    }
  });
});
