import { afterEach, expect, it } from "vitest";
import { waitFor } from "../test-helpers.js";
import {
  body,
  errors,
  received,
  runTemplate,
  sent,
  type MessageEvent,
  type TemplateRun,
} from "./template-harness.js";

let run: TemplateRun | undefined;
afterEach(async () => {
  await run?.rt.close();
  run = undefined;
});

const on = (ms: MessageEvent[], socket: string) => ms.filter((m) => m.socket === socket);
const roles = (m: MessageEvent) => m.frames.map((f) => f.role);

it("04 broker: both clients served, both workers used, the envelope visible at each hop", async () => {
  run = await runTemplate("04-broker");
  const { rt, events } = run;
  await waitFor(
    "3 replies per client",
    () => received(events, "client-1").length >= 3 && received(events, "client-2").length >= 3,
    6000,
  );

  // Frontend (ROUTER) in: [client's routing id, empty delimiter, body].
  const front = on(received(events, "broker"), "frontend");
  expect(front.length).toBeGreaterThanOrEqual(6);
  for (const m of front) {
    expect(roles(m)).toEqual(["routing-id", "delimiter", "body"]);
    expect(m.frames[1]!.size).toBe(0);
    expect(m.frames[0]!.text).toBe(`${m.from!.node}.req`);
  }
  expect(new Set(front.map((m) => m.from!.node))).toEqual(new Set(["client-1", "client-2"]));

  // Backend (DEALER) out: the same three frames, unchanged; the workers' replies come back with
  // the envelope, and the frontend sends each to the client whose id leads it.
  const backOut = on(sent(events, "broker"), "backend");
  expect(backOut[0]!.frames.map((f) => f.text)).toEqual(front[0]!.frames.map((f) => f.text));
  for (const m of on(received(events, "broker"), "backend"))
    expect(roles(m)).toEqual(["routing-id", "delimiter", "body"]);
  for (const client of ["client-1", "client-2"]) {
    const replies = received(events, client);
    for (const r of replies) {
      expect(body(r)).toMatch(new RegExp(`^worker-[12]: c${client.at(-1)} job \\d+$`));
      expect(r).toMatchObject({ from: { node: "broker", socket: "frontend" } });
    }
  }

  // Both workers take part: the DEALER deals requests in turn.
  const c = rt.counters().nodes;
  const w1 = c["worker-1"]!.received;
  const w2 = c["worker-2"]!.received;
  expect(w1).toBeGreaterThanOrEqual(2);
  expect(w2).toBeGreaterThanOrEqual(2);
  // In turn among the workers connected at that moment: a request sent before worker-2's
  // handshake finished goes to worker-1 as well, so the counts may start two apart.
  expect(Math.abs(w1 - w2), `worker-1 ${w1}, worker-2 ${w2}`).toBeLessThanOrEqual(2);
  expect(c["worker-1"]!.peers.broker!.received).toBe(w1);
  expect(errors(events)).toEqual([]);
});
