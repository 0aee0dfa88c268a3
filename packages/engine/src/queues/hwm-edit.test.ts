/**
 * The high-water marks are socket options in the document: editing one (either direction) is a
 * deploy diff that restarts only that node, and the link's capacity follows at once.
 */
import type { GraphDoc } from "@zmqp/protocol";
import { afterEach, expect, it } from "vitest";
import { loadTemplate, runTemplate, type TemplateRun } from "../scenarios/template-harness.js";
import { waitFor } from "../test-helpers.js";
import { lane, watchQueues } from "./check.js";

let run: TemplateRun | undefined;
afterEach(async () => {
  await run?.rt.close();
  run = undefined;
});

function withHwm(doc: GraphDoc, node: string, socket: string, options: object): GraphDoc {
  const next = structuredClone(doc);
  const s = next.nodes.find((n) => n.id === node)!.sockets.find((x) => x.id === socket)!;
  s.options = { ...s.options, ...options };
  return next;
}

it("editing a socket's HWM restarts only its node, and the gauge's capacity follows", async () => {
  run = await runTemplate("13-slow-consumer");
  const { samples } = watchQueues(run.rt);
  const doc = loadTemplate("13-slow-consumer");
  const recv = await run.rt.deploy(withHwm(doc, "worker", "pull", { receiveHighWaterMark: 50 }));
  expect(recv.changed.restarted).toEqual(["worker"]);
  const first = await waitFor("the new receive HWM on the gauge", () =>
    samples.map((s) => lane(s.event, "vent-worker")).find((q) => q?.capacity.recvHwm === 50),
  );
  expect(first.capacity).toMatchObject({ sendHwm: 5, recvHwm: 50 });
  // + 1 while the worker, paused by the lesson's timeline, holds a task it read as it paused.
  expect(first.capacity.total).toBe(55 + (first.capacity.held ?? 0));

  const both = withHwm(
    withHwm(doc, "worker", "pull", { receiveHighWaterMark: 50 }),
    "ventilator",
    "push",
    {
      sendHighWaterMark: 7,
    },
  );
  const send = await run.rt.deploy(both);
  expect(send.changed.restarted).toEqual(["ventilator"]);
  expect(send.changed.kept).toContain("worker");
  await waitFor("the new send HWM on the gauge", () =>
    samples.some((s) => {
      const c = lane(s.event, "vent-worker")?.capacity;
      return c !== undefined && c.total - (c.held ?? 0) === 57;
    }),
  );
});
