import { describe, expect, it } from "vitest";
import type { ObservedGraph, ObservedSocket } from "./observed.js";
import { observedDoc } from "./observed-doc.js";
import { promoteObserved } from "./promote.js";
import { parseGraph } from "./validate.js";

const sock = (
  id: string,
  type: ObservedSocket["type"],
  side: "bind" | "connect",
  port: number,
  extra: Partial<ObservedSocket> = {},
): ObservedSocket => ({
  id,
  type,
  side,
  endpoint: `tcp://127.0.0.1:${port}`,
  subscriptions: [],
  open: 1,
  ...extra,
});

const link = (
  id: string,
  from: [string, string],
  to: [string, string],
  state: "open" | "closed" = "open",
) => ({
  id,
  from: { node: from[0], socket: from[1] },
  to: { node: to[0], socket: to[1] },
  endpoint: "tcp://127.0.0.1:0",
  state,
  encrypted: false,
  opened: 0,
});

const graph: ObservedGraph = {
  source: { kind: "live", iface: "lo" },
  nodes: [
    {
      id: "p1",
      label: "broker",
      host: "127.0.0.1",
      sockets: [
        sock("bind-5559", "ROUTER", "bind", 5559),
        sock("bind-5560", "DEALER", "bind", 5560),
      ],
    },
    {
      id: "p2",
      label: "client",
      host: "127.0.0.1",
      sockets: [
        sock("conn-40001", "REQ", "connect", 40001),
        sock("conn-40009", "REQ", "connect", 40009, { open: 0 }),
      ],
    },
    {
      id: "p3",
      label: "worker",
      host: "127.0.0.1",
      sockets: [sock("conn-40002", "REP", "connect", 40002)],
    },
    {
      id: "p4",
      label: "pub",
      host: "127.0.0.1",
      sockets: [sock("bind-5570", "PUB", "bind", 5570)],
    },
    {
      id: "p5",
      label: "sub",
      host: "127.0.0.1",
      sockets: [sock("conn-40003", "SUB", "connect", 40003, { subscriptions: ["weather"] })],
    },
    {
      id: "p6",
      label: "curve",
      host: "127.0.0.1",
      sockets: [sock("conn-40004", null, "connect", 40004)],
    },
  ],
  links: [
    link("l40001-5559", ["p2", "conn-40001"], ["p1", "bind-5559"]),
    link("l40009-5559", ["p2", "conn-40009"], ["p1", "bind-5559"], "closed"),
    link("l40002-5560", ["p3", "conn-40002"], ["p1", "bind-5560"]),
    link("l40003-5570", ["p5", "conn-40003"], ["p4", "bind-5570"]),
  ],
};

describe("promoteObserved", () => {
  it("guesses roles from types and shape, merges reconnects, moves ports, and validates", () => {
    const { doc, notes } = promoteObserved(graph, { portOffset: 100 });
    const parsed = parseGraph(doc);
    expect(parsed.ok, JSON.stringify(parsed.diagnostics)).toBe(true);
    expect(doc.nodes.map((n) => [n.id, n.role])).toEqual([
      ["p1", "broker"],
      ["p2", "client"],
      ["p3", "server"],
      ["p4", "publisher"],
      ["p5", "subscriber"],
    ]);
    expect(doc.nodes[0]!.sockets.map((s) => [s.id, s.type, s.bind])).toEqual([
      ["frontend", "ROUTER", ["tcp://127.0.0.1:5659"]],
      ["backend", "DEALER", ["tcp://127.0.0.1:5660"]],
    ]);
    // Two connections of one REQ (a reconnect) are one socket and one link.
    expect(
      doc.links.map((l) => `${l.from.node}.${l.from.socket}->${l.to.node}.${l.to.socket}`),
    ).toEqual(["p2.req->p1.frontend", "p3.rep->p1.backend", "p5.sub->p4.pub"]);
    expect(doc.nodes.find((n) => n.id === "p5")!.params.topics).toEqual(["weather"]);
    expect(doc.nodes.find((n) => n.id === "p4")!.params.topics).toEqual(["weather"]);
    expect(notes).toEqual([
      {
        code: "unknown-type",
        node: "curve",
        socket: "conn-40004",
        endpoint: "tcp://127.0.0.1:40004",
      },
      { code: "ports-moved", offset: 100 },
    ]);
  });

  it("reads a process with an XSUB and an XPUB as a proxy", () => {
    const g: ObservedGraph = {
      ...graph,
      nodes: [
        {
          id: "p7",
          label: "wuproxy",
          host: "127.0.0.1",
          sockets: [sock("conn-7", "XSUB", "connect", 7), sock("bind-5578", "XPUB", "bind", 5578)],
        },
      ],
      links: [],
    };
    const node = promoteObserved(g).doc.nodes[0]!;
    expect(node.role).toBe("proxy");
    expect(node.sockets.map((s) => [s.id, s.type, s.bind])).toEqual([
      ["frontend", "XSUB", []],
      ["backend", "XPUB", ["tcp://127.0.0.1:5578"]],
    ]);
  });

  it("splits a process whose sockets make no one role", () => {
    const g: ObservedGraph = {
      ...graph,
      nodes: [
        {
          id: "p9",
          label: "mixed",
          host: "127.0.0.1",
          sockets: [sock("bind-5", "REP", "bind", 5), sock("conn-6", "SUB", "connect", 6)],
        },
      ],
      links: [],
    };
    expect(promoteObserved(g).doc.nodes.map((n) => [n.id, n.role])).toEqual([
      ["p9-bind-5", "server"],
      ["p9-conn-6", "subscriber"],
    ]);
  });
});

describe("observedDoc", () => {
  it("draws open links and the nodes that have them; unknown types stay `?`", () => {
    const doc = observedDoc(graph);
    expect(doc.links.map((l) => l.id)).toEqual(["l40001-5559", "l40002-5560", "l40003-5570"]);
    expect(doc.nodes.find((n) => n.id === "p6")!.sockets[0]!.type).toBe("?");
    expect(doc.nodes.find((n) => n.id === "p1")!.role).toBe("broker");
  });
});
