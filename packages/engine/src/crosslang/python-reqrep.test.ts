/**
 * Request-reply with a peer the playground does not run: pyzmq (libzmq 4.3.4, another language)
 * against the engine (zeromq.js, libzmq 4.3.5), over tcp loopback. Both sides count; they agree.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createRuntime } from "../runtime.js";
import type { Runtime } from "../api.js";
import { parsed } from "../test-helpers.js";
import { pythonUnavailable, killPeers, runPeer } from "./harness.js";
import { body, Recorder, template, until, withoutAutostart } from "./events.js";

const noPython = pythonUnavailable();
if (noPython) console.warn(`skipping cross-language tests: ${noPython}`);

let rt: Runtime | null = null;
afterEach(async () => {
  killPeers();
  await rt?.close();
  rt = null;
});

describe.skipIf(noPython !== null)("pyzmq peers, request-reply", () => {
  it("a pyzmq REQ client is served by the 06 server; its requests are marked external", async () => {
    rt = createRuntime({ allowExternal: true });
    const rec = new Recorder(rt);
    // The local client stays stopped so every request the server sees is Python's.
    const r = await rt.deploy(parsed(withoutAutostart(template("06-cross-machine"), ["client"])));
    expect(r.diagnostics).toEqual([]);
    const py = runPeer({ type: "REQ", connect: ["tcp://127.0.0.1:5555"], count: 25, timeoutS: 8 });
    const done = await py.done;

    expect(done).toMatchObject({ sent: 25, received: 25, error: null });
    expect(done.messages.map((m) => m.at(-1))).toEqual(
      Array.from({ length: 25 }, (_, i) => `world from 06: py ${i}`),
    );
    await until(() => rt!.counters().nodes.server?.sent === 25, 2000, "the server's 25th reply");
    const server = rt.counters().nodes.server!;
    expect(server).toMatchObject({ received: 25, sent: 25, errors: 0 });
    expect(server.peers.external?.received).toBe(25);
    const got = rec.messages("server", "in");
    expect(got.map(body)).toEqual(Array.from({ length: 25 }, (_, i) => `py ${i}`));
    expect(got.every((m) => m.external === true && m.from === undefined && m.link === null)).toBe(
      true,
    );
  });

  it("a playground client gets every reply from a pyzmq REP server (an external node)", async () => {
    const port = 5781;
    const py = runPeer({ type: "REP", bind: [`tcp://127.0.0.1:${port}`], count: 15, timeoutS: 8 });
    await py.ready;
    rt = createRuntime();
    const rec = new Recorder(rt);
    const r = await rt.deploy(
      parsed({
        version: 1,
        nodes: [
          {
            id: "client",
            role: "client",
            sockets: [{ id: "req", type: "REQ" }],
            params: { intervalMs: 20, maxRequests: 15, payload: "node {n}" },
          },
          {
            id: "py",
            role: "external",
            label: "pyzmq REP server",
            sockets: [{ id: "peer", type: "REP", bind: [`tcp://127.0.0.1:${port}`] }],
          },
        ],
        links: [
          {
            id: "to-py",
            from: { node: "client", socket: "req" },
            to: { node: "py", socket: "peer" },
          },
        ],
      }),
    );
    expect(r.ok).toBe(true);
    const done = await py.done;

    expect(done).toMatchObject({ sent: 15, received: 15, error: null });
    const requests = Array.from({ length: 15 }, (_, i) => `node ${i + 1}`);
    expect(done.messages.map((m) => m.at(-1))).toEqual(requests);
    await until(() => rt!.counters().nodes.client?.received === 15, 2000, "the 15th reply");
    const client = rt.counters().nodes.client!;
    expect(client).toMatchObject({ sent: 15, received: 15, errors: 0 });
    expect(client.peers.external?.received).toBe(15);
    expect(rec.messages("client", "out").map(body)).toEqual(requests);
    const replies = rec.messages("client", "in");
    expect(replies.map(body)).toEqual(requests.map((q) => `py-rep: ${q}`));
    expect(replies.every((m) => m.external === true)).toBe(true);
    expect(rt.snapshot().nodes.py?.state).toBe("running");
  });
});
