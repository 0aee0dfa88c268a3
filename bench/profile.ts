/**
 * The engine side of one bench case alone, to profile it without the raw baseline in the way:
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/profile.ts throughput 100000
 *   node --import tsx bench/top.ts /tmp/prof/*.cpuprofile
 */
import { engineRoundTrips, engineThroughput } from "./engine.js";

const [which = "throughput", count = "100000"] = process.argv.slice(2);
const n = Number(count);
if (which === "throughput") {
  const r = await engineThroughput(17095, n);
  console.log(JSON.stringify({ case: which, ...r.value, counted: r.counted }));
} else {
  const r = await engineRoundTrips(17096, n);
  const s = [...r.value].sort((a, b) => a - b);
  console.log(
    JSON.stringify({ case: which, p50: s[Math.floor(s.length / 2)], counted: r.counted }),
  );
}
