/**
 * The XPUB/XSUB proxy on real sockets: a subscriber behind it gets only its topic, its
 * subscription travels through the proxy to the publisher (and its end, when it leaves), and
 * every publish is counted and correlated on both links it crosses.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { Runtime } from "../api.js";
import { createRuntime } from "../runtime.js";
import { graph, link, messages, node, record, waitFor } from "../test-helpers.js";
import type { RuntimeEvent } from "@zmqp/protocol";

let rt: Runtime | undefined;
afterEach(async () => {
  await rt?.close();
  rt = undefined;
});

const logs = (events: RuntimeEvent[], who: string) =>
  events.flatMap((e) => (e.type === "log" && e.node === who ? [e.text] : []));

describe("proxy (XSUB/XPUB)", () => {
  it("passes publishes down and subscriptions up, each publish counted on the link it took", async () => {
    rt = createRuntime();
    const events = record(rt);
    await rt.deploy(
      graph(
        [
          node("pub", "publisher", [{ id: "pub", type: "PUB", bind: ["tcp://127.0.0.1:15631"] }], {
            intervalMs: 20,
            topics: ["weather", "news"],
          }),
          node("proxy", "proxy", [
            { id: "frontend", type: "XSUB" },
            { id: "backend", type: "XPUB", bind: ["tcp://127.0.0.1:15632"] },
          ]),
          node("weather", "subscriber", [{ id: "sub", type: "SUB" }], { topics: ["weather"] }),
          node(
            "news",
            "subscriber",
            [{ id: "sub", type: "SUB" }],
            { topics: ["news"] },
            {
              autostart: false,
            },
          ),
        ],
        [
          link("up", "proxy.frontend", "pub.pub"),
          link("down-w", "weather.sub", "proxy.backend"),
          link("down-n", "news.sub", "proxy.backend"),
        ],
      ),
    );
    await waitFor("weather arrives", () => messages(events, "weather", "in").length >= 5);

    // The subscription went subscriber -> XPUB -> proxy -> XSUB -> publisher.
    expect(logs(events, "proxy")).toContain(
      'proxy forwarded a subscription to "weather" upstream, from proxy.frontend',
    );
    expect(logs(events, "pub")).toContain('pub got a subscription to "weather"');
    // The proxy's node says what its XSUB asks for upstream.
    const detail = events.findLast((e) => e.type === "status" && e.node === "proxy");
    expect(detail?.type === "status" && detail.status.detail).toBe(
      'subscribed upstream to "weather"',
    );
    // Only weather reaches the proxy (its XSUB asked for nothing else) and the subscriber.
    const atProxy = messages(events, "proxy", "in");
    expect(atProxy.length).toBeGreaterThan(0);
    for (const m of atProxy) {
      expect(m).toMatchObject({ socket: "frontend", link: "up" });
      expect(m.from).toEqual({ node: "pub", socket: "pub" });
      expect(m.frames[0]).toMatchObject({ role: "topic", text: "weather" });
    }
    for (const m of messages(events, "weather", "in")) {
      expect(m.frames[0]!.text).toBe("weather");
      expect(m.from).toEqual({ node: "proxy", socket: "backend" });
      expect(m.link).toBe("down-w");
    }
    // Nobody wanted news: the publisher dropped it, the proxy never saw it.
    await waitFor(
      "news dropped at the publisher",
      () => (rt!.counters().nodes.pub!.dropReasons["no-subscriber"] ?? 0) > 0,
    );

    // A second subscriber: its topic travels up too, and its end when it leaves.
    await rt.nodeAction("news", "start");
    await waitFor("news arrives", () => messages(events, "news", "in").length >= 3);
    expect(logs(events, "pub")).toContain('pub got a subscription to "news"');
    for (const m of messages(events, "news", "in")) expect(m.frames[0]!.text).toBe("news");
    await rt.nodeAction("news", "stop");
    await waitFor("the end of news travels up", () =>
      logs(events, "pub").includes('pub lost a subscription to "news"'),
    );
    expect(logs(events, "proxy")).toContain(
      'proxy forwarded the end of the subscription to "news" upstream, from proxy.frontend',
    );

    // Every publish is accounted for on both hops: received, dropped with a reason, or in flight.
    await rt.nodeAction("pub", "stop");
    await waitFor("settled accounts", () => {
      const acc = rt!.accounts().filter((a) => a.exact);
      return acc.length > 0 && acc.every((a) => a.unaccounted === 0) ? acc : null;
    });
    const c = rt.counters();
    expect(c.links.up!.forward).toBe(0); // publishes cross bind -> connect: backward
    expect(c.links.up!.backward).toBe(c.nodes.proxy!.peers.pub!.received);
    expect(c.links["down-w"]!.backward).toBe(c.nodes.weather!.received);
  });
});
