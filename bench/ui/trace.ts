/**
 * Where the page's frames go, by the browser's own account: deploys the stress graph like
 * `bench:ui`, zooms to particle detail, and records a Chromium trace (devtools.timeline) for a
 * few seconds with animation on and off, dock open or closed. Prints, per mode, the main thread's
 * self time per trace event (script, style, layout, paint, GC...) as ms per second, and the other
 * threads' busy time. A CPU profile (`bench:ui --profile`) names JavaScript functions but lumps
 * style, layout and paint into "(program)": this names them.
 *
 *   node --import tsx bench/ui/trace.ts [--port 7791] [--seconds 4] [--dock open|closed]
 *                                       [--web-dist DIR] [--keep FILE-PREFIX]
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { chromium, type Browser } from "@playwright/test";
import { parseGraph } from "@zmqp/protocol";
import { ensureWebBuild, Gateway, sleep } from "./gateway.js";
import { round } from "./fps.js";
import { BenchPage } from "./page.js";
import { stressGraph } from "./stress-graph.js";
import { CHROMIUM_LAUNCH } from "../../chromium.config.js";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "7791" },
    seconds: { type: "string", default: "4" },
    dock: { type: "string", default: "closed" },
    "web-dist": { type: "string" },
    keep: { type: "string" },
  },
});
const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const CATEGORIES = [
  "devtools.timeline",
  "disabled-by-default-devtools.timeline",
  "v8",
  "blink.user_timing",
  "toplevel",
  "__metadata",
];

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time, when the platform reports it: unlike `dur`, the machine's load hardly moves it. */
  tdur?: number;
  tts?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

/** Self time per event name on each thread, ms, from complete (X) and begin/end (B/E) events. */
function selfTimes(events: TraceEvent[]) {
  const names = new Map<string, string>();
  for (const e of events)
    if (e.ph === "M" && e.name === "thread_name")
      names.set(`${e.pid}:${e.tid}`, e.args?.name ?? "");
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    if (e.ph !== "X" && e.ph !== "B" && e.ph !== "E") continue;
    const k = `${e.pid}:${e.tid}`;
    let list = byThread.get(k);
    if (!list) byThread.set(k, (list = []));
    list.push(e);
  }
  const out = new Map<
    string,
    { busy: number; cpu: number; self: Map<string, number>; selfCpu: Map<string, number> }
  >();
  for (const [k, list] of byThread) {
    // Spans [start, end, name, cpu]; B/E paired by a stack.
    const spans: [number, number, string, number][] = [];
    const open: TraceEvent[] = [];
    for (const e of list.sort((a, b) => a.ts - b.ts)) {
      if (e.ph === "X") spans.push([e.ts, e.ts + (e.dur ?? 0), e.name, e.tdur ?? e.dur ?? 0]);
      else if (e.ph === "B") open.push(e);
      else {
        const b = open.pop();
        if (b) spans.push([b.ts, e.ts, b.name, (e.tts ?? e.ts) - (b.tts ?? b.ts)]);
      }
    }
    spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    // Self time: each span's time minus its direct children's (CPU time likewise).
    const selfOf = spans.map(([s, e]) => e - s);
    const cpuOf = spans.map((x) => x[3]);
    const self = new Map<string, number>();
    const selfCpu = new Map<string, number>();
    let busy = 0;
    let cpu = 0;
    const st: number[] = [];
    spans.forEach(([s, e, , c], i) => {
      while (st.length && spans[st.at(-1)!]![1] <= s) st.pop();
      const p = st.at(-1);
      if (p !== undefined) {
        selfOf[p]! -= Math.min(e, spans[p]![1]) - s;
        cpuOf[p]! -= c;
      } else {
        busy += e - s;
        cpu += c;
      }
      st.push(i);
    });
    spans.forEach(([, , name], i) => {
      self.set(name, (self.get(name) ?? 0) + selfOf[i]! / 1000);
      selfCpu.set(name, (selfCpu.get(name) ?? 0) + cpuOf[i]! / 1000);
    });
    out.set(names.get(k) ?? k, { busy: busy / 1000, cpu: cpu / 1000, self, selfCpu });
  }
  return out;
}

async function traceFor(page: BenchPage, ms: number): Promise<TraceEvent[]> {
  const cdp = page.cdp;
  const events: TraceEvent[] = [];
  const collected = new Promise<void>((done) => {
    cdp.on("Tracing.dataCollected", (d) => events.push(...(d.value as unknown as TraceEvent[])));
    cdp.once("Tracing.tracingComplete", () => done());
  });
  await cdp.send("Tracing.start", {
    traceConfig: { includedCategories: CATEGORIES, recordMode: "recordAsMuchAsPossible" },
    transferMode: "ReportEvents",
  });
  await sleep(ms);
  await cdp.send("Tracing.end");
  await collected;
  return events;
}

const gateway = new Gateway(ROOT, Number(values.port), "ui-trace-token-0123456789abcdef");
let browser: Browser | null = null;
try {
  const { doc } = stressGraph();
  const parsed = parseGraph(doc);
  if (!parsed.ok) throw new Error("stress graph invalid");
  ensureWebBuild(ROOT, false);
  await gateway.start();
  await gateway.deploy(doc);
  browser = await chromium.launch(CHROMIUM_LAUNCH);
  const webDist = values["web-dist"] && resolve(values["web-dist"]);
  const page = await BenchPage.open(browser, `${gateway.url}/?token=${gateway.token}`, webDist);
  await page.waitForGraph(parsed.doc.nodes.length, parsed.doc.links.length);
  await sleep(2000);
  await page.zoomTo(0.8);
  await page.setRateView(false);
  await page.setDock(values.dock === "open");
  const seconds = Number(values.seconds);
  for (const mode of ["on", "off"] as const) {
    await page.setAnimate(mode === "on");
    await sleep(1000);
    const ws0 = page.ws.frames;
    const events = await traceFor(page, seconds * 1000);
    const wsFrames = page.ws.frames - ws0;
    if (values.keep) writeFileSync(`${values.keep}-${mode}.json`, JSON.stringify(events));
    const frames = events.filter((e) => e.name === "DrawFrame").length;
    const threads = selfTimes(events);
    const main = [...threads].find(([n]) => n === "CrRendererMain")?.[1];
    const perS = (ms: number) => round(ms / seconds, 1);
    console.log(
      JSON.stringify({
        mode,
        dock: values.dock,
        drawFramesPerSecond: round(frames / seconds, 1),
        mainBusyMsPerSecond: perS(main?.busy ?? 0),
        mainCpuMsPerSecond: perS(main?.cpu ?? 0),
        mainSelfCpuMsPerSecond: Object.fromEntries(
          [...(main?.selfCpu ?? [])]
            .sort((a, b) => b[1] - a[1])
            .slice(0, 18)
            .map(([n, t]) => [n, perS(t)]),
        ),
        threadsCpuMsPerSecond: Object.fromEntries(
          [...threads].filter(([, v]) => v.cpu / seconds > 20).map(([n, v]) => [n, perS(v.cpu)]),
        ),
        wsFramesPerSecond: round(wsFrames / seconds, 1),
      }),
    );
  }
} finally {
  await browser?.close().catch(() => undefined);
  await gateway.stop().catch(() => gateway.killNow());
  gateway.removeSnapshots();
}
