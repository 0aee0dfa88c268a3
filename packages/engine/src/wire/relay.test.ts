import { Publisher, Reply, Request, Subscriber } from "zeromq";
import { afterEach, describe, expect, it } from "vitest";
import type { ZmtpItem } from "@zmqp/zmtp";
import { TcpRelay, type WireChunk } from "./relay.js";

const portOf = (endpoint: string | null) => Number(/:(\d+)$/.exec(endpoint ?? "")?.[1]);
const closers: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

async function until(cond: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 10));
  }
}

function recorder() {
  const chunks: WireChunk[] = [];
  const items = (d: "c2s" | "s2c"): ZmtpItem[] =>
    chunks.filter((c) => c.direction === d).flatMap((c) => c.items);
  return { chunks, items, onChunk: (c: WireChunk) => chunks.push(c) };
}

describe("TcpRelay", () => {
  it("carries a real REQ/REP exchange and decodes both directions end to end", async () => {
    const rep = new Reply({ linger: 0 });
    closers.push(() => rep.close());
    await rep.bind("tcp://127.0.0.1:*");
    const rec = recorder();
    const relay = new TcpRelay({
      target: { host: "127.0.0.1", port: portOf(rep.lastEndpoint) },
      onChunk: rec.onChunk,
    });
    closers.push(() => relay.close());
    await relay.listen();
    const req = new Request({ linger: 0, routingId: "me", receiveTimeout: 3000 });
    closers.push(() => req.close());
    req.connect(relay.endpoint);

    await req.send("hello");
    const [request] = await rep.receive();
    expect(request?.toString()).toBe("hello");
    await rep.send("world");
    const [reply] = await req.receive();
    expect(reply?.toString()).toBe("world");
    await until(() => rec.items("s2c").some((i) => i.text === "world"));

    const c2s = rec.items("c2s");
    expect(c2s.map((i) => i.kind)).toEqual(["signature", "greeting", "command", "frame", "frame"]);
    expect(c2s[1]).toMatchObject({ version: "3.1", mechanism: "NULL" });
    expect(c2s[2]?.properties).toEqual({ "Socket-Type": "REQ", Identity: "me" });
    expect(c2s[3]).toMatchObject({ more: true, size: 0 });
    expect(c2s[4]).toMatchObject({ text: "hello", more: false });
    const s2c = rec.items("s2c");
    expect(s2c.find((i) => i.command === "READY")?.properties?.["Socket-Type"]).toBe("REP");
    expect(s2c.at(-1)).toMatchObject({ text: "world" });
    // The capture holds exactly the bytes that crossed, per direction.
    const [conn] = relay.capture.connections();
    const sent = conn!.segments
      .filter((s) => s.direction === "c2s")
      .reduce((n, s) => n + s.bytes.length, 0);
    expect(sent).toBe(64 + 2 + 0x28 + 2 + 7);
  });

  it("shows a SUB's subscription and the PUB's messages through the relay", async () => {
    const pub = new Publisher({ linger: 0 });
    closers.push(() => pub.close());
    await pub.bind("tcp://127.0.0.1:*");
    const rec = recorder();
    const relay = new TcpRelay({
      target: { host: "127.0.0.1", port: portOf(pub.lastEndpoint) },
      onChunk: rec.onChunk,
    });
    closers.push(() => relay.close());
    await relay.listen();
    const sub = new Subscriber({ linger: 0, receiveTimeout: 3000 });
    closers.push(() => sub.close());
    sub.connect(relay.endpoint);
    sub.subscribe("weather");
    // Wait until the subscription crossed the wire: the publisher filters, so earlier sends are lost.
    await until(() => rec.items("c2s").some((i) => i.subscription));
    const subscription = rec.items("c2s").find((i) => i.subscription)!;
    expect(subscription.subscription).toMatchObject({
      action: "subscribe",
      topic: "weather",
      // libzmq 4.3.5 talking to a 3.1 peer uses the SUBSCRIBE command, not "\x01weather".
      form: "command",
    });
    await pub.send(["news", "ignored"]);
    await pub.send(["weather", "sunny"]);
    const msg = await sub.receive();
    expect(msg.map(String)).toEqual(["weather", "sunny"]);
    const frames = rec.items("s2c").filter((i) => i.kind === "frame");
    expect(frames.map((f) => [f.text, f.more])).toEqual([
      ["weather", true],
      ["sunny", false],
    ]);
    sub.unsubscribe("weather");
    await until(() => rec.items("c2s").some((i) => i.subscription?.action === "cancel"));
  });

  it("drops the client connection when the real endpoint is not there", async () => {
    const states: string[] = [];
    const relay2 = new TcpRelay({
      target: { host: "127.0.0.1", port: 1 },
      onConnection: (_c, s) => states.push(s),
    });
    closers.push(() => relay2.close());
    await relay2.listen();
    const req = new Request({ linger: 0 });
    closers.push(() => req.close());
    req.connect(relay2.endpoint);
    await until(() => states.includes("closed"));
    expect(states.slice(0, 2)).toEqual(["open", "closed"]);
  });
});
