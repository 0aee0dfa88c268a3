import { afterAll, beforeAll, expect, it } from "vitest";
import { sleep } from "../test-helpers.js";
import { body, received, runTemplate, type TemplateRun } from "./template-harness.js";

let run: TemplateRun;
beforeAll(async () => {
  run = await runTemplate("11-high-water-mark");
  await sleep(4000);
});
afterAll(async () => {
  await run?.rt.close();
});

const numbers = (node: string) =>
  received(run.events, node).map((m) => Number(/(\d+)$/.exec(body(m))?.[1]));
/** How many numbers are missing between the first and last received. */
const gaps = (ns: number[]) => ns.at(-1)! - ns[0]! + 1 - ns.length;

it("11 HWM over inproc: past 10 + 10 queued, the publisher's messages are lost to the slow subscriber", () => {
  const c = run.rt.counters().nodes;
  const ns = numbers("slow-sub");
  expect(c["fast-pub"]!.sent).toBeGreaterThan(300);
  expect(ns.length).toBeLessThan(60);
  expect(gaps(ns)).toBeGreaterThan(100);
});

it("11 HWM over tcp: nothing lost yet, the subscriber just falls behind (kernel buffers)", () => {
  const c = run.rt.counters().nodes;
  const ns = numbers("slow-sub-tcp");
  expect(c["fast-pub-tcp"]!.sent).toBeGreaterThan(300);
  expect(ns.length).toBeLessThan(60);
  expect(gaps(ns)).toBe(0);
  // Nothing lost to the high-water mark (the very first publish may still meet the slow joiner).
  expect(c["fast-pub-tcp"]!.dropReasons.hwm ?? 0).toBe(0);
});

// libzmq drops them silently; the engine sees the gaps in what the subscriber got and counts them.
it("11 HWM: the publisher counts the inproc drops (reason hwm)", () => {
  // Gaps first, counters second: receives keep coming, and each is counted before it is shown.
  const lost = gaps(numbers("slow-sub"));
  const c = run.rt.counters().nodes;
  expect(c["fast-pub"]!.dropReasons.hwm ?? 0).toBeGreaterThanOrEqual(lost);
});
