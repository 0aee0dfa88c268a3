/**
 * One frame-rate window of the benchmark: animation frames counted in the page with
 * requestAnimationFrame, beside the WebSocket traffic, the main thread's time (CDP) and the CPU
 * time of Chromium's processes over the same window.
 */
import type { CDPSession, Page } from "@playwright/test";

export interface WsCount {
  frames: number;
  bytes: number;
}

export interface FpsWindow {
  fps: number;
  frames: number;
  seconds: number;
  /** Frame intervals, ms. */
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** Intervals over 50 ms (visible jank). */
  longFrames: number;
  /** Particles drawn for the first time during the window (0 when animation is off). */
  particlesDrawn: number;
  /** Queue gauges on the canvas at the window's end (issue 14: measured with them on). */
  gauges: number;
  wsFrames: number;
  wsFramesPerSecond: number;
  wsKiBPerSecond: number;
  /** Share of the window the renderer's main thread was busy (CDP TaskDuration). */
  mainThreadBusy: number;
  /**
   * What that busy time was, as shares of the window (CDP ScriptDuration, RecalcStyleDuration,
   * LayoutDuration; `other` is the rest of TaskDuration: paint, compositing, parsing, GC...).
   */
  busy: MainThreadSplit;
  /**
   * CPU seconds used per second by Chromium's renderer and GPU (software compositing) processes:
   * unlike frames per second, this hardly depends on how busy the rest of the machine is.
   */
  rendererCpu: number;
  gpuCpu: number;
}

interface MainThreadSplit {
  script: number;
  style: number;
  layout: number;
  other: number;
}

/** What a window is measured on: the page, its CDP sessions and its WebSocket count. */
export interface Measured {
  readonly page: Page;
  readonly cdp: CDPSession;
  readonly browserCdp: CDPSession;
  readonly ws: WsCount;
}

/** CPU seconds so far per Chromium process type (renderers summed). */
async function processCpu(browserCdp: CDPSession): Promise<{ renderer: number; gpu: number }> {
  const { processInfo } = (await browserCdp.send("SystemInfo.getProcessInfo")) as {
    processInfo: { type: string; cpuTime: number }[];
  };
  const sum = (type: string) =>
    processInfo.filter((p) => p.type === type).reduce((a, p) => a + p.cpuTime, 0);
  return { renderer: sum("renderer"), gpu: sum("GPU") };
}

/** Main-thread seconds so far: all tasks, and the script, style and layout parts of them. */
async function taskSeconds(
  cdp: CDPSession,
): Promise<{ task: number } & Omit<MainThreadSplit, "other">> {
  const { metrics } = (await cdp.send("Performance.getMetrics")) as {
    metrics: { name: string; value: number }[];
  };
  const m = (name: string) => metrics.find((x) => x.name === name)?.value ?? 0;
  return {
    task: m("TaskDuration"),
    script: m("ScriptDuration"),
    style: m("RecalcStyleDuration"),
    layout: m("LayoutDuration"),
  };
}

/**
 * Counts animation frames in `page` for `ms`, with the WebSocket frames that came meanwhile (`ws`,
 * counted as they arrive), the main thread's busy time and the renderer's and GPU's CPU time.
 */
export async function measureWindow(
  { page, cdp, browserCdp, ws }: Measured,
  ms: number,
): Promise<FpsWindow> {
  const ws0 = { ...ws };
  const task0 = await taskSeconds(cdp);
  const cpu0 = await processCpu(browserCdp);
  const t0 = Date.now();
  const inPage = await page.evaluate(async (duration) => {
    const drawnNow = () =>
      Number(
        document.querySelector<HTMLCanvasElement>("[data-testid='canvas.particles']")?.dataset
          .drawn ?? 0,
      );
    const drawn0 = drawnNow();
    const gaps: number[] = [];
    const start = performance.now();
    let last = start;
    await new Promise<void>((done) => {
      const tick = (now: number) => {
        gaps.push(now - last);
        last = now;
        if (now - start >= duration) done();
        else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const gauges = document.querySelectorAll(".zq-gauge:not([hidden])").length;
    return { gaps, seconds: (last - start) / 1000, drawn: drawnNow() - drawn0, gauges };
  }, ms);
  const wall = (Date.now() - t0) / 1000;
  const task1 = await taskSeconds(cdp);
  const share = (k: keyof typeof task1) => round(Math.min(1, (task1[k] - task0[k]) / wall), 3);
  const split = { script: share("script"), style: share("style"), layout: share("layout") };
  const cpu1 = await processCpu(browserCdp);
  const gaps = inPage.gaps.slice(1).sort((a, b) => a - b);
  const pct = (p: number) => gaps[Math.min(gaps.length - 1, Math.floor(p * gaps.length))] ?? 0;
  const wsFrames = ws.frames - ws0.frames;
  return {
    fps: round(inPage.gaps.length / inPage.seconds, 1),
    frames: inPage.gaps.length,
    seconds: round(inPage.seconds, 2),
    p50Ms: round(pct(0.5), 1),
    p95Ms: round(pct(0.95), 1),
    maxMs: round(gaps.at(-1) ?? 0, 1),
    longFrames: gaps.filter((g) => g > 50).length,
    particlesDrawn: inPage.drawn,
    gauges: inPage.gauges,
    wsFrames,
    wsFramesPerSecond: round(wsFrames / wall, 1),
    wsKiBPerSecond: round((ws.bytes - ws0.bytes) / 1024 / wall, 1),
    mainThreadBusy: share("task"),
    busy: {
      ...split,
      other: round(Math.max(0, share("task") - split.script - split.style - split.layout), 3),
    },
    rendererCpu: round((cpu1.renderer - cpu0.renderer) / wall, 3),
    gpuCpu: round((cpu1.gpu - cpu0.gpu) / wall, 3),
  };
}

export const round = (x: number, digits = 0) => Number(x.toFixed(digits));
