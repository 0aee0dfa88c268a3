import { afterEach, expect, it } from "vitest";
import { sleep, waitFor } from "../test-helpers.js";
import {
  errors,
  received,
  runTemplate,
  sent,
  stepTime,
  type MessageEvent,
  type TemplateRun,
} from "./template-harness.js";

let run: TemplateRun | undefined;
afterEach(async () => {
  await run?.rt.close();
  run = undefined;
});

const topic = (m: MessageEvent) => m.frames[0]?.text;
const seq = (m: MessageEvent) => Number(/update (\d+)$/.exec(m.frames.at(-1)?.text ?? "")?.[1]);

it("08 pub-sub: each subscriber gets only its topic; news sent before the late joiner is dropped", async () => {
  run = await runTemplate("08-pub-sub");
  const { rt, events } = run;
  const joined = await waitFor("the news subscriber joins", () => stepTime(events, 0), 5000);
  await waitFor("3 news received", () => received(events, "sub-news").length >= 3, 3000);
  await sleep(300);

  const weather = received(events, "sub-weather");
  const news = received(events, "sub-news");
  expect(weather.length).toBeGreaterThanOrEqual(8);
  expect(weather.every((m) => topic(m) === "weather")).toBe(true);
  expect(news.every((m) => topic(m) === "news")).toBe(true);

  // Until its subscription reached the publisher nobody wanted news: every news publish before
  // that was counted dropped, none after. (That is a little after the join: the slow joiner.)
  const published = sent(events, "publisher");
  const subscribed = events.findIndex(
    (e) => e.type === "log" && e.node === "publisher" && /subscription to "news"/.test(e.text),
  );
  expect(subscribed).toBeGreaterThan(-1);
  const newsBefore = published.filter((m) => topic(m) === "news" && events.indexOf(m) < subscribed);
  expect(newsBefore.length).toBeGreaterThanOrEqual(4);
  const drops = events.filter((e) => e.type === "drop" && e.node === "publisher");
  expect(drops.every((d) => d.type === "drop" && d.reason === "no-subscriber")).toBe(true);
  expect(drops.length).toBe(newsBefore.length);
  expect(rt.counters().nodes.publisher!.dropReasons["no-subscriber"]).toBe(newsBefore.length);

  // The late joiner never sees the news published before it joined.
  const lastLost = Math.max(...newsBefore.map(seq));
  expect(Math.min(...news.map(seq))).toBeGreaterThan(lastLost);
  expect(news[0]!.t).toBeGreaterThanOrEqual(joined);

  // The early subscriber got every weather update that was published.
  const weatherSent = published.filter((m) => topic(m) === "weather").length;
  expect(weather.length).toBeGreaterThanOrEqual(weatherSent - 1);
  expect(errors(events)).toEqual([]);
});
