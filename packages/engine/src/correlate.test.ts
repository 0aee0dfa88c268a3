/**
 * Correlation under load that is not in step: a PUSH round-robins over two PULLs, one of them
 * paused, so its sends wait unmatched in the PUSH's list while the other takes its share. Each
 * receive must still name its own send, and the counters add up exactly.
 */
import { afterEach, expect, it } from "vitest";
import type { Runtime } from "./api.js";
import { createRuntime } from "./runtime.js";
import { graph, link, messages, node, record, waitFor } from "./test-helpers.js";

let rt: Runtime | undefined;
afterEach(async () => {
  await rt?.close();
  rt = undefined;
});

const N = 300;

it("a paused receiver's pending sends do not confuse the other's matches; all add up after resume", async () => {
  rt = createRuntime();
  const events = record(rt);
  const pull = (id: string) => node(id, "sink", [{ id: "pull", type: "PULL" }]);
  const r = await rt.deploy(
    graph(
      [
        node(
          "vent",
          "ventilator",
          [{ id: "push", type: "PUSH", bind: ["tcp://127.0.0.1:15741"] }],
          {
            intervalMs: 0,
            payload: "task {n}",
          },
        ),
        pull("a"),
        pull("b"),
      ],
      [link("la", "a.pull", "vent.push"), link("lb", "b.pull", "vent.push")],
    ),
  );
  expect(r.ok).toBe(true);
  await waitFor("both connected", () => rt!.snapshot().nodes.vent!.sockets.push!.peers === 2);
  await rt.nodeAction("a", "pause");
  for (let i = 0; i < N; i++) await rt.nodeAction("vent", "send");
  await waitFor("b's half", () => messages(events, "b", "in").length === N / 2);
  await rt.nodeAction("a", "resume");
  await waitFor("a's half", () => messages(events, "a", "in").length === N / 2);

  const sent = new Map(messages(events, "vent", "out").map((e) => [e.id, e.frames[0]!.text]));
  const got = [...messages(events, "a", "in"), ...messages(events, "b", "in")];
  // Every receive names a send of the ventilator with the very same body, and no send twice.
  for (const e of got) {
    expect(e.from).toEqual({ node: "vent", socket: "push" });
    expect(e.linkDirection).toBe("backward");
    expect(sent.get(e.sendId!)).toBe(e.frames[0]!.text);
  }
  expect(new Set(got.map((e) => e.sendId)).size).toBe(N);
  const c = rt.counters();
  expect(c.nodes.vent).toMatchObject({ sent: N, dropped: 0 });
  expect(c.nodes.vent!.peers).toEqual({
    a: { sent: N / 2, received: 0 },
    b: { sent: N / 2, received: 0 },
  });
  expect(c.links).toEqual({
    la: { forward: 0, backward: N / 2 },
    lb: { forward: 0, backward: N / 2 },
  });
});
