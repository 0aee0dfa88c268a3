import type { RuntimeEvent } from "@zmqp/protocol";
import { describe, expect, it } from "vitest";
import { fold } from "./client.js";

const msg = (id: number): RuntimeEvent => ({
  type: "message",
  t: id,
  id,
  node: "a",
  socket: "s",
  direction: "in",
  kind: "data",
  link: null,
  frames: [],
});

describe("folding a backlog of batches (a tab that got no animation frames)", () => {
  it("keeps every status and counters event, the newest 500 messages, and counts the rest as sampled", () => {
    const status: RuntimeEvent = {
      type: "status",
      t: 0,
      node: "a",
      status: { state: "running", sockets: {} },
    };
    const batches = Array.from({ length: 10 }, (_, b) => ({
      events: [status, ...Array.from({ length: 100 }, (_, i) => msg(b * 100 + i))],
      sampled: 1,
    }));
    const out = fold(batches);
    expect(out.events.filter((e) => e.type === "status")).toHaveLength(10);
    const messages = out.events.filter((e) => e.type === "message");
    expect(messages).toHaveLength(500);
    expect(messages[0]?.type === "message" && messages[0].id).toBe(500);
    expect(out.sampled).toBe(10 + 500);
  });
});
