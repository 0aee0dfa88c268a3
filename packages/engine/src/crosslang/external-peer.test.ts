/**
 * An external peer node shows who connects from outside: zeromq's monitor names only the local
 * endpoint, so the engine looks the peer up and reports accept and disconnect with its address
 * on the external node, and mirrors the handshakes of playground sockets that dial it.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createRuntime } from "../runtime.js";
import type { Runtime } from "../api.js";
import { pythonUnavailable, killPeers, runPeer } from "./harness.js";
import { Recorder, template, until } from "./events.js";
import { parsed } from "../test-helpers.js";

const noPython = pythonUnavailable();
const linux = process.platform === "linux";

let rt: Runtime | null = null;
afterEach(async () => {
  killPeers();
  await rt?.close();
  rt = null;
});

describe.skipIf(noPython !== null || !linux)("external peer nodes", () => {
  it("06: the remote-client node shows the pyzmq client's address on accept and disconnect", async () => {
    rt = createRuntime({ allowExternal: true });
    const rec = new Recorder(rt);
    expect((await rt.deploy(parsed(template("06-cross-machine"), true))).ok).toBe(true);
    // The local client connects too; it is the playground's own, so it is not reported.
    await until(() => rec.monitor("server", "handshake").length > 0, 3000, "the local client");
    // Spaced requests keep the connection open while the test looks at it.
    const py = runPeer({
      type: "REQ",
      connect: ["tcp://127.0.0.1:5555"],
      count: 3,
      timeoutS: 5,
      delayS: 0.3,
    });
    const accepted = () => rec.monitor("remote-client", "accept");
    await until(() => accepted().length === 1, 3000, "an accept on remote-client");
    expect(rt.snapshot().nodes["remote-client"]?.sockets.peer?.peers).toBe(1);
    const address = accepted()[0]!.address!;
    expect(address).toMatch(/^tcp:\/\/127\.0\.0\.1:\d+$/);
    expect(address).not.toBe("tcp://127.0.0.1:5555");
    expect((await py.done).received).toBe(3);
    await until(
      () => rec.monitor("remote-client", "disconnect").length === 1,
      3000,
      "a disconnect",
    );
    expect(rec.monitor("remote-client", "disconnect")[0]!.address).toBe(address);
    expect(rt.snapshot().nodes["remote-client"]?.sockets.peer?.peers).toBe(0);
    // Its messages are the server's external ones.
    const outside = rec.messages("server", "in").filter((m) => m.external);
    expect(outside).toHaveLength(3);
  });

  it("a playground client dialling an external REP shows the handshake on the external node", async () => {
    const port = 5783;
    const py = runPeer({ type: "REP", bind: [`tcp://127.0.0.1:${port}`], count: 2, timeoutS: 5 });
    await py.ready;
    rt = createRuntime();
    const rec = new Recorder(rt);
    await rt.deploy(
      parsed({
        version: 1,
        nodes: [
          {
            id: "client",
            role: "client",
            sockets: [{ id: "req", type: "REQ" }],
            params: { intervalMs: 20, maxRequests: 2 },
          },
          {
            id: "py",
            role: "external",
            sockets: [{ id: "peer", type: "REP", bind: [`tcp://127.0.0.1:${port}`] }],
          },
        ],
        links: [
          { id: "l", from: { node: "client", socket: "req" }, to: { node: "py", socket: "peer" } },
        ],
      }),
    );
    await until(() => rec.monitor("py", "handshake").length === 1, 3000, "a handshake on py");
    expect(rec.monitor("py", "handshake")[0]).toMatchObject({
      socket: "peer",
      address: `tcp://127.0.0.1:${port}`,
      detail: "from client.req",
    });
    expect((await py.done).received).toBe(2);
    await until(() => rec.monitor("py", "disconnect").length === 1, 3000, "a disconnect on py");
    expect(rt.snapshot().nodes.py?.sockets.peer?.peers).toBe(0);
  });
});
