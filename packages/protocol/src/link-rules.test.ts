import { describe, expect, it } from "vitest";
import { ERROR_CODES as E, linkRefusal, parseGraph, type GraphDoc } from "./index.js";

const doc = (): GraphDoc => {
  const r = parseGraph({
    version: 1,
    nodes: [
      { id: "client", role: "client", sockets: [{ id: "req", type: "REQ" }] },
      {
        id: "server",
        role: "server",
        sockets: [{ id: "rep", type: "REP", bind: ["tcp://127.0.0.1:5555"] }],
      },
      {
        id: "broker",
        role: "broker",
        sockets: [
          { id: "frontend", type: "ROUTER", bind: ["tcp://127.0.0.1:5556"] },
          { id: "backend", type: "DEALER" },
        ],
      },
      { id: "pub", role: "publisher", sockets: [{ id: "pub", type: "PUB", bind: [] }] },
    ],
  });
  if (!r.doc) throw new Error(JSON.stringify(r.diagnostics));
  return r.doc;
};

const refusal = (d: GraphDoc, from: string, to: string) => {
  const [fn, fs] = from.split(".");
  const [tn, ts] = to.split(".");
  return linkRefusal(d, { node: fn!, socket: fs! }, { node: tn!, socket: ts! });
};

describe("linkRefusal: the rules the canvas applies as you draw", () => {
  it("allows a compatible pair onto a binding socket", () => {
    expect(refusal(doc(), "client.req", "server.rep")).toBeNull();
  });

  it("refuses each broken rule with its code and reason", () => {
    const d = doc();
    expect(refusal(d, "client.req", "nobody.rep")?.code).toBe(E.UNKNOWN_NODE);
    expect(refusal(d, "client.req", "server.nope")?.code).toBe(E.UNKNOWN_SOCKET);
    expect(refusal(d, "broker.backend", "broker.frontend")).toMatchObject({
      code: E.SELF_LINK,
      reason: { key: "link.self", params: { node: "broker" } },
    });
    expect(refusal(d, "client.req", "pub.pub")).toMatchObject({
      code: E.INCOMPATIBLE,
      reason: { key: "link.incompatible", params: { from: "REQ", to: "PUB" } },
    });
    expect(refusal(d, "server.rep", "broker.backend")?.code).toBe(E.CONNECT_TO_NOTHING);
    expect(refusal(d, "server.rep", "broker.frontend")?.code).toBe(E.INCOMPATIBLE);
    d.links.push({
      id: "l1",
      from: { node: "client", socket: "req" },
      to: { node: "server", socket: "rep" },
    });
    expect(refusal(d, "client.req", "server.rep")).toMatchObject({
      code: E.DUPLICATE_LINK,
      severity: "warning",
    });
  });
});

describe("validateGraph applies the same rules to each link", () => {
  it("names the link around the rule's reason", () => {
    const d = doc();
    d.links.push(
      { id: "l1", from: { node: "client", socket: "req" }, to: { node: "server", socket: "rep" } },
      { id: "l2", from: { node: "client", socket: "req" }, to: { node: "server", socket: "rep" } },
      {
        id: "l3",
        from: { node: "broker", socket: "backend" },
        to: { node: "broker", socket: "frontend" },
      },
      {
        id: "l4",
        from: { node: "server", socket: "rep" },
        to: { node: "broker", socket: "frontend" },
      },
    );
    const found = parseGraph(d).diagnostics.filter((x) => x.link);
    expect(found.map((x) => [x.link, x.code, x.severity])).toEqual([
      ["l2", E.DUPLICATE_LINK, "warning"],
      ["l3", E.SELF_LINK, "error"],
      ["l4", E.INCOMPATIBLE, "error"],
      ["l4", E.BINDING_DIALS, "warning"],
    ]);
    expect(found[1]?.message).toBe(
      "link l3: broker cannot be linked to itself: link it to another node",
    );
  });
});
