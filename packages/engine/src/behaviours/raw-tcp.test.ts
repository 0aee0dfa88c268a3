import { afterEach, describe, expect, it } from "vitest";
import type { Runtime } from "../api.js";
import { createRuntime } from "../runtime.js";
import { graph, link, messages, node, record, waitFor } from "../test-helpers.js";

let rt: Runtime | undefined;
afterEach(async () => {
  await rt?.close();
  rt = undefined;
});

const rawClient = (params: Record<string, unknown>) =>
  node("raw", "raw-tcp-client", [{ id: "tcp", type: "TCP" }], params, { position: { x: 0, y: 0 } });

/** The client's greeting after signature and major (minor 1, NULL…), then READY as a REQ. */
const HANDSHAKE =
  "01 4e554c4c" +
  " 00".repeat(16) +
  " 00" +
  " 00".repeat(31) +
  " 04 19 05 5245414459 0b 536f636b65742d54797065 00000003 524551";
/** A request as REQ frames it: an empty delimiter with MORE, then "hello". */
const REQUEST = "01 00 00 05 68656c6c6f";

describe("raw-tcp client", () => {
  it("receives the 10-byte ZMTP signature from a REP, then the rest once it answers", async () => {
    rt = createRuntime();
    const events = record(rt);
    const doc = graph(
      [
        node("rep", "server", [{ id: "rep", type: "REP", bind: ["tcp://127.0.0.1:15611"] }], {
          reply: "fixed",
          text: "world",
        }),
        rawClient({ sendOnConnect: false, encoding: "hex" }),
      ],
      [link("l", "raw.tcp", "rep.rep")],
    );
    expect((await rt.deploy(doc)).ok).toBe(true);
    const first = await waitFor("the greeting signature", () => messages(events, "raw", "in")[0]);
    expect(first.frames[0]).toMatchObject({ size: 10, hex: "ff00000000000000017f" });
    expect(
      events.some((e) => e.type === "monitor" && e.node === "raw" && e.event === "connect"),
    ).toBe(true);
    expect(rt.counters().nodes.raw!.received).toBe(1);

    // Answer with our signature and major version: REP sends the rest of its greeting.
    await rt.nodeAction("raw", "send", "ff 00 00 00 00 00 00 00 01 7f 03");
    const rest = await waitFor("the greeting's other bytes", () =>
      messages(events, "raw", "in").find((m) => m.frames[0]!.hex.startsWith("03")),
    );
    expect(rest.frames[0]!.hex).toMatch(/^0301(4e554c4c)?/);
    // Finish the handshake by hand and send a request: the REP behaviour answers it.
    await rt.nodeAction("raw", "send", HANDSHAKE);
    // The REP's READY: only after it, libzmq takes message frames (sent earlier, they are a protocol error).
    await waitFor("the REP's READY", () =>
      messages(events, "raw", "in").find((m) => m.frames[0]!.hex.includes("05524541445")),
    );
    await rt.nodeAction("raw", "send", REQUEST);
    const reply = await waitFor("the reply frames", () =>
      messages(events, "raw", "in").find((m) => m.frames[0]!.hex.includes("776f726c64")),
    );
    expect(reply.frames[0]!.hex).toMatch(/01000005776f726c64$/);
    expect(messages(events, "rep", "in").at(-1)!.frames.at(-1)!.text).toBe("hello");
    expect(rt.counters().nodes.raw!.sent).toBe(3);
  });

  it("talks to a STREAM server: connect frame, echo, and the disconnect frame", async () => {
    rt = createRuntime();
    const events = record(rt);
    const doc = graph(
      [
        node(
          "stream",
          "stream-server",
          [{ id: "stream", type: "STREAM", bind: ["tcp://127.0.0.1:15612"] }],
          {
            reply: "echo",
          },
        ),
        rawClient({ payload: "hello {n}\n" }),
      ],
      [link("l", "raw.tcp", "stream.stream")],
    );
    expect((await rt.deploy(doc)).ok).toBe(true);
    const echo = await waitFor("the echo", () => messages(events, "raw", "in")[0]);
    expect(echo.frames[0]!.text).toBe("hello 1\n");
    expect(echo).toMatchObject({ link: "l", direction: "in" });
    expect(echo.external).toBeUndefined();
    const streamIn = messages(events, "stream", "in");
    // [routing id, ""] for the connection, then [routing id, "hello 1\n"].
    expect(streamIn[0]!.frames.map((f) => f.size)).toEqual([5, 0]);
    expect(streamIn[1]!.frames[1]!.text).toBe("hello 1\n");
    expect(streamIn[1]!.frames[0]!.hex).toBe(streamIn[0]!.frames[0]!.hex);
    const connect = events.find((e) => e.type === "monitor" && e.event === "stream:connect");
    expect(connect).toMatchObject({
      node: "stream",
      detail: `routing id ${streamIn[0]!.frames[0]!.hex}`,
    });
    await waitFor("one peer shown", () => rt!.snapshot().nodes.stream!.sockets.stream!.peers === 1);

    await rt.nodeAction("raw", "send", "again\n");
    await waitFor("second echo", () =>
      messages(events, "raw", "in").some((m) => m.frames[0]!.text === "again\n"),
    );
    await rt.nodeAction("raw", "stop");
    await waitFor("the disconnect frame", () =>
      events.find((e) => e.type === "monitor" && e.event === "stream:disconnect"),
    );
    expect(rt.snapshot().nodes.stream!.sockets.stream!.peers).toBe(0);
  });

  it("reports a refused connection as an error on the node", async () => {
    rt = createRuntime();
    const events = record(rt);
    const doc = graph(
      [
        node(
          "rep",
          "server",
          [{ id: "rep", type: "REP", bind: ["tcp://127.0.0.1:15613"] }],
          {},
          { autostart: false },
        ),
        rawClient({}),
      ],
      [link("l", "raw.tcp", "rep.rep")],
    );
    await rt.deploy(doc);
    const err = await waitFor("an error", () =>
      events.find((e) => e.type === "error" && e.node === "raw"),
    );
    expect(err).toMatchObject({ code: "ZMQP_ERR_SOCKET" });
    expect(JSON.stringify(err)).toContain("ECONNREFUSED");
  });
});
