import { afterEach, describe, expect, it } from "vitest";
import type { Runtime } from "./api.js";
import { createRuntime } from "./runtime.js";
import {
  graph,
  helloWorld,
  link,
  messages,
  node,
  parsed,
  record,
  sleep,
  waitFor,
} from "./test-helpers.js";

let rt: Runtime | undefined;
afterEach(async () => {
  await rt?.close();
  rt = undefined;
});

/** A ventilator that connects to a sink: the link's connecting socket is the PUSH. */
const feed = (port: number, intervalMs = 10) =>
  graph(
    [
      node("sink", "sink", [{ id: "pull", type: "PULL", bind: [`tcp://127.0.0.1:${port}`] }]),
      node("vent", "ventilator", [{ id: "push", type: "PUSH" }], { intervalMs }),
    ],
    [link("feed", "vent.push", "sink.pull")],
  );

const received = (r: Runtime, n: string) => r.counters().nodes[n]?.received ?? 0;

describe("step mode", () => {
  it("holds every send and releases exactly one per next", async () => {
    rt = createRuntime();
    const events = record(rt);
    rt.step("hold");
    await rt.deploy(feed(15571));
    await sleep(300);
    expect(messages(events, "vent", "out")).toHaveLength(0);
    expect(rt.snapshot().stepMode).toBe(true);
    for (let i = 1; i <= 3; i++) {
      rt.step("next");
      await waitFor(`message ${i} at the sink`, () => received(rt!, "sink") === i);
      await sleep(100);
      expect(messages(events, "vent", "out")).toHaveLength(i);
      expect(received(rt, "sink")).toBe(i);
    }
    rt.step("release");
    await waitFor("the flow resumes", () => received(rt!, "sink") > 10);
    expect(rt.snapshot().stepMode).toBe(false);
  });
});

describe("links and node faults", () => {
  it("cut really disconnects the connecting socket; restore reconnects", async () => {
    rt = createRuntime({ sendTimeoutMs: 200 });
    const events = record(rt);
    await rt.deploy(feed(15572));
    await waitFor("flow", () => received(rt!, "sink") > 5);
    await rt.linkAction("feed", "cut");
    expect(rt.snapshot().cutLinks).toEqual(["feed"]);
    expect(rt.snapshot().nodes.vent!.sockets.push!.connecting).toEqual([]);
    await waitFor("sink sees the disconnect", () =>
      events.some((e) => e.type === "monitor" && e.node === "sink" && e.event === "disconnect"),
    );
    await sleep(100);
    const during = received(rt, "sink");
    await sleep(500);
    expect(received(rt, "sink")).toBe(during);
    // With no peer the PUSH cannot hand its tasks out: they time out and are counted.
    expect(rt.counters().nodes.vent!.dropReasons.timeout).toBeGreaterThan(0);
    await rt.linkAction("feed", "restore");
    expect(rt.snapshot().cutLinks).toEqual([]);
    await waitFor("flow again", () => received(rt!, "sink") > during + 5, 3000);
  });

  it("latency on a link delays the handling of what crosses it", async () => {
    rt = createRuntime();
    const events = record(rt);
    await rt.deploy(helloWorld(15573, { intervalMs: 0 }));
    await rt.linkAction("c2s", "restore", 300);
    await sleep(100);
    await rt.nodeAction("client", "send", "slow please");
    const reply = await waitFor("reply", () => messages(events, "client", "in")[0]);
    const sent = messages(events, "client", "out")[0]!;
    expect(reply.t - sent.t).toBeGreaterThanOrEqual(550);
    expect(reply.frames[0]!.text).toBe("world: slow please");
  });

  it("pause stops reading (messages queue in zeromq); resume delivers them", async () => {
    rt = createRuntime();
    await rt.deploy(feed(15574));
    await waitFor("flow", () => received(rt!, "sink") > 3);
    await rt.nodeAction("sink", "pause");
    expect(rt.snapshot().nodes.sink!.state).toBe("paused");
    await sleep(50);
    const paused = received(rt, "sink");
    await sleep(400);
    expect(received(rt, "sink")).toBe(paused);
    const sentWhilePaused = rt.counters().nodes.vent!.sent;
    await rt.nodeAction("sink", "resume");
    await waitFor("queued ones arrive", () => received(rt!, "sink") >= sentWhilePaused);
  });

  it("stop, start and kill change the node's state and its sockets", async () => {
    rt = createRuntime();
    await rt.deploy(feed(15575));
    await rt.nodeAction("sink", "stop");
    expect(rt.snapshot().nodes.sink).toMatchObject({ state: "stopped" });
    expect(rt.snapshot().nodes.sink!.sockets.pull!.bound).toEqual([]);
    await rt.nodeAction("sink", "start");
    expect(rt.snapshot().nodes.sink!.sockets.pull!.bound).toEqual(["tcp://127.0.0.1:15575"]);
    await waitFor("flow", () => received(rt!, "sink") > 3);
    // A kill flushes nothing: sends held in step mode are dropped, counted once, as killed.
    rt.step("hold");
    await sleep(60);
    await rt.nodeAction("vent", "kill");
    expect(rt.snapshot().nodes.vent!.state).toBe("killed");
    const vent = rt.counters().nodes.vent!;
    expect(vent.dropReasons.killed).toBeGreaterThanOrEqual(1);
    expect(vent.dropped).toBe(vent.dropReasons.killed);
    rt.step("release");
  });
});

describe("deploy as a diff", () => {
  it("restarts only the nodes whose sockets, params or links changed", async () => {
    rt = createRuntime();
    // A Lazy Pirate client: a plain REQ whose request dies with the restarted server would be stuck.
    const base = helloWorld(15576, { timeoutMs: 300, lazyPirate: true, retries: 10 });
    const doc = {
      ...base,
      nodes: [
        ...base.nodes,
        ...feed(15577).nodes,
        node("extra", "sink", [{ id: "pull", type: "PULL", bind: ["tcp://127.0.0.1:15578"] }]),
      ],
      links: [...base.links!, ...feed(15577).links!],
    };
    const first = await rt.deploy(parsed(doc));
    expect(first.changed.added).toHaveLength(5);
    await waitFor("flows", () => received(rt!, "client") > 2 && received(rt!, "sink") > 2);
    const sinkBefore = received(rt, "sink");

    const next = structuredClone(doc);
    next.nodes.find((n) => n.id === "server")!.params = { reply: "upper" };
    next.nodes.find((n) => n.id === "sink")!.position = { x: 10, y: 20 };
    next.nodes.find((n) => n.id === "vent")!.label = "renamed";
    next.nodes = next.nodes.filter((n) => n.id !== "extra");
    const res = await rt.deploy(parsed(next));
    expect(res.ok).toBe(true);
    expect(res.changed.restarted).toEqual(["server"]);
    expect(res.changed.removed).toEqual(["extra"]);
    expect(res.changed.kept.sort()).toEqual(["client", "sink", "vent"]);
    expect(received(rt, "sink")).toBeGreaterThanOrEqual(sinkBefore);
    expect(rt.snapshot().nodes.extra).toBeUndefined();
    const events = record(rt);
    await waitFor("upper-case replies", () =>
      messages(events, "client", "in").some(
        (m) => m.frames[0]!.text === m.frames[0]!.text?.toUpperCase(),
      ),
    );
  });
});
