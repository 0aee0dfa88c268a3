import { afterAll, expect, it } from "vitest";
import { waitFor } from "../test-helpers.js";
import {
  activities,
  body,
  errors,
  received,
  runTemplate,
  sent,
  stepTime,
  type TemplateRun,
} from "./template-harness.js";

let run: TemplateRun | undefined;
afterAll(async () => {
  await run?.rt.close();
});

it("01c server crash: the plain REQ ends stuck, the Lazy Pirate resends and recovers", async () => {
  run = await runTemplate("01c-server-crash");
  const { rt, events } = run;

  // Timeline: 0,1 first requests; 2,3 second requests; 4 kill; 5 restart; 6,7 third requests.
  const last = await waitFor(
    "the pirate's third request answered",
    () => {
      const replies = received(events, "pirate-client").map(body);
      return replies.includes("re: pirate 3") && replies;
    },
    12_000,
  );
  const killedAt = stepTime(events, 4)!;
  const restartedAt = stepTime(events, 5)!;
  expect(killedAt).toBeLessThan(restartedAt);

  // Both were answered before the crash.
  expect(received(events, "plain-client").map(body)).toEqual(["re: plain 1"]);
  expect(last).toEqual(["re: pirate 1", "re: pirate 2", "re: pirate 3"]);

  // The plain REQ sent its second request, never got the reply, and could not send a third.
  expect(sent(events, "plain-client").map(body)).toEqual(["plain 1", "plain 2"]);
  expect(rt.snapshot().nodes["plain-client"]!.activity).toBe("stuck");
  expect(rt.counters().nodes["plain-client"]).toMatchObject({ sent: 2, received: 1 });
  const refused = events.find(
    (e) => e.type === "log" && e.node === "plain-client" && e.level === "warn",
  );
  expect(refused?.t).toBeGreaterThanOrEqual(stepTime(events, 6)!);
  // It did reconnect to the restarted server: reconnecting is not the problem.
  expect(
    events.some(
      (e) =>
        e.type === "monitor" &&
        e.node === "plain-client" &&
        e.event === "connect" &&
        e.t > restartedAt,
    ),
  ).toBe(true);

  // The pirate timed out on "pirate 2", reopened, resent it after the restart and was answered.
  expect(activities(events, "pirate-client")).toContain("retrying");
  const resent = sent(events, "pirate-client").filter((m) => body(m) === "pirate 2");
  expect(resent.length).toBe(2);
  expect(resent[1]!.t).toBeGreaterThan(restartedAt);
  const answer = received(events, "pirate-client").find((m) => body(m) === "re: pirate 2")!;
  expect(answer.t).toBeGreaterThan(restartedAt);
  expect(rt.counters().nodes["pirate-client"]!.dropReasons.timeout).toBe(1);
  expect(rt.snapshot().nodes["pirate-client"]!.activity).toBe("idle");
});

it("01c server crash: killing the server reports no socket error", () => {
  expect(run).toBeDefined();
  expect(errors(run!.events)).toEqual([]);
});
