import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createRuntime } from "./runtime.js";
import { graph, link, node, sleep, waitFor } from "./test-helpers.js";

const openFds = () => readdirSync("/proc/self/fd").length;

/**
 * Counted without forcing a GC: a closed socket must free its descriptors by itself (its monitor
 * is read to the end, so neither the observer nor libzmq's monitor pipe waits for a collection).
 * libzmq closes them on its reaper thread, a moment after close: give it that moment.
 */
const settledFds = async () => {
  await sleep(100);
  return openFds();
};

/** A bit of everything: tcp, ipc and inproc, a broker, pub-sub and a pipeline. */
const mixed = graph(
  [
    node("broker", "broker", [
      { id: "frontend", type: "ROUTER", bind: ["tcp://127.0.0.1:15590"] },
      { id: "backend", type: "DEALER", bind: ["ipc://life-backend"] },
    ]),
    node("client", "client", [{ id: "req", type: "REQ" }], { intervalMs: 5 }),
    node("worker", "server", [{ id: "rep", type: "REP" }]),
    node("pub", "publisher", [{ id: "pub", type: "PUB", bind: ["inproc://life-pub"] }], {
      intervalMs: 5,
    }),
    node("sub", "subscriber", [{ id: "sub", type: "SUB" }]),
  ],
  [
    link("cf", "client.req", "broker.frontend"),
    link("wb", "worker.rep", "broker.backend"),
    link("ps", "sub.sub", "pub.pub"),
  ],
);

type Internals = { _getActiveHandles(): { constructor: { name: string } }[] };
const activeHandles = () => (process as unknown as Internals)._getActiveHandles().length;
const describeHandles = () =>
  (process as unknown as Internals)
    ._getActiveHandles()
    .map((h) => h.constructor.name)
    .join(", ");

describe("lifecycle", () => {
  it("200 deploy/stop cycles leave no open sockets or handles", async () => {
    const rt = createRuntime();
    const errors: string[] = [];
    rt.on((e) => {
      if (e.type === "error" || (e.type === "log" && e.level === "warn"))
        errors.push(JSON.stringify(e));
    });
    // Warm up: the zeromq context opens its own descriptors once, on first use.
    await rt.deploy(mixed);
    await waitFor("a reply", () => (rt.counters().nodes.client?.received ?? 0) > 0);
    await rt.stop();
    await sleep(200);
    const before = await settledFds();
    const handlesBefore = activeHandles();
    for (let i = 0; i < 200; i++) {
      const res = await rt.deploy(mixed);
      expect(res.ok).toBe(true);
      if (i % 50 === 0)
        await waitFor("a reply", () => (rt.counters().nodes.client?.received ?? 0) > 0).catch(
          (e: Error) => {
            const s = rt.snapshot();
            console.log(i, JSON.stringify(s.nodes), JSON.stringify(s.counters.nodes), errors);
            throw e;
          },
        );
      await rt.stop();
    }
    await rt.close();
    // libzmq closes descriptors on its reaper thread: give it a moment.
    let after = await settledFds();
    const trail = [after];
    for (let i = 0; i < 50 && after > before; i++) trail.push((after = await settledFds()));
    if (after > before) console.log("fds after close, one per 100 ms:", trail.join(" "));
    expect(after).toBeLessThanOrEqual(before);
    // No timer, socket watcher or poll handle of ours outlives the runtime.
    const handlesAfter = activeHandles();
    if (handlesAfter > handlesBefore) console.log("handles:", describeHandles());
    expect(handlesAfter).toBeLessThanOrEqual(handlesBefore);
  }, 20_000);
});
