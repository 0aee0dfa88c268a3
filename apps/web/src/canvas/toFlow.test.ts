import { describe, expect, it } from "vitest";
import { connect, emptyDoc, newNode, addNode } from "../store/graphOps.js";
import { autoLayout } from "./layout.js";
import { badgeFor } from "./nodeStatus.js";
import { connectionToRefs, crowdedNodes, toFlowEdges, toFlowNodes } from "./toFlow.js";

function doc() {
  let d = emptyDoc();
  d = addNode(d, newNode(d, "client", { x: 10, y: 20 }));
  d = addNode(d, newNode(d, "server", { x: 300, y: 20 }));
  const r = connect(d, { node: "client", socket: "req" }, { node: "server", socket: "rep" });
  if (!r.ok) throw new Error(r.reason.key);
  return r.doc;
}

describe("crowded nodes", () => {
  it("are the ones whose full 240 px box would cover a neighbour", () => {
    let d = doc();
    expect(crowdedNodes(d)).toEqual(new Set());
    // 224 px to the right of the client: a compact card fits, a full node would not.
    d = addNode(d, newNode(d, "server", { x: 234, y: 60 }));
    expect(crowdedNodes(d)).toEqual(new Set(["client", "server-2", "server"]));
    const nodes = toFlowNodes(d);
    expect(nodes.map((n) => n.data.crowded)).toEqual([true, true, true]);
    expect(toFlowEdges(d, new Set(), new Set(), crowdedNodes(d))[0]?.data?.crowded).toBe(true);
  });
});

describe("graph -> flow", () => {
  it("maps nodes with their positions and links as edges from the connecting socket", () => {
    const d = doc();
    const nodes = toFlowNodes(d);
    expect(nodes.map((n) => [n.id, n.type, n.position])).toEqual([
      ["client", "zmq", { x: 10, y: 20 }],
      ["server", "zmq", { x: 300, y: 20 }],
    ]);
    const [edge] = toFlowEdges(d, new Set(), new Set(["client-server"]));
    expect(edge).toMatchObject({
      source: "client",
      sourceHandle: "req",
      target: "server",
      targetHandle: "rep",
      type: "link",
      data: { cut: true, crowded: false },
    });
  });

  it("keeps React Flow's measurement and object identity when nothing changed", () => {
    const d = doc();
    const first = toFlowNodes(d).map((n) => ({ ...n, measured: { width: 200, height: 80 } }));
    const again = toFlowNodes(d, first);
    expect(again[0]).toBe(first[0]);
    const selected = toFlowNodes(d, first, new Set(["server"]));
    expect(selected[1]?.selected).toBe(true);
    expect(selected[1]?.measured).toEqual({ width: 200, height: 80 });
  });

  it("a node being dragged keeps the flow's position until the drop", () => {
    const d = doc();
    const dragging = toFlowNodes(d).map((n) => ({
      ...n,
      dragging: true,
      position: { x: 99, y: 99 },
    }));
    expect(toFlowNodes(d, dragging, new Set(["client"]))[0]?.position).toEqual({ x: 99, y: 99 });
  });
});

describe("flow -> graph", () => {
  it("a connection becomes socket references (connecting first)", () => {
    expect(
      connectionToRefs({ source: "a", sourceHandle: "req", target: "b", targetHandle: "rep" }),
    ).toEqual({
      from: { node: "a", socket: "req" },
      to: { node: "b", socket: "rep" },
    });
    expect(
      connectionToRefs({ source: "a", sourceHandle: null, target: "b", targetHandle: "rep" }),
    ).toBeNull();
  });

  it("auto layout puts the connecting node left of the one it dials", () => {
    const p = autoLayout(doc());
    expect(p.client!.x).toBeLessThan(p.server!.x);
  });
});

describe("status badge", () => {
  it("shows a REQ waiting, an error's message, and bound/connected sockets", () => {
    expect(badgeFor(undefined).key).toBe("idle");
    expect(badgeFor({ state: "running", activity: "waiting", sockets: {} }).key).toBe("waiting");
    const err = badgeFor({
      state: "running",
      sockets: {
        rep: {
          type: "REP",
          bound: [],
          connecting: [],
          peers: 0,
          error: { code: "ZMQP_ERR_ADDRESS_IN_USE", message: "Address already in use" },
        },
      },
    });
    expect(err).toMatchObject({ key: "error", tone: "bad", detail: "Address already in use" });
    const bound = {
      type: "REP" as const,
      bound: ["tcp://127.0.0.1:5555"],
      connecting: [],
      peers: 1,
    };
    expect(badgeFor({ state: "running", sockets: { rep: bound } }).key).toBe("bound");
    const dial = {
      type: "REQ" as const,
      bound: [],
      connecting: ["tcp://127.0.0.1:5555"],
      peers: 0,
    };
    expect(badgeFor({ state: "running", sockets: { req: dial } }).key).toBe("connecting");
    expect(badgeFor({ state: "running", sockets: { req: { ...dial, peers: 1 } } }).key).toBe(
      "connected",
    );
    const ready = { state: "running" as const, activity: "idle" as const };
    expect(badgeFor({ ...ready, sockets: { req: { ...dial, peers: 1 } } }).key).toBe("idle");
    expect(badgeFor({ ...ready, sockets: { req: dial } }).key).toBe("connecting");
  });
});

describe("handle sides", () => {
  it("a socket faces the nodes it is linked to", () => {
    let d = doc();
    // Move the client to the right of the server: its REQ handle now faces left, the REP right.
    d = {
      ...d,
      nodes: d.nodes.map((n) => (n.id === "client" ? { ...n, position: { x: 900, y: 0 } } : n)),
    };
    const nodes = toFlowNodes(d);
    expect(nodes.find((n) => n.id === "client")?.data.sides).toEqual({ req: "left" });
    expect(nodes.find((n) => n.id === "server")?.data.sides).toEqual({ rep: "right" });
    expect(toFlowNodes(doc()).find((n) => n.id === "server")?.data.sides).toEqual({ rep: "left" });
  });
});
