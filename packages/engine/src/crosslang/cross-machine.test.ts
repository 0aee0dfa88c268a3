/**
 * Cross machine (seed notes 06 and 07): the playground (`zmqp run --allow-external`) in one network
 * namespace, a pyzmq peer in another, joined by a veth pair. Traffic stays inside the two
 * namespaces the test creates, and they are deleted afterwards. Needs root: on a developer's
 * machine without it the tests skip with the reason; under CI (`CI` set) that is a failure.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EventOf, RuntimeEvent } from "@zmqp/protocol";
import { runCli } from "./cli-run.js";
import {
  createNetnsPair,
  killPeers,
  pythonUnavailable,
  runPeer,
  type NetnsPair,
} from "./harness.js";

const noPython = pythonUnavailable();
const made = noPython ? { reason: noPython } : createNetnsPair();
const skip = "reason" in made ? made.reason : null;
if (skip && !process.env.CI) console.warn(`skipping cross-machine tests: ${skip}`);
const net = "reason" in made ? null : made;

afterAll(() => {
  killPeers();
  net?.remove();
});

type Msg = EventOf<"message">;
const inAt = (events: RuntimeEvent[], node: string, socket?: string) =>
  events.filter(
    (e): e is Msg =>
      e.type === "message" &&
      e.direction === "in" &&
      e.node === node &&
      (socket === undefined || e.socket === socket),
  );
const text = (m: Msg) => m.frames[m.frames.length - 1]?.text ?? "";
const bound = (node: string, socket: string) => (e: RuntimeEvent) =>
  e.type === "monitor" && e.node === node && e.socket === socket && e.event === "bind";

// Under CI a machine that cannot make the namespaces must not pass by running nothing.
describe.runIf(skip !== null && !!process.env.CI)("cross machine prerequisites", () => {
  it("network namespaces and pyzmq are available under CI", () => {
    expect.fail(`the cross-machine tests cannot run: ${skip}`);
  });
});

describe.skipIf(skip !== null)("cross machine over a veth pair", { timeout: 45_000 }, () => {
  let n: NetnsPair;
  beforeAll(() => {
    n = net!;
  });

  it("06: a client on the other machine is served by the server bound on tcp://*:5555", async () => {
    const run = runCli("scenarios/06-cross-machine.json", 20, n.a);
    await run.waitFor(bound("server", "rep"), 15_000, "bind of server.rep");
    const py = runPeer({
      type: "REQ",
      connect: [`tcp://${n.addrA}:5555`],
      count: 10,
      timeoutS: 6,
      netns: n.b,
    });
    const done = await py.done;
    {
      const left = (e: RuntimeEvent) =>
        e.type === "monitor" && e.node === "remote-client" && e.event === "disconnect";
      await run.waitFor(left, 5000, "the remote client's disconnect");
    }
    const summary = await run.finish();

    expect(done).toMatchObject({ sent: 10, received: 10, error: null });
    expect(done.messages.map((m) => m.at(-1))).toEqual(
      Array.from({ length: 10 }, (_, i) => `world from 06: py ${i}`),
    );
    const atServer = inAt(run.events, "server");
    const outside = atServer.filter((m) => m.external);
    expect(outside.map(text)).toEqual(Array.from({ length: 10 }, (_, i) => `py ${i}`));
    // Everything else the server took came from its local client, matched to its sends.
    expect(atServer.filter((m) => !m.external).every((m) => m.from?.node === "client")).toBe(true);
    expect(summary.nodes.server!.received).toBe(atServer.length);
    expect(summary.nodes.server!.errors).toEqual([]);
    expect(summary.nodes.client!.received).toBeGreaterThan(0);
    // The external node names the other machine on accept and disconnect.
    const fromB = new RegExp(`^tcp://${n.addrB.replace(/\./g, "\\.")}:\\d+$`);
    const shown = (event: string) =>
      run.events.filter(
        (e) => e.type === "monitor" && e.node === "remote-client" && e.event === event,
      );
    expect(shown("accept").map((e) => (e as { address?: string }).address)).toEqual([
      expect.stringMatching(fromB),
    ]);
    expect(shown("disconnect")).toHaveLength(1);
  });

  it("07: a client and a worker on the other machine use the broker on 5559 and 5560", async () => {
    const run = runCli("scenarios/07-cross-machine-broker.json", 20, n.a);
    await run.waitFor(bound("broker", "backend"), 15_000, "bind of broker.backend");
    const worker = runPeer({
      type: "REP",
      connect: [`tcp://${n.addrA}:5560`],
      count: 1000,
      timeoutS: 4,
      netns: n.b,
    });
    await worker.ready;
    const client = runPeer({
      type: "REQ",
      connect: [`tcp://${n.addrA}:5559`],
      count: 12,
      timeoutS: 6,
      // A learner's client lives longer than a few milliseconds; 50 ms between requests keeps
      // this one connected for over half a second, so the outside table's scan (asynchronous,
      // coalesced) sees it arrive even on a loaded machine. A peer gone before any scan is the
      // documented limit of packages/engine/README.md.
      delayS: 0.05,
      netns: n.b,
    });
    const c = await client.done;
    const w = await worker.done;
    const summary = await run.finish();

    expect(c).toMatchObject({ sent: 12, received: 12, error: null });
    c.messages.forEach((m, i) =>
      expect(m.at(-1)).toMatch(new RegExp(`^(worker-[12]|py-rep): py ${i}$`)),
    );
    // The remote worker took its turn: replies to the remote client, and maybe to local ones.
    expect(w.received).toBeGreaterThan(0);
    expect(w.sent).toBe(w.received);
    const requests = inAt(run.events, "broker", "frontend");
    const replies = inAt(run.events, "broker", "backend");
    expect(requests.filter((m) => m.external).map(text)).toEqual(
      Array.from({ length: 12 }, (_, i) => `py ${i}`),
    );
    expect(replies.filter((m) => m.external).length).toBe(w.sent);
    expect(
      requests.filter((m) => !m.external).every((m) => m.from?.node.startsWith("client-")),
    ).toBe(true);
    expect(summary.nodes.broker!.received).toBe(requests.length + replies.length);
    expect(summary.nodes.broker!.errors).toEqual([]);
    for (const node of ["remote-client", "remote-worker"]) {
      const accepts = run.events.filter(
        (e) => e.type === "monitor" && e.node === node && e.event === "accept",
      );
      expect(accepts.map((e) => (e as { address?: string }).address)).toEqual([
        expect.stringContaining(`tcp://${n.addrB}:`),
      ]);
    }
  });

  it("a server bound on 127.0.0.1 stays out of reach of the other machine", async () => {
    const py = runPeer({
      type: "REQ",
      connect: [`tcp://${n.addrA}:5599`],
      count: 1,
      timeoutS: 1.5,
      netns: n.b,
    });
    // Bound on loopback in the first namespace: what the playground does without --allow-external.
    const local = runPeer({
      type: "REP",
      bind: ["tcp://127.0.0.1:5599"],
      count: 1,
      timeoutS: 2,
      netns: n.a,
    });
    const [remote, server] = await Promise.all([py.done, local.done]);
    expect(remote).toMatchObject({ received: 0, error: "no message before the deadline" });
    expect(server.received).toBe(0);
  });
});
