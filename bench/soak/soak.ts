/**
 * The soak benchmark (`pnpm bench:soak [--minutes N] [--rate R]`): the gateway, in this process,
 * runs every pattern at once at R messages a second (default 10 000) for N minutes (default 10)
 * with a real tab attached over /ws and one fault a minute. At the end every link's accounts must
 * reconcile exactly (sent = received + dropped by reason + in flight), and the heap after a full
 * GC must stay flat. Exits 1 when either fails. Needs --expose-gc (the script passes it).
 */
import { parseArgs } from "node:util";
import type { LinkAccount } from "@zmqp/engine";
import { buildApp } from "@zmqp/gateway/app";
import { connect, listen, TOKEN } from "@zmqp/gateway/test-helpers";
import { FAULTS } from "./faults.js";
import { DRIVEN, soakGraph } from "./graph.js";

const { values } = parseArgs({
  options: {
    minutes: { type: "string", default: "10" },
    rate: { type: "string", default: "10000" },
    // Which fault the first minute gets (0-based, in FAULTS' order): to try one soon.
    "first-fault": { type: "string", default: "0" },
  },
});
const firstFault = Number(values["first-fault"]);
const minutes = Number(values.minutes);
const rate = Number(values.rate);
if (!(minutes > 0) || !(rate > 0)) throw new Error("--minutes and --rate take positive numbers");
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with node --expose-gc (pnpm bench:soak does)");

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mb = (n: number) => Math.round((n / 1048576) * 10) / 10;
function heapAfterGc(): number {
  gc!();
  gc!();
  return process.memoryUsage().heapUsed;
}

const app = await buildApp({ token: TOKEN, graceMs: 60_000 });
const base = await listen(app);
const rt = app.hub.runtime;
const tab = await connect(base);
tab.send({ type: "hello", protocol: 1 });
await tab.next("welcome");
const deployed = await app.hub.deploy(soakGraph());
if (!deployed.ok) throw new Error(`deploy failed: ${JSON.stringify(deployed.diagnostics)}`);
await sleep(500);

// Send now, in 10 ms slices: each driven node gets its share of the rate.
let sent = 0;
let carry = 0;
const driver = setInterval(() => {
  carry += (rate * 0.01) / 1;
  const n = Math.floor(carry);
  carry -= n;
  for (const d of DRIVEN) {
    const k = Math.round(n * d.share);
    for (let i = 0; i < k; i++) void rt.nodeAction(d.node, "send").catch(() => undefined);
    sent += k;
  }
}, 10);

const samples: { minute: number; heapMb: number; rssMb: number; perS: number; batches: number }[] =
  [];
const t0 = Date.now();
let lastTotal = 0;
let batches = 0;
const totalSent = () => Object.values(rt.counters().nodes).reduce((a, n) => a + n.sent, 0);
for (let minute = 1; minute <= minutes; minute++) {
  const fault = FAULTS[(minute - 1 + firstFault) % FAULTS.length]!;
  const faultAt = t0 + (minute - 1) * 60_000 + 20_000;
  await sleep(Math.max(0, faultAt - Date.now()));
  // A fault that hangs must not stop the soak: it gets 15 s.
  let finished = false;
  const timedOut = sleep(15_000).then(() =>
    finished ? undefined : console.error(`fault ${fault.name}: still running after 15 s`),
  );
  await Promise.race([
    fault
      .run(rt)
      .catch((e: Error) => console.error(`fault ${fault.name}: ${e.message}`))
      .finally(() => (finished = true)),
    timedOut,
  ]);
  await sleep(Math.max(0, t0 + minute * 60_000 - Date.now()));
  const total = totalSent();
  const heap = heapAfterGc();
  const row = {
    minute,
    heapMb: mb(heap),
    rssMb: mb(process.memoryUsage().rss),
    perS: Math.round((total - lastTotal) / 60),
    batches: (batches += tab.of("batch").length),
  };
  lastTotal = total;
  samples.push(row);
  // A node left in error by a fault is a finding: say which, and why.
  const down = Object.entries(rt.snapshot().nodes)
    .filter(([, st]) => st.state !== "running" && st.state !== "paused")
    .map(([id, st]) => `${id} ${st.state}${st.detail ? ` (${st.detail})` : ""}`);
  if (down.length) console.log(`  not running: ${down.join("; ")}`);
  console.log(
    `minute ${minute}: ${row.perS} msg/s sent, heap after GC ${row.heapMb} MB, rss ${row.rssMb} MB, fault: ${fault.name}`,
  );
  // The tab's own record of what it got is not what is measured: keep only the count.
  tab.messages.length = 0;
}
clearInterval(driver);

// Let everything in flight land (or expire: 30 s), then read the accounts until they are still.
let accounts: LinkAccount[] = rt.accounts();
for (let i = 0; i < 40; i++) {
  await sleep(1000);
  const next = rt.accounts();
  const settled = JSON.stringify(next) === JSON.stringify(accounts);
  accounts = next;
  if (settled && next.every((a) => a.inFlight === 0)) break;
}
console.log("\nlink accounts (sent = received + dropped + in flight):");
for (const a of accounts)
  console.log(
    `  ${a.link} ${a.direction} from ${a.from}: sent ${a.sent} = received ${a.received} + dropped ${JSON.stringify(a.dropped)} + in flight ${a.inFlight}; unaccounted ${a.unaccounted}${a.exact ? "" : " (shared socket)"}`,
  );
// Flat: the heap after GC swings with what the correlator still holds (30 s of sends), so the
// test is its trend, not two samples: the median of the second half against the first half's.
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const heaps = samples.map((x) => x.heapMb);
const half = Math.max(1, Math.floor(heaps.length / 2));
const first = samples[0]!;
const last = samples[samples.length - 1]!;
const growth = median(heaps.slice(half)) - median(heaps.slice(0, half));
const result = {
  minutes,
  rate,
  driverSends: sent,
  samples,
  accounts,
  heapGrowthMb: Math.round(growth * 10) / 10,
  reconciled: accounts.every((a) => !a.exact || a.unaccounted === 0),
  tabBatches: batches,
};
console.log(
  `\nheap after GC: ${first.heapMb} MB at minute 1, ${last.heapMb} MB at minute ${last.minute}; median of the second half minus the first half's: ${result.heapGrowthMb} MB`,
);
console.log(`reconciled: ${result.reconciled}`);
console.log(`RESULT ${JSON.stringify(result)}`);
await tab.close();
await app.close();
// Flat: the second half's median within 10% of the first half's.
const flat = minutes < 2 || growth < 0.1 * median(heaps.slice(0, half));
process.exit(result.reconciled && flat ? 0 : 1);
