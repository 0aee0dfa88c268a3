import { afterEach, expect, it } from "vitest";
import { waitFor } from "../test-helpers.js";
import { errors, received, runTemplate, type TemplateRun } from "./template-harness.js";

let run: TemplateRun | undefined;
afterEach(async () => {
  await run?.rt.close();
  run = undefined;
});

const topic = (m: { frames: { text?: string }[] }) => m.frames[0]?.text;
const logAt = (run: TemplateRun, node: string, text: string) =>
  run.events.findIndex((e) => e.type === "log" && e.node === node && e.text.includes(text));

it("12 pub-sub proxy: each subscription travels through the proxy to the publisher, and its end too", async () => {
  run = await runTemplate("12-pubsub-proxy");
  const r = run;
  await waitFor(
    "the news subscriber leaves",
    () => (logAt(r, "publisher", 'lost a subscription to "news"') >= 0 ? true : null),
    9000,
  );

  // The order a person reads in the log: the proxy forwards, then the publisher has it.
  for (const t of ["weather", "news"]) {
    const forwarded = logAt(r, "proxy", `forwarded a subscription to "${t}" upstream`);
    const arrived = logAt(r, "publisher", `got a subscription to "${t}"`);
    expect(forwarded, t).toBeGreaterThanOrEqual(0);
    expect(arrived, t).toBeGreaterThan(forwarded);
  }
  expect(logAt(r, "proxy", 'forwarded the end of the subscription to "news"')).toBeGreaterThan(0);

  // Publishes flow publisher -> proxy -> subscriber, each subscriber only its topic.
  const weather = received(r.events, "sub-weather");
  const news = received(r.events, "sub-news");
  expect(weather.length).toBeGreaterThanOrEqual(8);
  expect(news.length).toBeGreaterThanOrEqual(3);
  expect(weather.every((m) => topic(m) === "weather" && m.link === "weather-proxy")).toBe(true);
  expect(news.every((m) => topic(m) === "news" && m.link === "news-proxy")).toBe(true);
  const atProxy = received(r.events, "proxy");
  expect(atProxy.every((m) => m.link === "proxy-publisher" && m.from?.node === "publisher")).toBe(
    true,
  );
  // News nobody asked for was dropped at the publisher, before 3 s and after 6 s.
  expect(r.rt.counters().nodes.publisher!.dropReasons["no-subscriber"]).toBeGreaterThanOrEqual(4);
  expect(errors(r.events)).toEqual([]);
});
