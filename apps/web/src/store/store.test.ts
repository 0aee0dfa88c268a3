import type { RuntimeSnapshot } from "@zmqp/protocol";
import { describe, expect, it } from "vitest";
import { diagnosticsOf, errorsOf, nodeDiagnostics } from "./diagnostics.js";
import { createAppStore } from "./index.js";
import { AUTOSAVE_KEY, autosave, loadSaved } from "./persist.js";
import { LOG_CAPACITY } from "./runtimeSlice.js";

function helloWorld() {
  const store = createAppStore();
  const s = store.getState();
  const client = s.addNode("client", { x: 0, y: 0 });
  const server = s.addNode("server", { x: 300, y: 0 });
  return { store, client, server };
}

describe("graph slice", () => {
  it("adds nodes with defaults: a server binds the next free port from 5555", () => {
    const { store, client, server } = helloWorld();
    const doc = store.getState().doc;
    expect(client).toBe("client");
    expect(server).toBe("server");
    expect(doc.nodes.find((n) => n.id === "server")?.sockets[0]?.bind).toEqual([
      "tcp://127.0.0.1:5555",
    ]);
    expect(doc.nodes.find((n) => n.id === "client")?.sockets[0]?.bind).toEqual([]);
    const second = store.getState().addNode("server", { x: 0, y: 200 });
    expect(second).toBe("server-2");
    expect(store.getState().doc.nodes.at(-1)?.sockets[0]?.bind).toEqual(["tcp://127.0.0.1:5556"]);
  });

  it("links a connecting socket to a binding one, and the document validates", () => {
    const { store } = helloWorld();
    const r = store
      .getState()
      .connect({ node: "client", socket: "req" }, { node: "server", socket: "rep" });
    expect(r.ok).toBe(true);
    expect(store.getState().doc.links).toHaveLength(1);
    expect(errorsOf(store.getState().doc)).toEqual([]);
  });

  it("refuses an incompatible link with ZeroMQ's reason", () => {
    const store = createAppStore();
    store.getState().addNode("client", { x: 0, y: 0 });
    store.getState().addNode("publisher", { x: 300, y: 0 });
    const r = store
      .getState()
      .connect({ node: "client", socket: "req" }, { node: "publisher", socket: "pub" });
    expect(r).toEqual({
      ok: false,
      reason: {
        key: "link.incompatible",
        params: { from: "REQ", to: "PUB", peers: expect.stringContaining("REP") },
      },
    });
    expect(store.getState().doc.links).toHaveLength(0);
  });

  it("refuses a link to a socket that binds nothing", () => {
    const store = createAppStore();
    store.getState().addNode("client", { x: 0, y: 0 });
    store.getState().addNode("client", { x: 300, y: 0 });
    const r = store
      .getState()
      .connect({ node: "client", socket: "req" }, { node: "client-2", socket: "req" });
    expect(r.ok).toBe(false);
  });

  it("flags a duplicate bind and a bad port on the node before Run", () => {
    const { store } = helloWorld();
    store.getState().addNode("server", { x: 0, y: 200 });
    store.getState().setBinds({ node: "server-2", socket: "rep" }, ["tcp://127.0.0.1:5555"]);
    expect(nodeDiagnostics(store.getState().doc, "server-2").map((d) => d.code)).toContain(
      "ZMQP_ERR_DUPLICATE_BIND",
    );
    store.getState().setBinds({ node: "server-2", socket: "rep" }, ["tcp://127.0.0.1:70000"]);
    expect(errorsOf(store.getState().doc).map((d) => d.code)).toContain("ZMQP_ERR_BAD_PORT");
  });

  it("removing a node removes its links", () => {
    const { store } = helloWorld();
    store.getState().connect({ node: "client", socket: "req" }, { node: "server", socket: "rep" });
    store.getState().remove(["server"], []);
    expect(store.getState().doc.nodes.map((n) => n.id)).toEqual(["client"]);
    expect(store.getState().doc.links).toEqual([]);
  });

  it("undo and redo walk the document only, not runtime or selection", () => {
    const { store } = helloWorld();
    const t = store.temporal.getState();
    store.getState().select({ nodes: ["client"], links: [] });
    store.getState().applyBatch([{ type: "log", t: 1, level: "info", text: "x" }], 0);
    expect(store.temporal.getState().pastStates).toHaveLength(2);
    t.undo();
    expect(store.getState().doc.nodes.map((n) => n.id)).toEqual(["client"]);
    expect(store.getState().log).toHaveLength(1);
    expect(store.getState().selection.nodes).toEqual(["client"]);
    store.temporal.getState().redo();
    expect(store.getState().doc.nodes).toHaveLength(2);
  });

  it("caches diagnostics per document object", () => {
    const { store } = helloWorld();
    const doc = store.getState().doc;
    expect(diagnosticsOf(doc)).toBe(diagnosticsOf(doc));
  });
});

