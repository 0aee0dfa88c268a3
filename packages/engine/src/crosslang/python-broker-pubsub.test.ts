/**
 * pyzmq peers on the playground's broker (template 07) and publisher: the engine's counters and
 * the Python side's counts agree exactly.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createRuntime } from "../runtime.js";
import type { Runtime } from "../api.js";
import { parsed } from "../test-helpers.js";
import { pythonUnavailable, killPeers, runPeer } from "./harness.js";
import { body, Recorder, template, until, withoutAutostart } from "./events.js";

const noPython = pythonUnavailable();
if (noPython) console.warn(`skipping cross-language tests: ${noPython}`);

let rt: Runtime | null = null;
afterEach(async () => {
  killPeers();
  await rt?.close();
  rt = null;
});

const peersOf = (rt: Runtime, node: string, socket: string) =>
  rt.snapshot().nodes[node]?.sockets[socket]?.peers ?? 0;

describe.skipIf(noPython !== null)("pyzmq peers, broker and pub-sub", () => {
  it("a pyzmq client and a pyzmq worker work through the 07 broker beside its own workers", async () => {
    rt = createRuntime({ allowExternal: true });
    const rec = new Recorder(rt);
    // The broker's own clients stay stopped, so every request is Python's; its workers run.
    const doc = withoutAutostart(template("07-cross-machine-broker"), ["client-1", "client-2"]);
    expect((await rt.deploy(parsed(doc))).ok).toBe(true);
    const worker = runPeer({
      type: "REP",
      connect: ["tcp://127.0.0.1:5560"],
      count: 1000,
      timeoutS: 3,
    });
    await worker.ready;
    // All three workers connected before the first request, so the DEALER shares them out.
    await until(() => peersOf(rt!, "broker", "backend") === 3, 3000, "three workers on 5560");
    const client = runPeer({
      type: "REQ",
      connect: ["tcp://127.0.0.1:5559"],
      count: 30,
      timeoutS: 8,
    });
    const c = await client.done;
    const w = await worker.done;

    expect(c).toMatchObject({ sent: 30, received: 30, error: null });
    c.messages.forEach((m, i) =>
      expect(m.at(-1)).toMatch(new RegExp(`^(worker-[12]|py-rep): py ${i}$`)),
    );
    const byPython = c.messages.filter((m) => m.at(-1)!.startsWith("py-rep: ")).length;
    expect(byPython).toBeGreaterThan(0);
    expect(w.received).toBe(byPython);
    expect(w.sent).toBe(byPython);

    await until(() => rt!.counters().nodes.broker?.sent === 60, 2000, "the broker's 60th send");
    const n = rt.counters().nodes;
    expect(n.broker!.sockets.frontend).toMatchObject({ received: 30, sent: 30, errors: 0 });
    expect(n.broker!.sockets.backend).toMatchObject({ received: 30, sent: 30, errors: 0 });
    expect(n["worker-1"]!.received + n["worker-2"]!.received + w.received).toBe(30);
    expect(n["worker-1"]!.received).toBeGreaterThan(0);
    expect(n["worker-2"]!.received).toBeGreaterThan(0);

    // Every request came from outside; the envelope shows a routing id and the delimiter.
    const requests = rec.messages("broker", "in", "frontend");
    expect(requests.every((m) => m.external === true)).toBe(true);
    expect(requests.map(body)).toEqual(Array.from({ length: 30 }, (_, i) => `py ${i}`));
    expect(requests[0]!.frames.map((f) => f.role)).toEqual(["routing-id", "delimiter", "body"]);
    // Replies from the Python worker are external; the local workers' are matched to their sends.
    const replies = rec.messages("broker", "in", "backend");
    expect(replies.filter((m) => m.external).length).toBe(byPython);
    expect(
      replies.filter((m) => !m.external).every((m) => m.from?.node.startsWith("worker-")),
    ).toBe(true);
  });

  it("a pyzmq SUB with a filter gets exactly the publisher's messages on its topic", async () => {
    const port = 5782;
    rt = createRuntime();
    const rec = new Recorder(rt);
    const r = await rt.deploy(
      parsed({
        version: 1,
        nodes: [
          {
            id: "pub",
            role: "publisher",
            sockets: [{ id: "pub", type: "PUB", bind: [`tcp://127.0.0.1:${port}`] }],
            params: { intervalMs: 0, topics: ["weather", "news"] },
          },
        ],
      }),
    );
    expect(r.ok).toBe(true);
    // Published before anyone subscribed: dropped, and Python must not see them.
    await rt.nodeAction("pub", "send");
    await rt.nodeAction("pub", "send");
    const sub = runPeer({
      type: "SUB",
      connect: [`tcp://127.0.0.1:${port}`],
      topics: ["weather"],
      count: 20,
      timeoutS: 8,
    });
    // The PUB runs as an XPUB, so the engine sees the subscription arrive: publish after it.
    const heard = () =>
      rec.events.some((e) => e.type === "log" && /subscription to "weather"/.test(e.text));
    await until(heard, 5000, "the pyzmq subscription");
    for (let i = 0; i < 40; i++) await rt.nodeAction("pub", "send");
    const done = await sub.done;

    const published = rec.messages("pub", "out");
    expect(published.length).toBe(42);
    const afterSub = published.slice(2).filter((m) => m.frames[0]?.text === "weather");
    expect(done).toMatchObject({ received: 20, error: null });
    expect(done.messages).toEqual(afterSub.map((m) => m.frames.map((f) => f.text)));
    const pub = rt.counters().nodes.pub!;
    expect(pub.sent).toBe(42);
    // Two sent before the subscription, and the 20 "news" nobody subscribed to (counted once a
    // short grace period shows no subscriber took them).
    const drops = () => rt!.counters().nodes.pub!.dropReasons["no-subscriber"];
    await until(() => drops() === 22, 3000, "22 no-subscriber drops").catch(() => {});
    expect(drops()).toBe(22);
  });
});
