/**
 * A ROUTER reads a message its DEALER sent just before it was killed (the race template 14's
 * timeline can hit: a hello at 3 s, the kill at 3 s). That late message names a routing id the
 * engine gave a playground socket: it is not an outside peer's, so the id stays unroutable and the
 * ROUTER's sends to it are still counted as dropped. Real sockets; the ROUTER is paused so the
 * message waits in zeromq until the DEALER is gone.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { Runtime } from "../api.js";
import { createRuntime } from "../runtime.js";
import { graph, link, messages, node, record, waitFor } from "../test-helpers.js";

let rt: Runtime | undefined;
afterEach(async () => {
  await rt?.close();
  rt = undefined;
});

describe("a ROUTER's late message from a killed DEALER", () => {
  it("does not make the DEALER's routing id routable: sends to it are dropped as unroutable", async () => {
    rt = createRuntime();
    const events = record(rt);
    const routerSocket = { id: "router", type: "ROUTER" as const, bind: ["tcp://127.0.0.1:5791"] };
    const doc = graph(
      [
        node("router", "router", [routerSocket], { intervalMs: 0 }),
        node("dealer", "dealer", [{ id: "dealer", type: "DEALER" }], { intervalMs: 0 }),
      ],
      [link("l", "dealer.dealer", "router.router")],
    );
    await rt.deploy(doc);
    const routerIn = () => messages(events, "router", "in");
    // The DEALER says hello (zeromq holds it until the connection is up): the ROUTER learns its
    // routing id.
    await rt.nodeAction("dealer", "send", "hello 1");
    await waitFor("the first hello read", () => routerIn().length > 0);
    await rt.nodeAction("router", "pause");
    await rt.nodeAction("dealer", "send", "hello late");
    await waitFor("the late hello sent", () =>
      messages(events, "dealer", "out").some((m) => m.frames.at(-1)?.text === "hello late"),
    );
    await rt.nodeAction("dealer", "kill");
    await rt.nodeAction("router", "resume");
    const late = await waitFor("the late hello read", () =>
      routerIn().find((m) => m.frames.at(-1)?.text === "hello late"),
    );
    // Read from the DEALER it came from (late-sends.ts), over its link: not an outside peer's.
    expect(late.external).toBeUndefined();
    expect(late).toMatchObject({ from: { node: "dealer", socket: "dealer" }, link: "l" });
    await rt.nodeAction("router", "send", "job");
    const dropped = await waitFor("the job dropped as unroutable", () =>
      events.find((e) => e.type === "drop" && e.node === "router" && e.reason === "unroutable"),
    );
    expect(dropped).toMatchObject({ count: 1 });
    expect(rt.counters().nodes.router!.dropReasons.unroutable).toBe(1);
    const pipe = events.filter((e) => e.type === "pipe" && e.node === "router").at(-1);
    expect(pipe).toMatchObject({
      state: "dropping",
      reason: { key: "pipe.droppingUnroutable", params: { id: "dealer.dealer" } },
    });
  });
});
