/**
 * A learner's broken peer cannot stop a node: the two reproductions (raw TCP empty
 * frames, a pyzmq DEALER without the delimiter) against REP, REQ, ROUTER, DEALER, SUB and PULL.
 * Real sockets, real pyzmq peers; after each, the playground's own peer is still served.
 */
import { afterEach, describe, expect, it } from "vitest";
import { ERROR_CODES, type EventOf, type RuntimeEvent } from "@zmqp/protocol";
import type { Runtime } from "./api.js";
import { pythonUnavailable } from "./crosslang/harness.js";
import { dealerNoDelimiter, hostile, rawEmptyFrames } from "./crosslang/hostile.js";
import { createRuntime } from "./runtime.js";
import { graph, link, messages, node, record, waitFor } from "./test-helpers.js";

const noPython = pythonUnavailable();
if (noPython) throw new Error(`these tests need pyzmq: ${noPython}`);

let rt: Runtime | undefined;
afterEach(async () => {
  await rt?.close();
  rt = undefined;
});

type ErrorEvent = EventOf<"error">;
const errorsOf = (events: RuntimeEvent[], n: string, code: string) =>
  events.filter((e): e is ErrorEvent => e.type === "error" && e.node === n && e.code === code);

async function deploy(doc: Parameters<Runtime["deploy"]>[0]) {
  rt = createRuntime();
  const events = record(rt);
  const res = await rt.deploy(doc);
  expect(res.ok, JSON.stringify(res.diagnostics)).toBe(true);
  return events;
}

/** Waits until `n` receives `more` messages beyond what it has now: it is still serving. */
async function stillServing(events: RuntimeEvent[], n: string, more = 3, ms = 5000) {
  const before = messages(events, n, "in").length;
  await waitFor(
    `${n} keeps receiving`,
    () => messages(events, n, "in").length >= before + more,
    ms,
  );
}

