/**
 * `pnpm bench`: raw zeromq.js against the engine, in one run on one machine. Prints one JSON line
 * per case: {case, raw, engine, ratio, unit, goal, met, ...}. Trials alternate raw and engine so a
 * busy neighbour slows both alike; throughput keeps each side's best trial.
 *
 *   pnpm bench [--messages 200000] [--trials 2] [--roundtrips 5000] [--port 5790]
 */
import { parseArgs } from "node:util";
import { engineRoundTrips, engineThroughput } from "./engine.js";
import { rawRoundTrips, rawThroughput } from "./raw.js";

const { values } = parseArgs({
  options: {
    messages: { type: "string", default: "200000" },
    trials: { type: "string", default: "2" },
    roundtrips: { type: "string", default: "5000" },
    // Away from the templates' ports (5555-5560), so a running playground does not collide.
    port: { type: "string", default: "5790" },
  },
});
const messages = Number(values.messages);
const trials = Number(values.trials);
const roundtrips = Number(values.roundtrips);
let port = Number(values.port);

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

const round = (x: number, digits = 0) => Number(x.toFixed(digits));

function line(
  name: string,
  raw: number,
  engine: number,
  unit: string,
  goal: { op: ">=" | "<="; ratio: number } | null,
  extra: Record<string, unknown> = {},
) {
  const ratio = round(engine / raw, 3);
  const met = goal ? (goal.op === ">=" ? ratio >= goal.ratio : ratio <= goal.ratio) : undefined;
  const out = { case: name, raw: round(raw, 1), engine: round(engine, 1), ratio, unit };
  console.log(
    JSON.stringify({
      ...out,
      ...(goal ? { goal: `${goal.op} ${goal.ratio}`, met } : {}),
      ...extra,
    }),
  );
}

async function throughput() {
  const raw: number[] = [];
  const engine: number[] = [];
  let counted = 0;
  let correlated = 0;
  for (let t = 0; t < trials; t++) {
    raw.push(await rawThroughput(port++, messages));
    const e = await engineThroughput(port++, messages);
    engine.push(e.value);
    counted += e.counted;
    correlated += e.correlated;
  }
  line(
    "push-pull-throughput",
    Math.max(...raw),
    Math.max(...engine),
    "msg/s",
    { op: ">=", ratio: 0.9 },
    {
      messages,
      trials: { raw: raw.map((x) => round(x)), engine: engine.map((x) => round(x)) },
      engineCounted: counted,
      engineCorrelated: correlated,
    },
  );
}

async function roundTrip() {
  const raw = await rawRoundTrips(port++, roundtrips);
  const e = await engineRoundTrips(port++, roundtrips);
  const extra = { roundtrips, engineCounted: e.counted, engineCorrelated: e.correlated };
  line(
    "req-rep-rt-p50",
    percentile(raw, 50),
    percentile(e.value, 50),
    "µs",
    { op: "<=", ratio: 1.1 },
    extra,
  );
  line("req-rep-rt-p99", percentile(raw, 99), percentile(e.value, 99), "µs", null, extra);
}

await throughput();
await roundTrip();
