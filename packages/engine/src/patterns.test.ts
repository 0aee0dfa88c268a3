import { afterEach, describe, expect, it } from "vitest";
import type { Runtime } from "./api.js";
import { createRuntime } from "./runtime.js";
import { graph, link, messages, node, record, sleep, waitFor } from "./test-helpers.js";

let rt: Runtime | undefined;
afterEach(async () => {
  await rt?.close();
  rt = undefined;
});

describe("broker (ROUTER/DEALER)", () => {
  it("both clients and both workers take part; the broker sees the envelopes", async () => {
    rt = createRuntime();
    const events = record(rt);
    await rt.deploy(
      graph(
        [
          node("broker", "broker", [
            { id: "frontend", type: "ROUTER", bind: ["tcp://127.0.0.1:15559"] },
            { id: "backend", type: "DEALER", bind: ["tcp://127.0.0.1:15560"] },
          ]),
          ...["c1", "c2"].map((c) =>
            node(c, "client", [{ id: "req", type: "REQ" }], {
              intervalMs: 30,
              payload: `${c} {n}`,
            }),
          ),
          ...["w1", "w2"].map((w) =>
            node(w, "server", [{ id: "rep", type: "REP" }], { text: w, delayMs: 5 }),
          ),
        ],
        [
          link("c1f", "c1.req", "broker.frontend"),
          link("c2f", "c2.req", "broker.frontend"),
          link("w1b", "w1.rep", "broker.backend"),
          link("w2b", "w2.rep", "broker.backend"),
        ],
      ),
    );
    await waitFor("10 replies each", () =>
      ["c1", "c2"].every((c) => messages(events, c, "in").length >= 10),
    );
    const c = rt.counters();
    for (const w of ["w1", "w2"]) expect(c.nodes[w]!.received).toBeGreaterThanOrEqual(3);
    expect(c.nodes.broker!.peers.c1!.received).toBeGreaterThanOrEqual(10);
    expect(c.nodes.broker!.peers.c2!.received).toBeGreaterThanOrEqual(10);
    for (const l of ["c1f", "c2f", "w1b", "w2b"]) expect(c.links[l]!.forward).toBeGreaterThan(0);
    expect(c.links.c1f!.backward).toBeGreaterThanOrEqual(10);

    const atFront = messages(events, "broker", "in").find((m) => m.socket === "frontend")!;
    expect(atFront.frames.map((f) => f.role)).toEqual(["routing-id", "delimiter", "body"]);
    expect(atFront.frames[0]!.text).toMatch(/^c[12]\.req$/);
    expect(atFront.from?.node).toMatch(/^c[12]$/);
    const atBack = messages(events, "broker", "in").find((m) => m.socket === "backend")!;
    expect(atBack.frames.map((f) => f.role)).toEqual(["routing-id", "delimiter", "body"]);
    expect(atBack.from?.node).toMatch(/^w[12]$/);
    // Every reply reached the client that asked.
    for (const cl of ["c1", "c2"])
      for (const m of messages(events, cl, "in")) expect(m.frames[0]!.text).toContain(`${cl} `);
  });
});

describe("pub-sub", () => {
  it("each subscriber gets only its topics; publishes before a subscription are dropped", async () => {
    rt = createRuntime();
    const events = record(rt);
    await rt.deploy(
      graph(
        [
          node("pub", "publisher", [{ id: "pub", type: "PUB", bind: ["tcp://127.0.0.1:15556"] }], {
            intervalMs: 20,
            topics: ["weather", "news"],
          }),
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
        [link("pw", "weather.sub", "pub.pub"), link("pn", "news.sub", "pub.pub")],
        [{ atMs: 400, action: "start", node: "news" }],
      ),
    );
    await waitFor("news arrives", () => messages(events, "news", "in").length >= 5, 4000);
    await sleep(100);
    for (const m of messages(events, "weather", "in")) {
      expect(m.frames[0]).toMatchObject({ role: "topic", text: "weather" });
      expect(m.from).toEqual({ node: "pub", socket: "pub" });
      expect(m.link).toBe("pw");
    }
    for (const m of messages(events, "news", "in")) expect(m.frames[0]!.text).toBe("news");
    expect(messages(events, "weather", "in").length).toBeGreaterThan(5);
    const pub = rt.counters().nodes.pub!;
    // Before 400 ms nobody wanted news: those publishes went nowhere, and were counted.
    expect(pub.dropReasons["no-subscriber"]).toBeGreaterThanOrEqual(5);
    expect(pub.peers.weather!.sent).toBe(rt.counters().nodes.weather!.received);
    expect(events.some((e) => e.type === "log" && /subscription to "news"/.test(e.text))).toBe(
      true,
    );
  });
});

describe("pipeline", () => {
  it("the sink gets every task, spread over the workers", async () => {
    rt = createRuntime();
    const events = record(rt);
    const tasks = 60;
    await rt.deploy(
      graph(
        [
          node("sink", "sink", [{ id: "pull", type: "PULL", bind: ["tcp://127.0.0.1:15558"] }]),
          node(
            "vent",
            "ventilator",
            [{ id: "push", type: "PUSH", bind: ["tcp://127.0.0.1:15557"] }],
            { intervalMs: 5, maxMessages: tasks },
            { autostart: false },
          ),
          ...["w1", "w2"].map((w) =>
            node(w, "worker", [
              { id: "pull", type: "PULL" },
              { id: "push", type: "PUSH" },
            ]),
          ),
        ],
        [
          link("v1", "w1.pull", "vent.push"),
          link("v2", "w2.pull", "vent.push"),
          link("s1", "w1.push", "sink.pull"),
          link("s2", "w2.push", "sink.pull"),
        ],
      ),
    );
    // Start the ventilator once both workers are connected, as the guide's taskvent waits for Enter.
    await sleep(200);
    await rt.nodeAction("vent", "start");
    await waitFor("every result", () => rt!.counters().nodes.sink?.received === tasks, 5000);
    const c = rt.counters();
    expect(c.nodes.vent!.sent).toBe(tasks);
    expect(c.nodes.sink!.peers.w1!.received + c.nodes.sink!.peers.w2!.received).toBe(tasks);
    expect(c.nodes.sink!.peers.w1!.received).toBeGreaterThan(10);
    expect(c.nodes.sink!.peers.w2!.received).toBeGreaterThan(10);
    expect(messages(events, "sink", "in").every((m) => !m.external && m.kind === "result")).toBe(
      true,
    );
  });
});
