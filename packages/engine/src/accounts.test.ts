/**
 * Every message sent on a link is accounted for: received, dropped with a reason, or in flight,
 * exactly, through faults that lose messages (a killed receiver, a cut link, a restarted sender).
 * Real sockets; the soak bench (bench/soak) runs the same check for an hour.
 */
import { afterEach, expect, it } from "vitest";
import type { Runtime } from "./api.js";
import { createRuntime } from "./runtime.js";
import { graph, link, node, waitFor } from "./test-helpers.js";

let rt: Runtime | undefined;
afterEach(async () => {
  await rt?.close();
  rt = undefined;
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it("sent = received + dropped + in flight on every link, through kill, cut and restart", async () => {
  rt = createRuntime();
  const res = await rt.deploy(
    graph(
      [
        node(
          "vent",
          "ventilator",
          [{ id: "push", type: "PUSH", bind: ["tcp://127.0.0.1:17801"] }],
          {
            intervalMs: 0,
          },
        ),
        node("worker", "worker", [
          { id: "pull", type: "PULL" },
          { id: "push", type: "PUSH" },
        ]),
        node("sink", "sink", [{ id: "pull", type: "PULL", bind: ["tcp://127.0.0.1:17802"] }]),
        node("pub", "publisher", [{ id: "pub", type: "PUB", bind: ["tcp://127.0.0.1:17803"] }], {
          intervalMs: 0,
          topics: ["q"],
        }),
        node("sub", "subscriber", [{ id: "sub", type: "SUB" }], { topics: ["q"] }),
        node("client", "client", [{ id: "req", type: "REQ" }], {
          intervalMs: 1,
          lazyPirate: true,
          timeoutMs: 500,
        }),
        node("server", "server", [{ id: "rep", type: "REP", bind: ["tcp://127.0.0.1:17804"] }]),
      ],
      [
        link("vw", "worker.pull", "vent.push"),
        link("ws", "worker.push", "sink.pull"),
        link("ps", "sub.sub", "pub.pub"),
        link("cs", "client.req", "server.rep"),
      ],
    ),
  );
  expect(res.ok).toBe(true);
  await waitFor("the subscriber connected", () => rt!.snapshot().nodes.sub!.sockets.sub!.peers);
  const drive = async (ms: number) => {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      for (let i = 0; i < 20; i++) {
        void rt!.nodeAction("vent", "send");
        void rt!.nodeAction("pub", "send");
      }
      await sleep(5);
    }
  };
  await drive(500);
  await rt.nodeAction("sink", "kill");
  await drive(300);
  await rt.nodeAction("sink", "start");
  await rt.linkAction("vw", "cut");
  await drive(300);
  await rt.linkAction("vw", "restore");
  await rt.nodeAction("vent", "restart");
  await rt.nodeAction("server", "kill");
  await drive(300);
  await rt.nodeAction("server", "start");
  await drive(500);

  // Quiet: the accounts settle (each link in flight, dropped or received).
  await waitFor(
    "settled accounts",
    () => {
      const a = rt!.accounts();
      return a.length >= 5 && a.every((x) => x.inFlight <= 1) ? a : null;
    },
    10_000,
  );
  const accounts = rt.accounts();
  for (const a of accounts) {
    expect(a.exact, a.from).toBe(true);
    const dropped = Object.values(a.dropped).reduce((x, y) => x + y, 0);
    expect(a.sent, JSON.stringify(a)).toBe(a.received + dropped + a.inFlight);
    expect(a.unaccounted).toBe(0);
  }
  const byFrom = Object.fromEntries(accounts.map((a) => [a.from, a]));
  expect(byFrom["vent.push"]!.sent).toBeGreaterThan(1000);
  // The killed sink and the restarted ventilator lost messages, and said where they went.
  const lost = accounts.reduce(
    (n, a) => n + Object.values(a.dropped).reduce((x, y) => x + y, 0),
    0,
  );
  expect(lost).toBeGreaterThan(0);
});
