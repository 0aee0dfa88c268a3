import type { EventOf, RuntimeEvent, ZmtpItemView } from "@zmqp/protocol";
import { afterEach, describe, expect, it } from "vitest";
import type { Runtime } from "../api.js";
import { createRuntime } from "../runtime.js";
import { graph, helloWorld, link, messages, node, record, waitFor } from "../test-helpers.js";

let rt: Runtime | undefined;
afterEach(async () => {
  await rt?.close();
  rt = undefined;
});

type WireEvent = EventOf<"wire">;
const wireItems = (events: RuntimeEvent[], direction: "c2s" | "s2c"): ZmtpItemView[] =>
  events
    .filter((e): e is WireEvent => e.type === "wire" && e.direction === direction)
    .flatMap((e) => e.items);

describe("watchLink (wire inspector)", () => {
  it("re-routes a REQ/REP link through the relay, decodes it field by field, and exports a pcap", async () => {
    rt = createRuntime();
    const events = record(rt);
    await rt.deploy(helloWorld(15621, { intervalMs: 50 }));
    await waitFor("a first reply", () => messages(events, "client", "in").length > 0);
    await rt.watchLink("c2s");
    expect(rt.snapshot().watchedLinks).toEqual(["c2s"]);
    const relay = rt.snapshot().nodes.client!.sockets.req!.connecting;
    expect(relay).toHaveLength(1);
    expect(relay[0]).not.toBe("tcp://127.0.0.1:15621");

    await waitFor("a decoded reply", () =>
      wireItems(events, "s2c").some((i) => i.text?.startsWith("world: hello")),
    );
    const c2s = wireItems(events, "c2s");
    expect(c2s.slice(0, 3).map((i) => i.kind)).toEqual(["signature", "greeting", "command"]);
    expect(c2s[2]!.properties?.["Socket-Type"]).toBe("REQ");
    const ready = c2s[2]!.fields.find((f) => f.name === "Socket-Type")!;
    expect(ready).toMatchObject({ value: "REQ", hex: "00 00 00 03 52 45 51" });
    const request = c2s.find((i) => i.kind === "frame" && i.text?.startsWith("hello"))!;
    expect(request).toMatchObject({ part: 1, more: false });
    expect(wireItems(events, "s2c").find((i) => i.command === "READY")?.properties).toEqual({
      "Socket-Type": "REP",
    });
    // The messages are still counted and correlated on the link as before.
    const before = rt.counters().links.c2s!.forward;
    await waitFor("more round trips", () => rt!.counters().links.c2s!.forward > before + 2);

    const pcap = rt.capturePcap("c2s")!;
    expect(new DataView(pcap.buffer, pcap.byteOffset).getUint32(0, true)).toBe(0xa1b2c3d4);
    expect(pcap.length).toBeGreaterThan(200);

    await rt.unwatchLink("c2s");
    expect(rt.snapshot().watchedLinks).toEqual([]);
    expect(rt.snapshot().nodes.client!.sockets.req!.connecting).toEqual(["tcp://127.0.0.1:15621"]);
    const seen = events.filter((e) => e.type === "wire").length;
    const replies = messages(events, "client", "in").length;
    await waitFor(
      "replies after unwatch",
      () => messages(events, "client", "in").length > replies + 2,
    );
    expect(events.filter((e) => e.type === "wire").length).toBe(seen);
    expect(rt.capturePcap("c2s")).not.toBeNull();
  });

  it("does not strand a plain REQ whose reply is in flight when the link switches", async () => {
    rt = createRuntime();
    const events = record(rt);
    const doc = helloWorld(15624, { intervalMs: 10 });
    doc.nodes[0]!.params = { reply: "prefix", text: "world", delayMs: 150 };
    await rt.deploy(doc);
    await waitFor("a request in flight", () => rt!.snapshot().nodes.client!.activity === "waiting");
    await rt.watchLink("c2s");
    await rt.unwatchLink("c2s");
    await rt.watchLink("c2s");
    const replies = messages(events, "client", "in").length;
    await waitFor(
      "replies keep coming",
      () => messages(events, "client", "in").length >= replies + 3,
    );
  });

  it("keeps watching across a deploy that moves the bound endpoint", async () => {
    rt = createRuntime();
    const events = record(rt);
    await rt.deploy(helloWorld(15625, { intervalMs: 20 }));
    await rt.watchLink("c2s");
    await rt.deploy(helloWorld(15626, { intervalMs: 20 }));
    expect(rt.snapshot().watchedLinks).toEqual(["c2s"]);
    // Only the new relay: the client left the old one (it would queue requests to a dead pipe).
    const dialled = rt.snapshot().nodes.client!.sockets.req!.connecting;
    expect(dialled).toHaveLength(1);
    expect(dialled[0]).not.toBe("tcp://127.0.0.1:15626");
    const before = events.length;
    await waitFor("decoded replies from the moved server", () =>
      events
        .slice(before)
        .some((e) => e.type === "wire" && e.items.some((i) => i.text?.startsWith("world"))),
    );
    await rt.unwatchLink("c2s");
    expect(rt.snapshot().nodes.client!.sockets.req!.connecting).toEqual(["tcp://127.0.0.1:15626"]);
  });

  it("shows a subscriber's SUBSCRIBE and the topics it receives", async () => {
    rt = createRuntime();
    const events = record(rt);
    await rt.deploy(
      graph(
        [
          node("pub", "publisher", [{ id: "pub", type: "PUB", bind: ["tcp://127.0.0.1:15622"] }], {
            intervalMs: 30,
            topics: ["weather", "news"],
          }),
          node("sub", "subscriber", [{ id: "sub", type: "SUB" }], { topics: ["weather"] }),
        ],
        [link("ps", "sub.sub", "pub.pub")],
      ),
    );
    await rt.watchLink("ps");
    const sub = await waitFor("the subscription", () =>
      wireItems(events, "c2s").find((i) => i.subscription),
    );
    expect(sub.subscription).toEqual({ action: "subscribe", topic: "weather", form: "command" });
    await waitFor("a topic frame", () =>
      wireItems(events, "s2c").some((i) => i.text === "weather" && i.more),
    );
    expect(wireItems(events, "s2c").some((i) => i.text === "news")).toBe(false);
  });

  it("refuses a link that does not go through TCP, with a stable code", async () => {
    rt = createRuntime();
    const events = record(rt);
    await rt.deploy(
      graph(
        [
          node("server", "server", [{ id: "rep", type: "REP", bind: ["inproc://wire-test"] }]),
          node("client", "client", [{ id: "req", type: "REQ" }]),
        ],
        [link("c2s", "client.req", "server.rep")],
      ),
    );
    await rt.watchLink("c2s");
    const err = events.find((e) => e.type === "error");
    expect(err).toMatchObject({ link: "c2s", code: "ZMQP_ERR_BAD_ENDPOINT" });
    expect(rt.snapshot().watchedLinks).toEqual([]);
  });

  it("watches a raw TCP client's link by restarting the client through the relay", async () => {
    rt = createRuntime();
    const events = record(rt);
    await rt.deploy(
      graph(
        [
          node("stream", "stream-server", [
            { id: "stream", type: "STREAM", bind: ["tcp://127.0.0.1:15623"] },
          ]),
          node("raw", "raw-tcp-client", [{ id: "tcp", type: "TCP" }], { payload: "ping\n" }),
        ],
        [link("l", "raw.tcp", "stream.stream")],
      ),
    );
    await waitFor("the first echo", () => messages(events, "raw", "in").length === 1);
    await rt.watchLink("l");
    await waitFor("the echo through the relay", () =>
      wireItems(events, "s2c").some((i) => i.kind === "raw"),
    );
    expect(wireItems(events, "c2s")[0]).toMatchObject({ kind: "raw", text: "ping\n" });
  });
});
