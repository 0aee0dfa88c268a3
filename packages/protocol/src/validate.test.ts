import { describe, expect, it } from "vitest";
import { ERROR_CODES as E, parseGraph, validateGraph, type GraphInput } from "./index.js";

const helloWorld = (): GraphInput => ({
  version: 1,
  nodes: [
    { id: "client", role: "client", sockets: [{ id: "req", type: "REQ" }] },
    {
      id: "server",
      role: "server",
      sockets: [{ id: "rep", type: "REP", bind: ["tcp://127.0.0.1:5555"] }],
    },
  ],
  links: [
    { id: "l1", from: { node: "client", socket: "req" }, to: { node: "server", socket: "rep" } },
  ],
});

const codes = (doc: unknown, opts = {}) => validateGraph(doc, opts).map((d) => d.code);

describe("validateGraph", () => {
  it("accepts hello world and fills defaults", () => {
    const r = parseGraph(helloWorld());
    expect(r.ok).toBe(true);
    expect(r.doc?.nodes[0]?.autostart).toBe(true);
  });

  it("refuses an incompatible pair with a reason naming both types", () => {
    const doc = helloWorld();
    doc.nodes[0]!.sockets[0]!.type = "PUB";
    const d = validateGraph(doc).find((x) => x.code === E.INCOMPATIBLE);
    expect(d?.link).toBe("l1");
    expect(d?.message).toMatch(/PUB cannot talk to REP/);
  });

  it("says what to fix in a bad setting in words the page translates, not zod's English", () => {
    const doc = helloWorld();
    doc.nodes[0]!.params = { intervalMs: -5, payload: 7, lazyPirate: "yes" };
    const d = validateGraph(doc).find((x) => x.code === E.BAD_BEHAVIOUR);
    expect(d?.phrase).toEqual({
      key: "diag.badParams",
      params: {
        node: "client",
        path: "intervalMs",
        detail: { key: "issue.atLeast", params: { min: 0 } },
      },
    });
    expect(d?.message).toBe("client: intervalMs: it must be at least 0");
    const typed = helloWorld();
    typed.nodes[0]!.params = { intervalMs: "soon" };
    expect(validateGraph(typed).find((x) => x.code === E.BAD_BEHAVIOUR)?.message).toBe(
      "client: intervalMs: it must be a number",
    );
    const schema = validateGraph({ ...helloWorld(), links: "none" });
    expect(schema.map((x) => x.message)).toContain("links: it must be a list");
  });

  it("refuses ports outside 1-65535", () => {
    const doc = helloWorld();
    doc.nodes[1]!.sockets[0]!.bind = ["tcp://127.0.0.1:99999"];
    expect(codes(doc)).toContain(E.BAD_PORT);
    doc.nodes[1]!.sockets[0]!.bind = ["tcp://127.0.0.1:0"];
    expect(codes(doc)).toContain(E.BAD_PORT);
  });

  it("flags two sockets binding one address", () => {
    const doc = helloWorld();
    doc.nodes.push({
      id: "server2",
      role: "server",
      sockets: [{ id: "rep", type: "REP", bind: ["tcp://*:5555"] }],
    });
    expect(codes(doc, { allowExternal: true })).toContain(E.DUPLICATE_BIND);
  });

  it("refuses non-loopback binds unless allowExternal", () => {
    const doc = helloWorld();
    doc.nodes[1]!.sockets[0]!.bind = ["tcp://*:5555"];
    expect(codes(doc)).toContain(E.EXTERNAL_BIND);
    expect(codes(doc, { allowExternal: true })).not.toContain(E.EXTERNAL_BIND);
  });

  it("refuses a link to a socket that binds nothing", () => {
    const doc = helloWorld();
    doc.nodes[1]!.sockets[0]!.bind = [];
    expect(codes(doc)).toContain(E.CONNECT_TO_NOTHING);
  });

  it("refuses unknown fields and prototype keys", () => {
    expect(codes({ ...helloWorld(), extra: 1 })).toContain(E.SCHEMA);
    expect(codes(JSON.parse('{"version":1,"nodes":[],"__proto__":{"x":1}}'))).toContain(E.SCHEMA);
  });

  it("refuses ipc paths that leave the sandbox", () => {
    const doc = helloWorld();
    doc.nodes[1]!.sockets[0]!.bind = ["ipc://../etc/passwd"];
    expect(codes(doc)).toContain(E.IPC_PATH);
  });

  it("refuses bad behaviour params", () => {
    const doc = helloWorld();
    doc.nodes[0]!.params = { intervalMs: -5 };
    expect(codes(doc)).toContain(E.BAD_BEHAVIOUR);
  });
});
