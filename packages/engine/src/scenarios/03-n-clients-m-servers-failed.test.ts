import { ERROR_CODES } from "@zmqp/protocol";
import { afterEach, expect, it } from "vitest";
import { sleep, waitFor } from "../test-helpers.js";
import { errors, received, runTemplate, stepTime, type TemplateRun } from "./template-harness.js";

let run: TemplateRun | undefined;
afterEach(async () => {
  await run?.rt.close();
  run = undefined;
});

it("03 two servers, one address: exactly one EADDRINUSE, the other keeps serving", async () => {
  run = await runTemplate("03-n-clients-m-servers-failed");
  const { rt, events } = run;
  await waitFor("server-b tried to start", () => stepTime(events, 0), 4000);
  await waitFor("server-b failed", () => rt.snapshot().nodes["server-b"]!.state === "error", 2000);
  const servedBefore = received(events, "server-a").length;
  await sleep(1500);

  const inUse = errors(events).filter((e) => e.code === ERROR_CODES.ADDRESS_IN_USE);
  expect(inUse).toHaveLength(1);
  expect(inUse[0]).toMatchObject({ node: "server-b", socket: "rep" });
  expect(inUse[0]!.message).toMatch(/Address already in use/);
  expect(errors(events).filter((e) => e.node !== "server-b")).toEqual([]);

  const snap = rt.snapshot();
  expect(snap.nodes["server-b"]!.detail).toMatch(/Address already in use/);
  expect(snap.nodes["server-b"]!.sockets.rep!.error?.code).toBe(ERROR_CODES.ADDRESS_IN_USE);
  expect(snap.nodes["server-a"]!.state).toBe("running");
  expect(snap.nodes["server-a"]!.sockets.rep!.bound).toEqual(["tcp://127.0.0.1:5555"]);

  // server-a kept answering both clients after server-b failed.
  expect(received(events, "server-a").length).toBeGreaterThan(servedBefore + 2);
  const c = rt.counters().nodes;
  expect(c["server-a"]!.peers["client-1"]!.received).toBeGreaterThan(2);
  expect(c["server-a"]!.peers["client-2"]!.received).toBeGreaterThan(2);
  expect(c["server-b"]!.received).toBe(0);
  for (const client of ["client-1", "client-2"])
    expect(received(events, client).at(-1)!.frames.at(-1)!.text).toMatch(/^server-a: /);
});
