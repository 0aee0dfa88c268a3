import { describe, expect, it } from "vitest";
import crossMachine from "../../../scenarios/06-cross-machine.json";
import crossBroker from "../../../scenarios/07-cross-machine-broker.json";
import { parseGraph, ZMQ_SOCKET_TYPES, type GraphDoc, type GraphInput } from "@zmqp/protocol";
import { connectSnippets, SNIPPET_PEER, type SnippetResult } from "./index.js";

const load = (raw: unknown): GraphDoc => {
  const r = parseGraph(raw, { allowExternal: true });
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.doc;
};

const ok = (r: SnippetResult) => {
  if (!r.ok) throw new Error(r.reason);
  return r;
};
const code = (r: SnippetResult, lang: "python" | "node") =>
  ok(r).snippets.find((s) => s.language === lang)!.code;

describe("connectSnippets on a bound playground socket", () => {
  const doc06 = load(crossMachine);

  it("gives a REQ client for the 06 server, dialling loopback and saying how another machine joins", () => {
    const r = ok(connectSnippets(doc06, "server"));
    expect(r).toMatchObject({
      peerType: "REQ",
      action: "connect",
      address: "tcp://127.0.0.1:5555",
    });
    expect(r.note).toMatch(/another machine.*this machine's IP/);
    expect(code(r, "python")).toContain("zmq.REQ");
    expect(code(r, "python")).toContain('"ZMQP_CONNECT_PEER", "tcp://127.0.0.1:5555")');
    expect(code(r, "python")).toContain("sock.connect(ADDRESS)");
    expect(code(r, "node")).toContain('import { Request } from "zeromq"');
    expect(code(r, "node")).toContain('ZMQP_CONNECT_PEER ?? "tcp://127.0.0.1:5555"');
    expect(code(r, "node")).toContain("sock.connect(ADDRESS)");
  });

  it("puts the given host in place of the wildcard", () => {
    const r = ok(connectSnippets(doc06, "server", "rep", { host: "10.77.0.1", count: 3 }));
    expect(r.address).toBe("tcp://10.77.0.1:5555");
    expect(r.note).toBeUndefined();
    expect(code(r, "python")).toContain('ZMQP_COUNT", "3"');
    expect(code(r, "node")).toContain("ZMQP_COUNT ?? 3");
  });

  it("offers a client for the 07 frontend and a worker (REP) for the backend", () => {
    const doc = load(crossBroker);
    expect(ok(connectSnippets(doc, "broker", "frontend"))).toMatchObject({
      peerType: "REQ",
      address: "tcp://127.0.0.1:5559",
    });
    const back = ok(connectSnippets(doc, "broker", "backend"));
    expect(back).toMatchObject({ peerType: "REP", address: "tcp://127.0.0.1:5560" });
    expect(code(back, "python")).toContain("sock.send_string(");
    expect(code(back, "node")).toContain("new Reply(");
  });

  it("subscribes a SUB peer to the publisher's first topic", () => {
    const doc = load({
      version: 1,
      nodes: [
        {
          id: "pub",
          role: "publisher",
          sockets: [{ id: "pub", type: "PUB", bind: ["tcp://127.0.0.1:5556"] }],
          params: { topics: ["weather", "news"] },
        },
      ],
    });
    const r = ok(connectSnippets(doc, "pub"));
    expect(r).toMatchObject({ peerType: "SUB", topic: "weather" });
    expect(r.note).toMatch(/only programs on this machine/);
    expect(code(r, "python")).toContain('setsockopt_string(zmq.SUBSCRIBE, "weather")');
    expect(code(r, "node")).toContain('sock.subscribe("weather")');
  });

  it("gives every bindable socket type a compatible peer", () => {
    for (const t of ZMQ_SOCKET_TYPES) {
      const peer = SNIPPET_PEER[t as keyof typeof SNIPPET_PEER];
      expect(peer, t).not.toBeNull();
    }
    expect(SNIPPET_PEER.STREAM).toBe("TCP");
  });

  it("gives a STREAM server a raw TCP client, not a ZeroMQ socket", () => {
    const doc = load({
      version: 1,
      nodes: [
        {
          id: "s",
          role: "stream-server",
          sockets: [{ id: "stream", type: "STREAM", bind: ["tcp://127.0.0.1:5570"] }],
        },
      ],
    });
    const r = ok(connectSnippets(doc, "s"));
    expect(code(r, "python")).toContain('"tcp://127.0.0.1:5570")');
    expect(code(r, "python")).toContain("socket.create_connection(");
    expect(code(r, "python")).not.toContain("import zmq");
    expect(code(r, "node")).toContain('import net from "node:net"');
    expect(code(r, "node")).toContain('"tcp://127.0.0.1:5570"');
  });

  it("says why a connecting socket, inproc and unknown ipc folders get no snippet", () => {
    const doc = load({
      version: 1,
      nodes: [
        { id: "c", role: "client", sockets: [{ id: "req", type: "REQ" }] },
        { id: "a", role: "server", sockets: [{ id: "rep", type: "REP", bind: ["inproc://x"] }] },
        { id: "b", role: "server", sockets: [{ id: "rep", type: "REP", bind: ["ipc://svc"] }] },
      ],
      links: [{ id: "l", from: { node: "c", socket: "req" }, to: { node: "a", socket: "rep" } }],
    });
    const reason = (r: SnippetResult) => (r.ok ? "" : r.reason);
    expect(reason(connectSnippets(doc, "c"))).toMatch(/connects rather than binds/);
    expect(reason(connectSnippets(doc, "a"))).toMatch(/inproc/);
    expect(reason(connectSnippets(doc, "b"))).toMatch(/sandbox folder/);
    expect(reason(connectSnippets(doc, "nope"))).toMatch(/no node/);
    expect(ok(connectSnippets(doc, "b", "rep", { ipcDir: "/tmp/zmqp/" })).address).toBe(
      "ipc:///tmp/zmqp/svc",
    );
  });
});

describe("connectSnippets on an external peer node", () => {
  it("uses the external node's own type and the address of the socket it is linked to", () => {
    const doc = load(crossBroker);
    const worker = ok(connectSnippets(doc, "remote-worker", undefined, { host: "10.77.0.1" }));
    expect(worker).toMatchObject({
      peerType: "REP",
      action: "connect",
      address: "tcp://10.77.0.1:5560",
    });
    const client = ok(connectSnippets(doc, "remote-client"));
    expect(client).toMatchObject({ peerType: "REQ", address: "tcp://127.0.0.1:5559" });
  });

  it("binds when the external node declares the address the outside program owns", () => {
    const input: GraphInput = {
      version: 1,
      nodes: [
        { id: "c", role: "client", sockets: [{ id: "req", type: "REQ" }] },
        {
          id: "py",
          role: "external",
          sockets: [{ id: "peer", type: "REP", bind: ["tcp://127.0.0.1:6000"] }],
        },
      ],
      links: [{ id: "l", from: { node: "c", socket: "req" }, to: { node: "py", socket: "peer" } }],
    };
    const r = ok(connectSnippets(load(input), "py"));
    expect(r).toMatchObject({ peerType: "REP", action: "bind", address: "tcp://127.0.0.1:6000" });
    expect(code(r, "python")).toContain('"ZMQP_BIND_PEER", "tcp://127.0.0.1:6000")');
    expect(code(r, "python")).toContain("sock.bind(ADDRESS)");
    expect(code(r, "node")).toContain("await sock.bind(ADDRESS)");
  });

  it("subscribes an external SUB to the topic of the publisher it is linked to", () => {
    const doc = load({
      version: 1,
      nodes: [
        {
          id: "pub",
          role: "publisher",
          sockets: [{ id: "pub", type: "PUB", bind: ["tcp://*:5556"] }],
          params: { topics: ["news"] },
        },
        { id: "py", role: "external", sockets: [{ id: "peer", type: "SUB" }] },
      ],
      links: [
        { id: "l", from: { node: "py", socket: "peer" }, to: { node: "pub", socket: "pub" } },
      ],
    });
    expect(ok(connectSnippets(doc, "py"))).toMatchObject({ peerType: "SUB", topic: "news" });
  });
});