describe("runtime slice", () => {
  const snapshot: RuntimeSnapshot = {
    state: "running",
    deployId: 3,
    doc: null,
    nodes: { server: { state: "running", sockets: {} } },
    counters: { nodes: {}, links: { l: { forward: 2, backward: 2 } } },
    stepMode: false,
    speed: 2,
    cutLinks: ["l"],
  };

  it("a snapshot restores state, status, counters and cut links", () => {
    const store = createAppStore();
    store.getState().applySnapshot(snapshot);
    const s = store.getState();
    expect(s.everConnected).toBe(true);
    expect(s.run).toMatchObject({ state: "running", deployId: 3, speed: 2, cutLinks: ["l"] });
    expect(s.status.server?.state).toBe("running");
    expect(s.counters.links.l).toEqual({ forward: 2, backward: 2 });
  });

  it("batches update status and counters (latest wins) and log the rest", () => {
    const store = createAppStore();
    store.getState().applyBatch(
      [
        {
          type: "status",
          t: 1,
          node: "a",
          status: { state: "running", activity: "waiting", sockets: {} },
        },
        {
          type: "counters",
          t: 1,
          nodes: {
            a: {
              sent: 1,
              received: 0,
              dropped: 0,
              errors: 0,
              dropReasons: {},
              peers: {},
              sockets: {},
            },
          },
          links: {},
        },
        {
          type: "counters",
          t: 2,
          nodes: {
            a: {
              sent: 2,
              received: 1,
              dropped: 0,
              errors: 0,
              dropReasons: {},
              peers: {},
              sockets: {},
            },
          },
          links: {},
        },
        { type: "log", t: 2, level: "info", text: "hello" },
      ],
      5,
    );
    const s = store.getState();
    expect(s.status.a?.activity).toBe("waiting");
    expect(s.counters.nodes.a?.sent).toBe(2);
    expect(s.log.map((e) => e.type)).toEqual(["log"]);
    expect(s.sampled).toBe(5);
  });

  it("the event log is a ring buffer", () => {
    const store = createAppStore();
    const events = Array.from({ length: LOG_CAPACITY + 50 }, (_, i) => ({
      type: "log" as const,
      t: i,
      level: "info" as const,
      text: String(i),
    }));
    store.getState().applyBatch(events, 0);
    const log = store.getState().log;
    expect(log).toHaveLength(LOG_CAPACITY);
    expect(log[0]?.type === "log" && log[0].text).toBe("50");
  });
});

describe("autosave", () => {
  it("saves the document after an edit and restores it", async () => {
    const { store } = helloWorld();
    const mem = new Map<string, string>();
    const storage = {
      getItem: (k: string) => mem.get(k) ?? null,
      setItem: (k: string, v: string) => void mem.set(k, v),
    };
    const stop = autosave(store, storage);
    store.getState().addNode("publisher", { x: 0, y: 0 });
    await new Promise((r) => setTimeout(r, 400));
    stop();
    expect(mem.has(AUTOSAVE_KEY)).toBe(true);
    expect(loadSaved(storage)?.nodes.map((n) => n.id)).toEqual(["client", "server", "publisher"]);
  });

  it("ignores a corrupt save", () => {
    expect(loadSaved({ getItem: () => "{not json" })).toBeNull();
  });
});

describe("click-to-add placement", () => {
  it("puts a new node where no other node is", async () => {
    const { freeSpot } = await import("./placement.js");
    const { store } = helloWorld();
    const doc = store.getState().doc;
    const p = freeSpot(doc, { x: 0, y: 0 });
    expect(p).not.toEqual({ x: 0, y: 0 });
    for (const n of doc.nodes)
      expect(Math.abs(n.position!.x - p.x) >= 240 || Math.abs(n.position!.y - p.y) >= 130).toBe(
        true,
      );
  });
});

describe("click-to-add order", () => {
  it("the second node goes to the right of the first, on the same row", async () => {
    const { freeSpot } = await import("./placement.js");
    const store = createAppStore();
    store.getState().addNode("server", { x: 0, y: 0 });
    expect(freeSpot(store.getState().doc, { x: 0, y: 0 })).toEqual({ x: 270, y: 0 });
  });

  it("prefers a free spot in view; with none, the nearest free one outside it", async () => {
    const { freeSpot } = await import("./placement.js");
    const store = createAppStore();
    store.getState().addNode("server", { x: 0, y: 0 });
    // The right neighbour is out of view: the one on the left is taken instead.
    const view = { x0: -300, y0: -10, x1: 100, y1: 10 };
    expect(freeSpot(store.getState().doc, { x: 0, y: 0 }, view)).toEqual({ x: -270, y: 0 });
    const tiny = { x0: -5, y0: -5, x1: 5, y1: 5 };
    expect(freeSpot(store.getState().doc, { x: 0, y: 0 }, tiny)).toEqual({ x: 270, y: 0 });
  });
});
