import type { RuntimeEvent } from "@zmqp/protocol";
import { describe, expect, it } from "vitest";
import {
  LINK,
  bytes,
  command,
  connectionPackets,
  frame,
  frameFor,
  pcapFile,
  ready,
  zmtpGreeting,
  type Conn,
  type Framing,
  type Seg,
} from "./fixtures.test-helpers.js";
import { Observer } from "./observer.js";

const C: Conn = { client: ["127.0.0.1", 48213], server: ["127.0.0.1", 5555] };

/** A REQ/REP conversation as libzmq writes it: 10 signature bytes, the other 54, READY, messages. */
function reqRep(rounds: number): Seg[] {
  const g = zmtpGreeting();
  const segs: Seg[] = [
    { from: "s", payload: g.subarray(0, 10) },
    { from: "c", payload: g.subarray(0, 10) },
    { from: "s", payload: g.subarray(10) },
    { from: "c", payload: g.subarray(10) },
    { from: "s", payload: ready({ "Socket-Type": "REP" }) },
    { from: "c", payload: ready({ "Socket-Type": "REQ", Identity: "alice" }) },
  ];
  for (let i = 0; i < rounds; i++) {
    segs.push({ from: "c", payload: bytes(frame("", true), frame(`hello ${i}`)) });
    segs.push({ from: "s", payload: bytes(frame("", true), frame(`world ${i}`)) });
  }
  segs.push({ from: "c", flags: { fin: true } });
  segs.push({ from: "s", flags: { fin: true } });
  return segs;
}

function observe(file: Uint8Array, chunk = file.length, ports?: number[]) {
  const events: RuntimeEvent[] = [];
  const obs = new Observer({
    source: { kind: "pcap", file: "test.pcap" },
    emit: (e) => events.push(e),
    ...(ports ? { ports: (p: number) => ports.includes(p) } : {}),
  });
  for (let i = 0; i < file.length; i += chunk) obs.feed(file.subarray(i, i + chunk));
  return { obs, events, graph: obs.builder.graph(), counts: obs.builder.linkCounts() };
}

