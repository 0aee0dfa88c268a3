import { afterEach, describe, expect, it } from "vitest";
import type { Runtime } from "./api.js";
import { createRuntime } from "./runtime.js";
import { helloWorld, messages, record, waitFor } from "./test-helpers.js";

let rt: Runtime | undefined;
afterEach(async () => {
  await rt?.close();
  rt = undefined;
});

describe("hello world (REQ/REP over tcp)", () => {
  it("replies arrive, correlated to the link they crossed", async () => {
    rt = createRuntime();
    const events = record(rt);
    const res = await rt.deploy(helloWorld(15555));
    expect(res.ok).toBe(true);
    expect(res.changed.added.sort()).toEqual(["client", "server"]);
    await waitFor("3 replies", () => messages(events, "client", "in").length >= 3);

    const replies = messages(events, "client", "in");
    expect(replies[0]!.frames[0]!.text).toBe("world: hello 1");
    expect(replies[0]).toMatchObject({ link: "c2s", linkDirection: "backward", kind: "reply" });
    expect(replies[0]!.from).toEqual({ node: "server", socket: "rep" });
    const req = messages(events, "server", "in")[0]!;
    expect(req).toMatchObject({ link: "c2s", linkDirection: "forward", kind: "request" });
    expect(req.frames[0]!.text).toBe("hello 1");

    const c = rt.counters();
    expect(c.nodes.client!.received).toBeGreaterThanOrEqual(3);
    expect(c.nodes.server!.peers.client!.received).toBeGreaterThanOrEqual(3);
    expect(c.links.c2s!.forward).toBeGreaterThanOrEqual(3);

    const snap = rt.snapshot();
    expect(snap.state).toBe("running");
    expect(snap.nodes.server!.state).toBe("running");
    expect(snap.nodes.server!.sockets.rep!.bound).toEqual(["tcp://127.0.0.1:15555"]);
    await waitFor("client sees its peer", () => rt!.snapshot().nodes.client!.sockets.req!.peers);
    expect(events.some((e) => e.type === "monitor" && e.event === "handshake")).toBe(true);

    await rt.stop();
    expect(rt.snapshot().state).toBe("idle");
  });
});
