/**
 * `zmqp attach` against pyzmq programs the playground did not start (separate processes), on
 * loopback: the discovered graph, the per-link counts against what the programs printed, the same
 * graph from a tcpdump file, HTTP ignored, CURVE encrypted, and a promoted copy run by the engine.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRuntime } from "@zmqp/engine";
import { parseGraph, promoteObserved, type AttachSummary } from "@zmqp/protocol";
import { afterAll, describe, expect, it } from "vitest";
import { attach, shape, tcpdumpToFile } from "./attach/attach-cli.js";
import { killPeers, peer, until } from "./attach/peers.js";
import { killLeftovers, zmqp } from "./spawn.js";

const dir = mkdtempSync(join(tmpdir(), "zmqp-attach-"));

afterAll(() => {
  killPeers();
  killLeftovers();
});

/** Live attach and a tcpdump file of the same traffic; returns both summaries. */
async function both(
  ports: string,
  filter: string,
  run: (a: Awaited<ReturnType<typeof attach>>) => Promise<void>,
) {
  const file = join(dir, `${ports}.pcap`);
  const stopDump = await tcpdumpToFile(file, filter);
  const a = await attach(["--ports", ports]);
  await run(a);
  const live = await a.stop();
  await stopDump();
  const r = await zmqp(["attach", "--pcap", file, "--ports", ports, "--json"]).done;
  expect(r.code, r.stderr).toBe(0);
  const fromFile = JSON.parse(r.stdout.trim().split("\n").at(-1)!) as AttachSummary;
  return { live, fromFile };
}

const node = (s: AttachSummary, pid: number) => s.graph.nodes.find((n) => n.process?.pid === pid);

