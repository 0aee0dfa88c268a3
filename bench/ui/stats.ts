/** Arithmetic for the UI benchmark's figures: windows summed per mode, a fitted memory trend. */
import { round, type FpsWindow } from "./fps.js";

/** Sums the alternating windows of one mode (animation on, or off) into one figure. */
export function combine(ws: FpsWindow[]) {
  const secs = ws.reduce((a, w) => a + w.seconds, 0);
  const frames = ws.reduce((a, w) => a + w.frames, 0);
  const wsFrames = ws.reduce((a, w) => a + w.wsFrames, 0);
  const avg = (
    k: "p50Ms" | "p95Ms" | "mainThreadBusy" | "wsKiBPerSecond" | "rendererCpu" | "gpuCpu",
  ) => round(ws.reduce((a, w) => a + w[k], 0) / ws.length, 3);
  return {
    fps: round(frames / secs, 1),
    seconds: round(secs, 1),
    p50Ms: avg("p50Ms"),
    p95Ms: avg("p95Ms"),
    maxMs: Math.max(...ws.map((w) => w.maxMs)),
    longFrames: ws.reduce((a, w) => a + w.longFrames, 0),
    gauges: Math.min(...ws.map((w) => w.gauges)),
    particlesPerSecond: round(ws.reduce((a, w) => a + w.particlesDrawn, 0) / secs, 1),
    wsFramesPerSecond: round(wsFrames / secs, 1),
    wsKiBPerSecond: avg("wsKiBPerSecond"),
    mainThreadBusy: avg("mainThreadBusy"),
    busy: Object.fromEntries(
      (["script", "style", "layout", "other"] as const).map((k) => [
        k,
        round(ws.reduce((a, w) => a + w.busy[k], 0) / ws.length, 3),
      ]),
    ),
    rendererCpu: avg("rendererCpu"),
    gpuCpu: avg("gpuCpu"),
    // Chromium CPU per drawn frame: what the page would need at 60 fps on a machine of its own.
    cpuMsPerFrame: round(((avg("rendererCpu") + avg("gpuCpu")) * 1000 * secs) / frames, 1),
    windows: ws.map((w) => w.fps),
  };
}

/** WebSocket frames a second over all windows, and the busiest window's rate. */
export function wsRates(ws: FpsWindow[]): { perSecond: number; peak: number } {
  const secs = ws.reduce((a, w) => a + w.seconds, 0);
  return {
    perSecond: round(ws.reduce((a, w) => a + w.wsFrames, 0) / secs, 1),
    peak: Math.max(...ws.map((w) => w.wsFramesPerSecond)),
  };
}

/** Least-squares slope of y over x. */
export function slope(xs: number[], ys: number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}
