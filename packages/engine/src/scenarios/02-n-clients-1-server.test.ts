import { afterEach, expect, it } from "vitest";
import { waitFor } from "../test-helpers.js";
import { errors, received, runTemplate, type TemplateRun } from "./template-harness.js";

let run: TemplateRun | undefined;
afterEach(async () => {
  await run?.rt.close();
  run = undefined;
});

const CLIENTS = ["client-1", "client-2", "client-3"];

it("02 three clients, one server: the busy server takes the clients strictly in turn", async () => {
  run = await runTemplate("02-n-clients-1-server");
  const { rt, events } = run;
  await waitFor("12 requests served", () => received(events, "server").length >= 12, 8000);

  // Fair queuing: after the first round, every three consecutive requests come from three clients.
  const order = received(events, "server").map((m) => m.from?.node);
  expect(order.every((n) => n && CLIENTS.includes(n))).toBe(true);
  for (let i = 3; i + 3 <= order.length; i++)
    expect(new Set(order.slice(i, i + 3)).size, order.join(" ")).toBe(3);

  // Per-peer counts on the server differ by at most one, and every client got its replies.
  const peers = rt.counters().nodes.server!.peers;
  const counts = CLIENTS.map((c) => peers[c]?.received ?? 0);
  expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
  for (const c of CLIENTS) expect(received(events, c).length).toBeGreaterThanOrEqual(3);
  expect(received(events, "client-1")[0]!.frames.at(-1)!.text).toMatch(/^served: c1 hello \d+$/);
  expect(errors(events)).toEqual([]);
});
