import { afterEach, describe, expect, it } from "vitest";
import type { EventOf, RuntimeEvent } from "@zmqp/protocol";
import type { Runtime } from "./api.js";
import { createRuntime } from "./runtime.js";
import { graph, link, node, waitFor } from "./test-helpers.js";

type MessageEvent = EventOf<"message">;

let rt: Runtime | undefined;
afterEach(async () => {
  await rt?.close();
  rt = undefined;
});

// A receive's event shares the formatted frames of the send it matched (formatted once): what it
// shows must still be exactly the bytes that arrived, read in either order.
describe("a receive's frames, shared with its send's", () => {
  it("show each message's own bytes, whichever event is read first", async () => {
    rt = createRuntime();
    const events: MessageEvent[] = [];
    rt.on((e: RuntimeEvent) => {
      if (e.type === "message") events.push(e);
    });
    await rt.deploy(
      graph(
        [
          node("vent", "ventilator", [{ id: "push", type: "PUSH" }], {
            intervalMs: 0,
            payload: "task {n} ü",
          }),
          node("sink", "sink", [{ id: "pull", type: "PULL", bind: ["tcp://127.0.0.1:15571"] }]),
        ],
        [link("l", "vent.push", "sink.pull")],
      ),
    );
    for (let i = 0; i < 40; i++) await rt.nodeAction("vent", "send");
    const ins = () => events.filter((e) => e.direction === "in");
    await waitFor("every receive", () => ins().length >= 40 || null);
    const outs = new Map(events.filter((e) => e.direction === "out").map((e) => [e.id, e]));
    for (const [i, m] of ins().entries()) {
      const out = outs.get(m.sendId!)!;
      // Odd ones: the receive read first (it formats for both); even: the send first.
      const [first, second] = i % 2 ? [m, out] : [out, m];
      const a = first.frames;
      const b = second.frames;
      const n = Number(/task (\d+)/.exec(a[0]!.text!)![1]);
      const bytes = Buffer.from(`task ${n} ü`);
      for (const f of [a, b])
        expect(f).toEqual([
          { size: bytes.length, hex: bytes.toString("hex"), role: "body", text: `task ${n} ü` },
        ]);
      // Whatever was read, a copy for the wire has the frames.
      expect(JSON.parse(JSON.stringify(m)).frames).toEqual(b);
    }
    // In order on one pipe: receive k is send k.
    expect(ins().map((m) => m.frames[0]!.text)).toEqual(
      Array.from({ length: 40 }, (_, k) => `task ${k + 1} ü`),
    );
  });
});
