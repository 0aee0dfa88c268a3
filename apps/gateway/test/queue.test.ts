/** GET /api/queue (list queue) and the queues in /api/runtime, on the real engine. */
import { ERROR_CODES, type QueueListing, type RuntimeSnapshot } from "@zmqp/protocol";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUTH, deployTo, snapshotOf, testApp, waitFor } from "./helpers.js";

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});
afterAll(() => app.close());

const get = (query: string, headers: Record<string, string> = AUTH) =>
  app.inject({ url: `/api/queue${query}`, headers });

/** A ventilator 1000 tasks a second ahead of a worker that the test pauses. */
const pipeline = () => ({
  version: 1,
  nodes: [
    {
      id: "vent",
      role: "ventilator",
      sockets: [
        {
          id: "push",
          type: "PUSH",
          bind: ["inproc://queue-api"],
          options: { sendHighWaterMark: 300 },
        },
      ],
      params: { intervalMs: 1, payload: "task {n}" },
    },
    {
      id: "worker",
      role: "worker",
      sockets: [{ id: "pull", type: "PULL", options: { receiveHighWaterMark: 300 } }],
    },
  ],
  links: [
    { id: "v-w", from: { node: "worker", socket: "pull" }, to: { node: "vent", socket: "push" } },
  ],
});

describe("GET /api/queue", () => {
  it("needs the token", async () => {
    expect((await get("?link=v-w&from=vent/push", {})).statusCode).toBe(401);
  });

  it("refuses bad input with a clear error", async () => {
    const cases: [string, RegExp][] = [
      ["", /needs link/],
      ["?link=v-w", /needs from/],
      ["?link=v-w&link=x&from=vent/push", /once/],
      ["?link=../etc&from=vent/push", /link is a link id/],
      [`?link=${"a".repeat(65)}&from=vent/push`, /link is a link id/],
      ["?link=v-w&from=vent", /from is node\/socket/],
      ["?link=v-w&from=vent/push/x", /from is node\/socket/],
      ["?link=v-w&from=vent/%00", /from is node\/socket/],
    ];
    for (const [query, message] of cases) {
      const res = await get(query);
      expect(res.statusCode, query).toBe(400);
      expect(res.json(), query).toMatchObject({ code: ERROR_CODES.BAD_MESSAGE, message });
    }
  });

  it("says nothing runs when nothing runs", async () => {
    const res = await get("?link=v-w&from=vent/push");
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe(ERROR_CODES.NOT_RUNNING);
  });

  it("lists the oldest 100 in flight, oldest first; /api/runtime carries the queue and the block", async () => {
    expect((await deployTo(app, pipeline())).statusCode).toBe(200);
    await app.hub.runtime.nodeAction("worker", "pause");
    const listing = await waitFor(async () => {
      const res = await get("?link=v-w&from=vent/push");
      const l = res.json() as QueueListing;
      return res.statusCode === 200 && l.inFlight > 150 && l;
    });
    expect(listing.messages).toHaveLength(100);
    expect(listing.from).toEqual({ node: "vent", socket: "push" });
    expect(listing.to).toEqual({ node: "worker", socket: "pull" });
    const ids = listing.messages.map((m) => m.sendId);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const n = (i: number) =>
      Number(/task (\d+)/.exec(listing.messages[i]!.frames[0]!.text ?? "")?.[1]);
    expect(n(1)).toBeGreaterThan(n(0));
    expect(listing.messages[0]!.ageMs).toBeGreaterThanOrEqual(listing.messages[99]!.ageMs);

    const snap: RuntimeSnapshot = await waitFor(async () => {
      const s = await snapshotOf(app);
      return s.pipes?.some((p) => p.node === "vent" && p.state === "blocked") && s;
    });
    const q = snap.queues?.find((l) => l.link === "v-w");
    expect(q?.capacity).toMatchObject({ sendHwm: 300, recvHwm: 300 });
    // + 1 when the worker paused waiting in zeromq: it read the next task, and holds it.
    expect(q?.capacity.total).toBe(600 + (q?.capacity.held ?? 0));

    const wrong = await get("?link=nope&from=vent/push");
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json().code).toBe(ERROR_CODES.NOT_FOUND);
    // The worker's end receives only: nothing of its own is in flight on the link.
    expect((await get("?link=v-w&from=worker/pull")).statusCode).toBe(404);
  });
});
