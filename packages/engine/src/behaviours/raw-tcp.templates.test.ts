/** Templates 05 and 05b: valid documents, and they play out on real sockets as their lessons say. */
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import type { Runtime } from "../api.js";
import { createRuntime } from "../runtime.js";
import { messages, parsed, record, waitFor } from "../test-helpers.js";

/** Parsed (and so checked valid) as the gateway does before deploying. */
const load = (name: string) =>
  parsed(
    JSON.parse(
      readFileSync(new URL(`../../../../scenarios/${name}.json`, import.meta.url), "utf8"),
    ),
  );

let rt: Runtime | undefined;
afterEach(async () => {
  await rt?.close();
  rt = undefined;
});

describe("template 05-raw-tcp-stream", () => {
  it("echoes lines, and shows a connect, a disconnect and a new routing id on restart", async () => {
    const doc = load("05-raw-tcp-stream");
    rt = createRuntime();
    const events = record(rt);
    expect((await rt.deploy(doc)).ok).toBe(true);
    const streamEvents = (name: string) =>
      events.filter((e) => e.type === "monitor" && e.node === "stream" && e.event === name);
    await waitFor("the second connection", () => streamEvents("stream:connect").length === 2, 8000);
    const echoes = messages(events, "client", "in").map((m) => m.frames[0]!.text);
    expect(echoes.slice(0, 2)).toEqual(["hello 1\n", "a second line\n"]);
    expect(streamEvents("stream:disconnect")).toHaveLength(1);
    const ids = streamEvents("stream:connect").map((e) => (e.type === "monitor" ? e.detail : ""));
    expect(ids[0]).not.toBe(ids[1]);
    await waitFor("the echo after restart", () => messages(events, "client", "in").length === 3);
    // A STREAM speaks raw TCP, it has no handshake: a client that closes is the disconnect the
    // lesson shows, never "a peer left before the handshake finished".
    expect(events.filter((e) => e.type === "error")).toEqual([]);
    expect(rt.counters().nodes.stream!.errors).toBe(0);
  });
});

describe("template 05b-raw-tcp-to-rep", () => {
  it("shows the greeting, both READYs and a hand-made request answered by the REP", async () => {
    const doc = load("05b-raw-tcp-to-rep");
    rt = createRuntime();
    const events = record(rt);
    expect((await rt.deploy(doc)).ok).toBe(true);
    const received = () =>
      messages(events, "client", "in")
        .map((m) => m.frames[0]!.hex)
        .join("");
    await waitFor(
      "the reply to the hand-made request",
      () => received().endsWith("01000005776f726c64"),
      8000,
    );
    const all = received();
    expect(all.startsWith("ff00000000000000017f" + "03014e554c4c")).toBe(true);
    // The REP's READY: 04 19 05 "READY" 0b "Socket-Type" 00000003 "REP".
    expect(all).toContain("0419055245414459" + "0b536f636b65742d54797065" + "00000003524550");
    expect(messages(events, "server", "in")[0]!.frames.at(-1)!.text).toBe("hello");
    expect(events.some((e) => e.type === "error")).toBe(false);
  });
});
