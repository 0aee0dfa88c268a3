/** The inspector on its own (a plain host object, real sockets): a busy link cannot flood the page. */
import type { RuntimeEvent } from "@zmqp/protocol";
import { Reply, Request } from "zeromq";
import { afterEach, expect, it } from "vitest";
import { WireInspector, type WireHost } from "./inspector.js";

const closers: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

it("sends at most itemsPerSecond decoded items per link, and says how many it skipped", async () => {
  const rep = new Reply({ linger: 0 });
  closers.push(() => rep.close());
  await rep.bind("tcp://127.0.0.1:*");
  const req = new Request({ linger: 0 });
  closers.push(() => req.close());
  const events: RuntimeEvent[] = [];
  const host: WireHost = {
    now: () => Date.now(),
    emit: (e) => events.push(e),
    linkFrom: () => "client",
    realAddress: () => rep.lastEndpoint,
    // The "runtime" here is this test: the REQ dials whatever the inspector asks for.
    reroute: async (_link, address) => {
      if (address) req.connect(address);
    },
    forget: () => {},
  };
  const inspector = new WireInspector(host, { itemsPerSecond: 6 });
  closers.push(() => inspector.closeAll());
  await inspector.watch("l");
  expect(inspector.watched()).toEqual(["l"]);
  const roundTrip = async (n: number) => {
    await req.send(`q${n}`);
    await rep.receive();
    await rep.send(`r${n}`);
    await req.receive();
  };
  for (let n = 0; n < 10; n++) await roundTrip(n);
  const wire = () => events.filter((e) => e.type === "wire");
  const shown = wire().reduce((n, e) => n + (e.type === "wire" ? e.items.length : 0), 0);
  expect(shown).toBe(6);
  await new Promise((r) => setTimeout(r, 1050));
  await roundTrip(10);
  const skipped = wire().reduce((n, e) => n + (e.type === "wire" ? (e.skipped ?? 0) : 0), 0);
  // 2 greetings (signature + greeting each), 2 READYs, 20 messages of 2 frames each = 46 items before.
  expect(skipped).toBe(46 - 6);
  expect(wire().at(-1)).toMatchObject({ direction: "s2c" });
  expect(inspector.pcap("l")?.length).toBeGreaterThan(300);
});
