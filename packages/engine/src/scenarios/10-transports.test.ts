import { afterEach, expect, it } from "vitest";
import { waitFor } from "../test-helpers.js";
import { body, errors, received, runTemplate, type TemplateRun } from "./template-harness.js";

let run: TemplateRun | undefined;
afterEach(async () => {
  await run?.rt.close();
  run = undefined;
});

it("10 transports: the same REQ/REP pair delivers over tcp, ipc and inproc", async () => {
  run = await runTemplate("10-transports");
  const { rt, events } = run;
  const rows = [
    ["tcp", "tcp-link"],
    ["ipc", "ipc-link"],
    ["inproc", "inproc-link"],
  ] as const;
  await waitFor(
    "3 replies on every transport",
    () => rows.every(([t]) => received(events, `client-${t}`).length >= 3),
    6000,
  );
  const links = rt.counters().links;
  for (const [t, link] of rows) {
    const replies = received(events, `client-${t}`);
    expect(replies.slice(0, 3).map(body)).toEqual(
      [1, 2, 3].map((n) => `${t.toUpperCase()} HELLO ${n}`),
    );
    expect(replies[0]).toMatchObject({ link, linkDirection: "backward" });
    expect(links[link]!.forward).toBeGreaterThanOrEqual(3);
    expect(links[link]!.backward).toBeGreaterThanOrEqual(3);
  }
  expect(rt.snapshot().nodes["server-ipc"]!.sockets.rep!.bound).toEqual(["ipc://transports-demo"]);
  expect(errors(events)).toEqual([]);
});
