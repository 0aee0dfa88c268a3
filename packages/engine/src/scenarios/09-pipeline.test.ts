import { afterEach, expect, it } from "vitest";
import { waitFor } from "../test-helpers.js";
import { body, errors, received, runTemplate, sent, type TemplateRun } from "./template-harness.js";

let run: TemplateRun | undefined;
afterEach(async () => {
  await run?.rt.close();
  run = undefined;
});

const taskNo = (text: string) => Number(/task (\d+)/.exec(text)?.[1]);

it("09 pipeline: round-robin 10/10 despite a slow worker, and the sink gets all 20 results", async () => {
  run = await runTemplate("09-pipeline");
  const { rt, events } = run;
  const lastTask = await waitFor(
    "the ventilator's 20th task",
    () => sent(events, "ventilator")[19],
    5000,
  );
  // When the last task leaves, the slow worker still has a backlog: PUSH did not look at load.
  const doneBy = (w: string) => sent(events, w).filter((m) => m.t <= lastTask.t).length;
  expect(doneBy("worker-2")).toBeLessThan(doneBy("worker-1"));

  await waitFor("20 results at the sink", () => received(events, "sink").length >= 20, 5000);
  const results = received(events, "sink").map(body);
  expect(results).toHaveLength(20);
  expect(new Set(results.map(taskNo))).toEqual(
    new Set(Array.from({ length: 20 }, (_, i) => i + 1)),
  );

  // Round-robin: each worker took every other task.
  for (const w of ["worker-1", "worker-2"]) {
    const tasks = received(events, w).map((m) => taskNo(body(m)));
    expect(tasks).toHaveLength(10);
    expect(new Set(tasks.map((n) => n % 2)).size).toBe(1);
  }
  const c = rt.counters();
  expect(c.nodes.sink!.peers["worker-1"]!.received).toBe(10);
  expect(c.nodes.sink!.peers["worker-2"]!.received).toBe(10);
  // Tasks flow from the binding ventilator to the connecting workers: "backward" on their links.
  expect(c.links["vent-w1"]!.backward + c.links["vent-w2"]!.backward).toBe(20);
  expect(Object.values(c.nodes).reduce((n, x) => n + x.dropped, 0)).toBe(0);
  expect(errors(events)).toEqual([]);
});
