import { afterEach, expect, it } from "vitest";
import type { Runtime } from "./api.js";
import { SimulatedClock } from "./clock.js";
import { createRuntime } from "./runtime.js";
import { graph, helloWorld, link, messages, node, record, sleep, waitFor } from "./test-helpers.js";

let rt: Runtime | undefined;
afterEach(async () => {
  await rt?.close();
  rt = undefined;
});

it("intervals, REQ timeouts and the timeline run on the injected clock (sockets stay real)", async () => {
  const clock = new SimulatedClock(1_000_000);
  rt = createRuntime({ clock });
  const events = record(rt);
  await rt.deploy(helloWorld(15585, { intervalMs: 1000 }));
  // The first request goes at start; the next one only when the clock says a second passed.
  await waitFor("reply 1", () => messages(events, "client", "in").length === 1);
  await sleep(150);
  expect(messages(events, "client", "out")).toHaveLength(1);
  clock.advance(999);
  await sleep(100);
  expect(messages(events, "client", "out")).toHaveLength(1);
  clock.advance(1);
  await waitFor("reply 2", () => messages(events, "client", "in").length === 2);
  expect(messages(events, "client", "in")[1]!.t).toBe(1_001_000);
});

it("a plain REQ with no server turns stuck after 2 s of simulated time", async () => {
  const clock = new SimulatedClock();
  rt = createRuntime({ clock });
  await rt.deploy(
    graph(
      [
        node("client", "client", [{ id: "req", type: "REQ" }], { intervalMs: 0 }),
        node("ext", "external", [{ id: "peer", type: "REP", bind: ["tcp://127.0.0.1:15586"] }]),
      ],
      [link("l", "client.req", "ext.peer")],
      [{ atMs: 500, action: "send", node: "client" }],
    ),
  );
  clock.advance(500);
  await waitFor("waiting", () => rt!.snapshot().nodes.client!.activity === "waiting");
  clock.advance(1999);
  expect(rt.snapshot().nodes.client!.activity).toBe("waiting");
  clock.advance(1);
  expect(rt.snapshot().nodes.client!.activity).toBe("stuck");
});

it("a REQ whose reply step mode holds stays waiting, however long the hold; Next brings it", async () => {
  const clock = new SimulatedClock();
  rt = createRuntime({ clock });
  const events = record(rt);
  rt.step("hold");
  await rt.deploy(helloWorld(15587, { intervalMs: 0 }));
  void rt.nodeAction("client", "send");
  await waitFor("the request held", () => rt!.snapshot().heldTotal === 1);
  rt.step("next");
  await waitFor(
    "the reply held at the server",
    () => messages(events, "server", "in").length === 1 && rt!.snapshot().heldTotal === 1,
  );
  // Before: "stuck: waiting forever" after 2 s, while the reply sat in step mode's hand.
  for (let s = 0; s < 10; s++) clock.advance(1000);
  expect(rt.snapshot().nodes.client!.activity).toBe("waiting");
  rt.step("next");
  await waitFor("the reply", () => messages(events, "client", "in").length === 1);
  await waitFor("idle", () => rt!.snapshot().nodes.client!.activity === "idle");
});

it("latency set on the link stretches the wait before a plain REQ calls itself stuck", async () => {
  const clock = new SimulatedClock();
  rt = createRuntime({ clock });
  await rt.deploy(
    graph(
      [
        node("client", "client", [{ id: "req", type: "REQ" }], { intervalMs: 0 }),
        node("ext", "external", [{ id: "peer", type: "REP", bind: ["tcp://127.0.0.1:15588"] }]),
      ],
      [link("l", "client.req", "ext.peer")],
    ),
  );
  await rt.linkAction("l", "restore", 1000);
  void rt.nodeAction("client", "send");
  await waitFor("waiting", () => rt!.snapshot().nodes.client!.activity === "waiting");
  // 2 s, plus 4 × the 1 s latency (a request and its reply, up to two links each way).
  clock.advance(5999);
  expect(rt.snapshot().nodes.client!.activity).toBe("waiting");
  clock.advance(1);
  expect(rt.snapshot().nodes.client!.activity).toBe("stuck");
});