describe("Observer: pcap to the observed graph", () => {
  it.each<Framing>(["ethernet", "null", "sll", "sll2", "raw"])(
    "reads a REQ/REP conversation framed as %s, byte by byte",
    (framing) => {
      const frames = connectionPackets(C, reqRep(3)).map((p) => frameFor(framing, p));
      const { graph, counts, events } = observe(pcapFile(LINK[framing], frames), 7);
      expect(graph.nodes.map((n) => n.id)).toEqual(["a127.0.0.1-5555", "a127.0.0.1-48213"]);
      const [rep, req] = graph.nodes;
      expect(rep!.sockets).toMatchObject([
        { id: "bind-5555", type: "REP", side: "bind", endpoint: "tcp://127.0.0.1:5555" },
      ]);
      expect(req!.sockets).toMatchObject([
        { id: "conn-48213", type: "REQ", side: "connect", identity: "alice", mechanism: "NULL" },
      ]);
      expect(graph.links).toMatchObject([
        {
          id: "l48213-5555",
          from: { node: "a127.0.0.1-48213", socket: "conn-48213" },
          to: { node: "a127.0.0.1-5555", socket: "bind-5555" },
          state: "closed",
          encrypted: false,
        },
      ]);
      expect(counts["l48213-5555"]).toEqual({ forward: 3, backward: 3, unit: "messages" });
      const msgs = events.filter((e) => e.type === "message");
      expect(msgs).toHaveLength(12);
      const first = msgs[0]!;
      expect(first).toMatchObject({
        node: "a127.0.0.1-48213",
        direction: "out",
        kind: "request",
        link: "l48213-5555",
        linkDirection: "forward",
      });
      expect(first.type === "message" && first.frames).toEqual([
        { size: 0, hex: "", text: "", role: "delimiter" },
        { size: 7, hex: "68656c6c6f2030", text: "hello 0", role: "body" },
      ]);
      expect(msgs[1]).toMatchObject({
        direction: "in",
        node: "a127.0.0.1-5555",
        sendId: first.type === "message" ? first.id : -1,
      });
      expect(
        events.filter((e) => e.type === "monitor").map((e) => e.type === "monitor" && e.event),
      ).toEqual(["accept", "connect", "handshake", "handshake", "disconnect", "disconnect"]);
    },
  );

  it("puts out-of-order segments back in order and drops retransmits", () => {
    const packets = connectionPackets(C, reqRep(2));
    // Packets 0-1 are the SYNs, 2-7 the greeting and READYs, then request, reply, request, reply.
    const [r0, p0, r1, p1] = packets.slice(8, 12);
    const reordered = [
      ...packets.slice(0, 8),
      r1!,
      p0!,
      r0!,
      p0!,
      p1!,
      p1!,
      r1!,
      ...packets.slice(12),
    ];
    const { counts, events } = observe(
      pcapFile(
        1,
        reordered.map((p) => frameFor("ethernet", p)),
      ),
    );
    expect(counts["l48213-5555"]).toEqual({ forward: 2, backward: 2, unit: "messages" });
    const sent = (node: string) =>
      events.flatMap((e) =>
        e.type === "message" && e.direction === "out" && e.node === node ? [e.frames[1]?.text] : [],
      );
    expect(sent("a127.0.0.1-48213")).toEqual(["hello 0", "hello 1"]);
    expect(sent("a127.0.0.1-5555")).toEqual(["world 0", "world 1"]);
  });

  it("ends a connection on RST", () => {
    const segs = reqRep(1).slice(0, -2);
    segs.push({ from: "c", flags: { rst: true } });
    const { graph, events } = observe(
      pcapFile(
        1,
        connectionPackets(C, segs).map((p) => frameFor("ethernet", p)),
      ),
    );
    expect(graph.links[0]!.state).toBe("closed");
    expect(
      events.some((e) => e.type === "monitor" && e.event === "disconnect" && e.detail === "reset"),
    ).toBe(true);
  });

  it("ignores a connection that does not open with a ZMTP greeting (HTTP)", () => {
    const http: Seg[] = [
      { from: "c", payload: bytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n") },
      { from: "s", payload: bytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok") },
      { from: "c", flags: { fin: true } },
      { from: "s", flags: { fin: true } },
    ];
    const frames = [
      ...connectionPackets({ client: ["127.0.0.1", 40000], server: ["127.0.0.1", 5555] }, http),
      ...connectionPackets(C, reqRep(1)),
    ].map((p) => frameFor("ethernet", p));
    const { obs, graph, events } = observe(pcapFile(1, frames));
    expect(obs.stats.ignoredConnections).toBe(1);
    expect(graph.links.map((l) => l.id)).toEqual(["l48213-5555"]);
    expect(JSON.stringify(events)).not.toContain("HTTP/1.1");
  });

  it("marks CURVE payloads encrypted and counts frames, with no socket type made up", () => {
    const c = zmtpGreeting("CURVE", 0);
    const s = zmtpGreeting("CURVE", 1);
    const box = (n: number) => new Uint8Array(n).fill(0xab);
    const segs: Seg[] = [
      { from: "c", payload: c },
      { from: "s", payload: s },
      { from: "c", payload: command("HELLO", box(194)) },
      { from: "s", payload: command("WELCOME", box(160)) },
      // Ciphertext that happens to parse as properties must still not become a Socket-Type.
      { from: "c", payload: command("INITIATE", bytes(11, "Socket-Type", 0, 0, 0, 3, "PUB")) },
      { from: "s", payload: command("READY", bytes(11, "Socket-Type", 0, 0, 0, 3, "SUB")) },
      { from: "c", payload: command("MESSAGE", box(8 + 1 + 5 + 16)) },
      { from: "s", payload: command("MESSAGE", box(8 + 1 + 5 + 16)) },
    ];
    const { graph, counts, events } = observe(
      pcapFile(
        1,
        connectionPackets(C, segs).map((p) => frameFor("ethernet", p)),
      ),
    );
    expect(graph.links[0]).toMatchObject({ mechanism: "CURVE", encrypted: true, state: "open" });
    expect(graph.nodes.flatMap((n) => n.sockets.map((x) => x.type))).toEqual([null, null]);
    expect(counts["l48213-5555"]).toEqual({ forward: 1, backward: 1, unit: "frames" });
    const m = events.find((e) => e.type === "message");
    expect(m).toMatchObject({ encrypted: true, frames: [{ size: 5, hex: "" }] });
  });

  it("shows subscriptions on the SUB side (3.1 commands and 3.0 message form)", () => {
    const g = zmtpGreeting();
    const segs: Seg[] = [
      { from: "c", payload: g },
      { from: "s", payload: g },
      { from: "s", payload: ready({ "Socket-Type": "PUB" }) },
      { from: "c", payload: ready({ "Socket-Type": "SUB" }) },
      { from: "c", payload: command("SUBSCRIBE", bytes("weather")) },
      { from: "c", payload: bytes(frame("\u0001news")) },
      { from: "c", payload: command("CANCEL", bytes("weather")) },
      { from: "s", payload: frame("news 1") },
    ];
    const { graph, counts, events } = observe(
      pcapFile(
        1,
        connectionPackets(C, segs).map((p) => frameFor("ethernet", p)),
      ),
    );
    const sub = graph.nodes.find((n) => n.sockets[0]!.type === "SUB")!;
    expect(sub.sockets[0]!.subscriptions).toEqual(["news"]);
    expect(counts["l48213-5555"]).toEqual({ forward: 0, backward: 1, unit: "messages" });
    expect(events.find((e) => e.type === "message")).toMatchObject({ kind: "publish" });
  });

  it("follows only the watched ports", () => {
    const frames = connectionPackets(C, reqRep(1)).map((p) => frameFor("ethernet", p));
    expect(observe(pcapFile(1, frames), undefined, [5556]).graph.links).toEqual([]);
    expect(observe(pcapFile(1, frames), undefined, [5555]).graph.links).toHaveLength(1);
  });

  it("reads IPv6", () => {
    const c6: Conn = { client: ["::1", 48213], server: ["::1", 5555] };
    const frames = connectionPackets(c6, reqRep(1)).map((p) => frameFor("ethernet", p));
    const { graph } = observe(pcapFile(1, frames));
    expect(graph.links[0]!.endpoint).toBe("tcp://[::1]:5555");
    expect(graph.nodes[0]!.id).toBe("a__1-5555");
  });
});