describe("a broken peer cannot stop a node", () => {
  it("REP: both reproductions are dropped as ZMQP_ERR_MALFORMED and the client is still answered", async () => {
    const events = await deploy(
      graph(
        [
          node("server", "server", [{ id: "rep", type: "REP", bind: ["tcp://127.0.0.1:17101"] }]),
          node("client", "client", [{ id: "req", type: "REQ" }], { intervalMs: 30 }),
        ],
        [link("c", "client.req", "server.rep")],
      ),
    );
    await stillServing(events, "client");
    await rawEmptyFrames(17101);
    await dealerNoDelimiter(17101);
    await waitFor(
      "a malformed report",
      () => errorsOf(events, "server", ERROR_CODES.MALFORMED).length,
    );
    const report = errorsOf(events, "server", ERROR_CODES.MALFORMED)[0]!;
    expect(report.message).toMatch(/without the empty delimiter a REP expects/);
    expect(report.phrase?.key).toBe("peer.noDelimiterRep");
    // Named by its address: the raw client's, from the kernel's connection table.
    expect(report.message).toMatch(/^a peer \(from 127\.0\.0\.1:\d+\) sent/);
    await stillServing(events, "client");
    expect(rt!.snapshot().nodes.server!.state).toBe("running");
    // Nothing else went wrong: no timeout, the old misleading report.
    expect(errorsOf(events, "server", ERROR_CODES.TIMEOUT)).toEqual([]);
  });

  it("REQ (bound): a DEALER is refused at the handshake (ZMQP_ERR_HANDSHAKE_MISMATCH); after a ROUTER's reply without the delimiter the REQ keeps asking", async () => {
    const events = await deploy(
      graph(
        [
          node("client", "client", [{ id: "req", type: "REQ", bind: ["tcp://127.0.0.1:17102"] }], {
            intervalMs: 30,
            lazyPirate: true,
            timeoutMs: 1500,
          }),
          // A slow server: the REQ is mostly waiting for a reply while the wrong peers come.
          node("server", "server", [{ id: "rep", type: "REP" }], { delayMs: 300 }),
        ],
        [link("s", "server.rep", "client.req")],
      ),
    );
    await stillServing(events, "client", 1);
    await rawEmptyFrames(17102);
    // A REQ talks to REP and ROUTER only: the DEALER is turned away at the handshake.
    await dealerNoDelimiter(17102);
    await waitFor(
      "a handshake report",
      () => errorsOf(events, "client", ERROR_CODES.HANDSHAKE_MISMATCH).length,
    );
    await rawEmptyFrames(17102);
    // libzmq's REQ drops a reply without the delimiter silently (no EAGAIN reaches zeromq.js, as
    // with pyzmq): the request it answered is retried by the Lazy Pirate client.
    await hostile("answer", "tcp://127.0.0.1:17102", "no-delimiter");
    await stillServing(events, "client", 2, 8000);
  });

  it("ROUTER and DEALER (a broker): a bad envelope reaches the worker's REP, which drops it; clients are still served", async () => {
    const events = await deploy(
      graph(
        [
          node("client", "client", [{ id: "req", type: "REQ" }], {
            intervalMs: 30,
            lazyPirate: true,
            timeoutMs: 1000,
          }),
          node("broker", "broker", [
            { id: "frontend", type: "ROUTER", bind: ["tcp://127.0.0.1:17103"] },
            { id: "backend", type: "DEALER", bind: ["tcp://127.0.0.1:17104"] },
          ]),
          node("worker", "server", [{ id: "rep", type: "REP" }]),
        ],
        [link("c", "client.req", "broker.frontend"), link("w", "worker.rep", "broker.backend")],
      ),
    );
    await stillServing(events, "client");
    for (const port of [17103, 17104]) {
      await rawEmptyFrames(port);
      await dealerNoDelimiter(port);
    }
    await waitFor(
      "the worker reports it",
      () => errorsOf(events, "worker", ERROR_CODES.MALFORMED).length,
    );
    await stillServing(events, "client");
    await stillServing(events, "broker");
    for (const n of ["client", "broker", "worker"])
      expect(rt!.snapshot().nodes[n]!.state).toBe("running");
  });

  it("SUB (bound): a DEALER cannot talk to a SUB (ZMQP_ERR_HANDSHAKE_MISMATCH); the publisher still reaches it", async () => {
    const events = await deploy(
      graph(
        [
          node("pub", "publisher", [{ id: "pub", type: "PUB" }], { intervalMs: 30, topics: ["t"] }),
          node("sub", "subscriber", [{ id: "sub", type: "SUB", bind: ["tcp://127.0.0.1:17105"] }], {
            topics: ["t"],
          }),
        ],
        [link("p", "pub.pub", "sub.sub")],
      ),
    );
    await stillServing(events, "sub");
    await rawEmptyFrames(17105);
    await dealerNoDelimiter(17105);
    await waitFor(
      "a handshake report",
      () => errorsOf(events, "sub", ERROR_CODES.HANDSHAKE_MISMATCH).length,
    );
    await waitFor("the DEALER named", () =>
      errorsOf(events, "sub", ERROR_CODES.HANDSHAKE_MISMATCH).some((e) =>
        /left before the handshake finished: a socket type a SUB cannot talk to/.test(e.message),
      ),
    );
    await stillServing(events, "sub");
  });

  it("PULL: a DEALER is refused at the handshake, raw frames are outside messages; the pipeline still flows", async () => {
    const events = await deploy(
      graph(
        [
          node("vent", "ventilator", [{ id: "push", type: "PUSH" }], { intervalMs: 30 }),
          node("sink", "sink", [{ id: "pull", type: "PULL", bind: ["tcp://127.0.0.1:17106"] }]),
        ],
        [link("v", "vent.push", "sink.pull")],
      ),
    );
    await stillServing(events, "sink");
    await rawEmptyFrames(17106);
    await dealerNoDelimiter(17106);
    await waitFor(
      "a handshake report",
      () => errorsOf(events, "sink", ERROR_CODES.HANDSHAKE_MISMATCH).length,
    );
    await stillServing(events, "sink");
    expect(rt!.snapshot().nodes.sink!.state).toBe("running");
  });

  it("an oversize message is dropped as ZMQP_ERR_TOO_LARGE with its size and the limit; the REP keeps serving", async () => {
    const events = await deploy(
      graph(
        [
          node("server", "server", [{ id: "rep", type: "REP", bind: ["tcp://127.0.0.1:17107"] }]),
          node("client", "client", [{ id: "req", type: "REQ" }], { intervalMs: 30 }),
        ],
        [link("c", "client.req", "server.rep")],
      ),
    );
    await stillServing(events, "client");
    await hostile("big", "DEALER", "tcp://127.0.0.1:17107", String(2 * 1024 * 1024));
    await waitFor(
      "a too-large report",
      () => errorsOf(events, "server", ERROR_CODES.TOO_LARGE).length,
    );
    expect(errorsOf(events, "server", ERROR_CODES.TOO_LARGE)[0]!.message).toMatch(
      /a message of 2097152 bytes; the limit is 1048576/,
    );
    await stillServing(events, "client");
  });

  it("a PLAIN peer talking to a NULL socket is named as a mechanism mismatch", async () => {
    const events = await deploy(
      graph([
        node("server", "server", [{ id: "rep", type: "REP", bind: ["tcp://127.0.0.1:17108"] }]),
      ]),
    );
    // ZMTP 3.0 greeting offering PLAIN: signature, version 3.0, mechanism "PLAIN", as-server 0.
    const greeting =
      "ff00000000000000017f" +
      "0300" +
      Buffer.from("PLAIN").toString("hex").padEnd(40, "0") +
      "00" +
      "00".repeat(31);
    await hostile("raw", "127.0.0.1", "17108", greeting);
    await waitFor(
      "a mechanism report",
      () => errorsOf(events, "server", ERROR_CODES.HANDSHAKE_MISMATCH).length,
    );
    expect(errorsOf(events, "server", ERROR_CODES.HANDSHAKE_MISMATCH)[0]!.message).toMatch(
      /security mechanism other than NULL/,
    );
  });
});
