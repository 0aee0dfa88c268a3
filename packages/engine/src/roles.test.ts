import { afterEach, describe, expect, it } from "vitest";
import * as zmq from "zeromq";
import type { Runtime } from "./api.js";
import { createRuntime } from "./runtime.js";
import { graph, link, messages, node, record, sleep, waitFor } from "./test-helpers.js";

let rt: Runtime | undefined;
const outside: zmq.Socket[] = [];
afterEach(async () => {
  await rt?.close();
  rt = undefined;
  for (const s of outside.splice(0)) s.close();
});

describe("external peers", () => {
  it("a link to an external node's endpoint is a real connect; its replies are external", async () => {
    // The outside program: a plain zeromq REP that is not part of the playground.
    const rep = new zmq.Reply({ linger: 0 });
    outside.push(rep);
    await rep.bind("tcp://127.0.0.1:15581");
    void (async () => {
      for await (const [m] of rep) await rep.send(`outside got ${m}`);
    })();
    rt = createRuntime();
    const events = record(rt);
    await rt.deploy(
      graph(
        [
          node("ext", "external", [{ id: "peer", type: "REP", bind: ["tcp://127.0.0.1:15581"] }]),
          node("client", "client", [{ id: "req", type: "REQ" }], { intervalMs: 30 }),
        ],
        [link("l", "client.req", "ext.peer")],
      ),
    );
    expect(rt.snapshot().nodes.ext!.state).toBe("running");
    const reply = await waitFor("a reply from outside", () => messages(events, "client", "in")[0]);
    expect(reply.frames[0]!.text).toBe("outside got hello 1");
    expect(reply.external).toBe(true);
    expect(reply.from).toBeUndefined();
    expect(rt.counters().nodes.client!.peers.external!.received).toBeGreaterThanOrEqual(1);
  });

  it("an outside program connecting to a playground bind is counted as external", async () => {
    rt = createRuntime();
    const events = record(rt);
    await rt.deploy(
      graph([
        node("server", "server", [{ id: "rep", type: "REP", bind: ["tcp://127.0.0.1:15582"] }]),
      ]),
    );
    const req = new zmq.Request({ linger: 0 });
    outside.push(req);
    req.connect("tcp://127.0.0.1:15582");
    await req.send("from pyzmq, say");
    const [answer] = await req.receive();
    expect(answer!.toString()).toBe("world: from pyzmq, say");
    const got = messages(events, "server", "in")[0]!;
    expect(got).toMatchObject({ external: true, link: null });
  });
});

describe("manual sockets", () => {
  it("a DEALER sends on demand; a ROUTER with echo sends it back through the envelope", async () => {
    rt = createRuntime();
    const events = record(rt);
    await rt.deploy(
      graph(
        [
          node(
            "router",
            "router",
            [{ id: "router", type: "ROUTER", bind: ["tcp://127.0.0.1:15583"] }],
            { echo: true },
          ),
          node("dealer", "dealer", [{ id: "dealer", type: "DEALER" }]),
        ],
        [link("l", "dealer.dealer", "router.router")],
      ),
    );
    await sleep(100);
    await rt.nodeAction("dealer", "send", "ping by hand");
    const back = await waitFor("echo", () => messages(events, "dealer", "in")[0]);
    expect(back.frames.map((f) => f.text)).toEqual(["", "ping by hand"]);
    expect(back.from).toEqual({ node: "router", socket: "router" });
    const atRouter = messages(events, "router", "in")[0]!;
    expect(atRouter.frames.map((f) => f.role)).toEqual(["routing-id", "delimiter", "body"]);
    expect(atRouter.frames[0]!.text).toBe("dealer.dealer");
  });
});

describe("speed", () => {
  it("the speed factor scales behaviour intervals", async () => {
    rt = createRuntime();
    const doc = graph(
      [
        node("sink", "sink", [{ id: "pull", type: "PULL", bind: ["tcp://127.0.0.1:15584"] }]),
        node("vent", "ventilator", [{ id: "push", type: "PUSH" }], { intervalMs: 100 }),
      ],
      [link("l", "vent.push", "sink.pull")],
    );
    await rt.deploy(doc);
    await sleep(600);
    const slow = rt.counters().nodes.vent!.sent;
    rt.setSpeed(5);
    expect(rt.snapshot().speed).toBe(5);
    const before = rt.counters().nodes.vent!.sent;
    await sleep(600);
    const fast = rt.counters().nodes.vent!.sent - before;
    expect(slow).toBeLessThanOrEqual(7);
    expect(fast).toBeGreaterThanOrEqual(slow * 3);
  });
});
