import { afterEach, expect, it } from "vitest";
import { sleep, waitFor } from "../test-helpers.js";
import {
  body,
  received,
  runTemplate,
  sent,
  stepTime,
  type TemplateRun,
} from "./template-harness.js";

let run: TemplateRun | undefined;
afterEach(async () => {
  await run?.rt.close();
  run = undefined;
});

it("01b client first: the request sent before the server exists is answered once it binds", async () => {
  run = await runTemplate("01b-client-first");
  const { rt, events } = run;

  await sleep(1500);
  let snap = rt.snapshot();
  expect(snap.nodes.server!.state).toBe("stopped");
  expect(snap.nodes.client!.activity).toBe("waiting");
  // One request is out and queued; a REQ sends no second one before the reply.
  expect(rt.counters().nodes.client).toMatchObject({ sent: 1, received: 0 });
  expect(
    events.some((e) => e.type === "monitor" && e.node === "client" && e.event === "connect:retry"),
  ).toBe(true);

  const reply = await waitFor("the first reply", () => received(events, "client")[0], 6000);
  const started = stepTime(events, 0)!;
  expect(started).toBeDefined();
  expect(reply.t).toBeGreaterThanOrEqual(started);
  expect(body(reply)).toBe("World");
  // The request the server took is the one sent before it existed, not a resend.
  const first = sent(events, "client")[0]!;
  expect(first.t).toBeLessThan(started);
  const taken = received(events, "server")[0]!;
  expect(taken.sendId).toBe(first.id);
  expect(body(taken)).toBe("Hello 1");
  expect(reply.t - started).toBeLessThan(1000);

  await waitFor("client idle again", () => rt.snapshot().nodes.client!.activity === "idle", 2000);
  snap = rt.snapshot();
  expect(snap.nodes.server!.state).toBe("running");
  expect(rt.counters().nodes.client!.dropped).toBe(0);
});