describe("zmqp attach", () => {
  it("draws hello-world REQ/REP run by pyzmq: processes, types, sides, counts as printed; a tcpdump file gives the same", async () => {
    let rep!: ReturnType<typeof peer>;
    let req!: ReturnType<typeof peer>;
    const { live, fromFile } = await both("6555", "tcp port 6555", async (a) => {
      rep = peer("rep", 6555);
      await rep.line((l) => "ready" in l);
      req = peer("req", 6555, 7);
      await req.line((l) => "done" in l);
      // While both run, the graph is live: one open link from the REQ's process to the REP's.
      const g = await until("an open link", () => {
        const graph = a.graph();
        return graph?.links.some((l) => l.state === "open") &&
          a.links()[graph.links[0]!.id]?.backward === 7
          ? graph
          : undefined;
      });
      expect(g.links).toHaveLength(1);
      expect(g.links[0]!.from.node).toBe(`p${req.pid}`);
      expect(g.links[0]!.to.node).toBe(`p${rep.pid}`);
      await req.end();
      await rep.end();
      await until("the link to close", () =>
        a.graph()?.links.every((l) => l.state === "closed") ? true : undefined,
      );
    });
    const reqFinal = req.lines.find((l) => "final" in l)!;
    const repFinal = rep.lines.find((l) => "final" in l)!;
    const repNode = node(live, rep.pid)!;
    const reqNode = node(live, req.pid)!;
    expect(repNode.process!.command).toContain("peers.py rep 6555");
    expect(repNode.sockets).toMatchObject([
      { type: "REP", side: "bind", endpoint: "tcp://127.0.0.1:6555" },
    ]);
    expect(reqNode.sockets).toMatchObject([{ type: "REQ", side: "connect" }]);
    const link = live.graph.links[0]!;
    expect(live.links[link.id]).toEqual({
      forward: reqFinal.sent,
      backward: repFinal.sent,
      unit: "messages",
    });
    expect([reqFinal.sent, repFinal.received]).toEqual([7, 7]);
    // The file has no /proc: peers are named by address, and everything else is the same.
    expect(shape(fromFile)).toEqual(shape(live));
    expect(fromFile.graph.nodes.every((n) => n.process === undefined)).toBe(true);
  });

  it("draws a ROUTER/DEALER broker with two REQ clients and two REP workers; the promoted copy runs on other ports", async () => {
    const peers: ReturnType<typeof peer>[] = [];
    const { live, fromFile } = await both("6559-6560", "tcp portrange 6559-6560", async (a) => {
      const broker = peer("broker", 6559, 6560);
      peers.push(broker);
      await broker.line((l) => "ready" in l);
      for (const w of ["w1", "w2"]) peers.push(peer("worker", 6560, w));
      await Promise.all(peers.slice(1).map((p) => p.line((l) => "ready" in l)));
      for (const c of ["c1", "c2"]) peers.push(peer("req", 6559, 10, c));
      await Promise.all(peers.slice(3).map((p) => p.line((l) => "done" in l)));
      await until("4 links", () => ((a.graph()?.links.length ?? 0) === 4 ? true : undefined));
      for (const p of [...peers].reverse()) await p.end();
      await until("every link closed", () =>
        a.graph()?.links.every((l) => l.state === "closed") ? true : undefined,
      );
    });
    const [broker, w1, w2, c1, c2] = peers;
    const b = node(live, broker!.pid)!;
    expect(b.sockets.map((s) => `${s.type}/${s.side}/${s.endpoint}`).sort()).toEqual([
      "DEALER/bind/tcp://127.0.0.1:6560",
      "ROUTER/bind/tcp://127.0.0.1:6559",
    ]);
    expect(live.graph.nodes.map((n) => n.label)).toHaveLength(5);
    for (const [p, type, identity] of [
      [c1, "REQ", "c1"],
      [c2, "REQ", "c2"],
      [w1, "REP", undefined],
      [w2, "REP", undefined],
    ] as const) {
      const n = node(live, p!.pid)!;
      expect(n.sockets).toMatchObject([
        { type, side: "connect", ...(identity ? { identity } : {}) },
      ]);
      const l = live.graph.links.find((x) => x.from.node === n.id)!;
      expect(l.to.node).toBe(b.id);
      const final = p!.lines.find((x) => "final" in x)!;
      // Both dial the broker: what each sent went connect→bind (forward), what it got came back.
      expect(live.links[l.id]).toEqual({
        forward: final.sent,
        backward: final.received,
        unit: "messages",
      });
      expect(final.sent).toBe(type === "REQ" ? 10 : final.received);
    }
    const bf = broker!.lines.find((x) => "final" in x)!;
    expect([bf.front_in, bf.back_in]).toEqual([20, 20]);
    expect(shape(fromFile)).toEqual(shape(live));

    // Promote and run the copy with the engine, 1000 ports up: the clients get their replies
    // through the broker from both workers, as the original did.
    const promoted = promoteObserved(live.graph, { portOffset: 1000 });
    const parsed = parseGraph(promoted.doc);
    expect(parsed.ok, JSON.stringify(parsed.diagnostics)).toBe(true);
    const roles = promoted.doc.nodes.map((n) => n.role).sort();
    expect(roles).toEqual(["broker", "client", "client", "server", "server"]);
    const pb = promoted.doc.nodes.find((n) => n.role === "broker")!;
    expect(pb.sockets.map((s) => `${s.id}:${s.type}:${s.bind.join()}`)).toEqual([
      "frontend:ROUTER:tcp://127.0.0.1:7559",
      "backend:DEALER:tcp://127.0.0.1:7560",
    ]);
    const runtime = createRuntime({});
    try {
      for (const n of parsed.doc!.nodes)
        if (n.role === "client") n.params = { ...n.params, intervalMs: 50 };
      const r = await runtime.deploy(parsed.doc!);
      expect(r.ok).toBe(true);
      await until("replies on every promoted link", () => {
        const links = runtime.counters().links;
        return promoted.doc.links.every(
          (l) => (links[l.id]?.forward ?? 0) > 1 && (links[l.id]?.backward ?? 0) > 1,
        )
          ? true
          : undefined;
      });
    } finally {
      await runtime.close();
    }
  });

  it("shows each SUB's subscription on the SUB side and counts only what crossed each link", async () => {
    const a = await attach(["--ports", "6570"]);
    const pub = peer("pub", 6570, 25);
    await pub.line((l) => "ready" in l);
    const weather = peer("sub", 6570, "weather");
    const news = peer("sub", 6570, "news");
    const subs = await until("both subscriptions on the wire", () => {
      const g = a.graph();
      const of = (p: ReturnType<typeof peer>) =>
        g?.nodes.find((n) => n.process?.pid === p.pid)?.sockets[0]?.subscriptions;
      return of(weather)?.length && of(news)?.length ? [of(weather), of(news)] : undefined;
    });
    expect(subs).toEqual([["weather"], ["news"]]);
    pub.send("go\n");
    await pub.line((l) => "done" in l);
    const finals = [await weather.end(), await news.end()];
    await pub.end();
    const s = await a.stop();
    const pubNode = node(s, pub.pid)!;
    expect(pubNode.sockets).toMatchObject([{ type: "PUB", side: "bind" }]);
    for (const [p, final] of [
      [weather, finals[0]!],
      [news, finals[1]!],
    ] as const) {
      const n = node(s, p.pid)!;
      expect(n.sockets[0]!.type).toBe("SUB");
      const l = s.graph.links.find((x) => x.from.node === n.id)!;
      expect(s.links[l.id]).toEqual({ forward: 0, backward: final.received, unit: "messages" });
      expect(final.received).toBe(25);
    }
  });

  it("ignores plain HTTP on a watched port and marks a CURVE pair encrypted", async () => {
    const a = await attach(["--ports", "6580,6581"]);
    const http = createServer((_q, res) => res.end("not zeromq"));
    await new Promise<void>((r) => http.listen(6580, "127.0.0.1", r));
    const text = await (await fetch("http://127.0.0.1:6580/")).text();
    expect(text).toBe("not zeromq");
    const server = peer("curve-server", 6581);
    const key = String((await server.line((l) => "ready" in l)).key);
    const client = peer("curve-client", 6581, 4, key);
    const done = await client.line((l) => "done" in l);
    await until("the CURVE link", () => (a.graph()?.links.length ? true : undefined));
    await client.end();
    await server.end();
    await new Promise((r) => http.close(r));
    await until("the CURVE link to close", () =>
      a.graph()?.links.every((l) => l.state === "closed") ? true : undefined,
    );
    const s = await a.stop();
    expect(s.ignoredConnections).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(s)).not.toContain("not zeromq");
    expect(s.graph.links).toHaveLength(1);
    const l = s.graph.links[0]!;
    expect(l).toMatchObject({
      endpoint: "tcp://127.0.0.1:6581",
      mechanism: "CURVE",
      encrypted: true,
    });
    expect(s.graph.nodes.flatMap((n) => n.sockets.map((x) => x.type))).toEqual([null, null]);
    // A REQ message is two frames (delimiter, body), each its own encrypted MESSAGE command.
    expect(s.links[l.id]).toEqual({
      forward: 2 * Number(done.sent),
      backward: 2 * Number(done.received),
      unit: "frames",
    });
    const messages = a.events().filter((e) => e.type === "message");
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.every((e) => e.type === "message" && e.encrypted === true)).toBe(true);
    expect(JSON.stringify(messages)).not.toContain("secret");
  });

  it("decodes PLAIN (it is not encryption) without ever showing the password", async () => {
    const a = await attach(["--ports", "6582"]);
    const server = peer("plain-server", 6582);
    await server.line((l) => "ready" in l);
    const client = peer("plain-client", 6582, 3);
    await client.line((l) => "done" in l);
    await until("the PLAIN link with its counts", () => {
      const g = a.graph();
      const id = g?.links[0]?.id;
      return id && a.links()[id]?.backward === 3 ? true : undefined;
    });
    await client.end();
    await server.end();
    const s = await a.stop();
    const l = s.graph.links[0]!;
    expect(l).toMatchObject({ mechanism: "PLAIN", encrypted: false });
    expect(s.graph.nodes.flatMap((n) => n.sockets.map((x) => x.type)).sort()).toEqual([
      "REP",
      "REQ",
    ]);
    expect(s.links[l.id]).toEqual({ forward: 3, backward: 3, unit: "messages" });
    const out = a.z.stdout();
    expect(out).toContain('HELLO username \\"admin\\", password not shown');
    expect(out).toContain("plain request");
    expect(out).not.toContain("s3cret");
  });

  it("says what to fix: no ports, both flags, a file that is not pcap", async () => {
    const none = await zmqp(["attach"]).done;
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--ports.*--all-zmtp/);
    const bad = await zmqp(["attach", "--ports", "5555-5000"]).done;
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/low-high/);
    const notPcap = join(dir, "x.pcapng");
    const ng = Buffer.alloc(64);
    ng.writeUInt32LE(0x0a0d0d0a, 0);
    writeFileSync(notPcap, ng);
    const r = await zmqp(["attach", "--pcap", notPcap, "--all-zmtp"]).done;
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/pcapng.*editcap/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
