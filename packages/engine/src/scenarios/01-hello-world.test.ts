import { afterEach, expect, it } from "vitest";
import { waitFor } from "../test-helpers.js";
import { body, errors, received, runTemplate, sent, type TemplateRun } from "./template-harness.js";

let run: TemplateRun | undefined;
afterEach(async () => {
  await run?.rt.close();
  run = undefined;
});

it("01 hello world: every Hello is answered World on the same link", async () => {
  run = await runTemplate("01-hello-world");
  const { rt, events } = run;
  await waitFor("3 replies", () => received(events, "client").length >= 3, 6000);

  const replies = received(events, "client");
  for (const r of replies) {
    expect(body(r)).toBe("World");
    expect(r).toMatchObject({ link: "client-server", linkDirection: "backward", kind: "reply" });
  }
  expect(sent(events, "client").map(body).slice(0, 3)).toEqual(["Hello 1", "Hello 2", "Hello 3"]);
  expect(received(events, "server").map(body).slice(0, 3)).toEqual([
    "Hello 1",
    "Hello 2",
    "Hello 3",
  ]);
  // One request at a time: sent never runs more than one ahead of received.
  const c = rt.counters().nodes.client!;
  expect(c.sent - c.received).toBeLessThanOrEqual(1);
  expect(errors(events)).toEqual([]);
});
