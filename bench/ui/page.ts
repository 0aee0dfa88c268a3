/**
 * The benchmark's side of the browser: one page on the gateway, a count of the WebSocket frames it
 * receives, frame-rate windows measured in the page with requestAnimationFrame, main-thread time
 * from CDP, and the animation switch (the store's `animate`, reached through `window.__zmqp`).
 */
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import type { Browser, CDPSession, Page } from "@playwright/test";

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

export interface MainThreadSplit {
  script: number;
  style: number;
  layout: number;
  other: number;
}

interface FlowHandle {
  zoomTo(zoom: number): Promise<boolean>;
  getZoom(): number;
}

interface StoreHandle {
  getState(): {
    animate: boolean;
    setAnimate(on: boolean): void;
    // Absent in builds before issue 14 (--web-dist of an older page).
    setRateView?(on: boolean): void;
    setBottomOpen(open: boolean): void;
    run: { state: string };
    connection: string;
  };
}
type ZmqpWindow = Window & { __zmqp?: { store: StoreHandle; flow?: FlowHandle } };

export class BenchPage {
  readonly ws: WsCount = { frames: 0, bytes: 0 };

  private constructor(
    readonly page: Page,
    readonly cdp: CDPSession,
    private readonly browserCdp: CDPSession,
  ) {}

  /**
   * `webDist`: run another build of the web app (a change being tried) instead of the gateway's
   * apps/web/dist.
   */
  static async open(browser: Browser, url: string, webDist?: string): Promise<BenchPage> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    if (webDist) {
      // The gateway still serves the page (its answer sets the token cookie); only the script
      // and stylesheet it names are swapped for the other build's entry files.
      const html = readFileSync(join(webDist, "index.html"), "utf8");
      const entry = (ext: string) =>
        new RegExp(`/assets/([^"']+\\.${ext})["']`).exec(html)?.[1] ?? "";
      const files = { js: entry("js"), css: entry("css") };
      const origin = new URL(url).origin;
      await page.route(`${origin}/assets/**`, (route) => {
        const name = basename(new URL(route.request().url()).pathname);
        const ext = name.endsWith(".css") ? "css" : name.endsWith(".js") ? "js" : null;
        return ext
          ? route.fulfill({ path: join(webDist, "assets", files[ext]) })
          : route.continue();
      });
    }
    const cdp = await context.newCDPSession(page);
    const bench = new BenchPage(page, cdp, await browser.newBrowserCDPSession());
    // Registered before navigation so the first WebSocket is counted too.
    page.on("websocket", (ws) => {
      ws.on("framereceived", (f) => {
        bench.ws.frames++;
        bench.ws.bytes += typeof f.payload === "string" ? f.payload.length : f.payload.byteLength;
      });
    });
    // tsx (esbuild keepNames) wraps named functions in `__name(...)`; the functions handed to
    // page.evaluate are serialised with that call inside, so the page needs the helper too.
    await page.addInitScript("globalThis.__name = (f) => f;");
    await cdp.send("Performance.enable");
    await page.goto(url);
    return bench;
  }

  /** Waits until the page shows the running graph: every node and link on the canvas. */
  async waitForGraph(nodes: number, links: number, timeoutMs = 30_000): Promise<void> {
    try {
      await this.waitForGraphOnce(nodes, links, timeoutMs);
    } catch (error) {
      const seen = await this.page
        .evaluate(() => {
          const st = (window as ZmqpWindow).__zmqp?.store.getState();
          return {
            store: st ? { connection: st.connection, run: st.run.state } : "window.__zmqp missing",
            nodes: document.querySelectorAll(".react-flow__node").length,
            edges: document.querySelectorAll(".react-flow__edge").length,
            text: document.body.innerText.slice(0, 300),
          };
        })
        .catch((e: unknown) => String(e));
      throw new Error(`the graph did not show: ${JSON.stringify(seen)}`, { cause: error });
    }
  }

  private async waitForGraphOnce(nodes: number, links: number, timeoutMs: number): Promise<void> {
    await this.page.waitForFunction(
      ([n, l]) => {
        const st = (window as ZmqpWindow).__zmqp?.store.getState();
        return (
          st?.connection === "open" &&
          st.run.state === "running" &&
          document.querySelectorAll(".react-flow__node").length >= n &&
          document.querySelectorAll(".react-flow__edge").length >= l
        );
      },
      [nodes, links] as const,
      { timeout: timeoutMs, polling: 250 },
    );
  }

  setAnimate(on: boolean): Promise<void> {
    return this.page.evaluate((v) => {
      const store = (window as ZmqpWindow).__zmqp?.store;
      if (!store) throw new Error("window.__zmqp.store is missing: is the web build current?");
      store.getState().setAnimate(v);
    }, on);
  }

  /**
   * The rate view (issue 14) off: every stress link runs above its threshold and would show a rate
   * instead of particles, so the particle cost is measured with it off (the gauges stay on).
   */
  setRateView(on: boolean): Promise<void> {
    return this.page.evaluate((v) => {
      const store = (window as ZmqpWindow).__zmqp?.store;
      if (!store) throw new Error("window.__zmqp.store is missing: is the web build current?");
      store.getState().setRateView?.(v);
    }, on);
  }

  /**
   * Zooms the canvas (around its centre). At fit zoom the stress graph is drawn compact, with
   * rates instead of particles; the particle cost is measured zoomed in past the level of detail.
   */
  async zoomTo(zoom: number): Promise<void> {
    await this.page.evaluate(async (z) => {
      const flow = (window as ZmqpWindow).__zmqp?.flow;
      if (!flow) throw new Error("window.__zmqp.flow is missing: is the web build current?");
      await flow.zoomTo(z);
    }, zoom);
  }

  /** Opens or closes the bottom dock (event log and message view), which unmounts them. */
  setDock(open: boolean): Promise<void> {
    return this.page.evaluate((v) => {
      (window as ZmqpWindow).__zmqp?.store.getState().setBottomOpen(v);
    }, open);
  }

  /** CPU seconds so far per Chromium process type (renderers summed). */
  private async processCpu(): Promise<{ renderer: number; gpu: number }> {
    const { processInfo } = (await this.browserCdp.send("SystemInfo.getProcessInfo")) as {
      processInfo: { type: string; cpuTime: number }[];
    };
    const sum = (type: string) =>
      processInfo.filter((p) => p.type === type).reduce((a, p) => a + p.cpuTime, 0);
    return { renderer: sum("renderer"), gpu: sum("GPU") };
  }

  /** Main-thread seconds so far: all tasks, and the script, style and layout parts of them. */
  private async taskSeconds(): Promise<{ task: number } & Omit<MainThreadSplit, "other">> {
    const { metrics } = (await this.cdp.send("Performance.getMetrics")) as {
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

  /** Counts animation frames in the page for `ms`, with the WebSocket frames that came meanwhile. */
  async measure(ms: number): Promise<FpsWindow> {
    const ws0 = { ...this.ws };
    const task0 = await this.taskSeconds();
    const cpu0 = await this.processCpu();
    const t0 = Date.now();
    const inPage = await this.page.evaluate(async (duration) => {
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
    const task1 = await this.taskSeconds();
    const share = (k: keyof typeof task1) => round(Math.min(1, (task1[k] - task0[k]) / wall), 3);
    const split = { script: share("script"), style: share("style"), layout: share("layout") };
    const cpu1 = await this.processCpu();
    const gaps = inPage.gaps.slice(1).sort((a, b) => a - b);
    const pct = (p: number) => gaps[Math.min(gaps.length - 1, Math.floor(p * gaps.length))] ?? 0;
    const wsFrames = this.ws.frames - ws0.frames;
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
      wsKiBPerSecond: round((this.ws.bytes - ws0.bytes) / 1024 / wall, 1),
      mainThreadBusy: share("task"),
      busy: {
        ...split,
        other: round(Math.max(0, share("task") - split.script - split.style - split.layout), 3),
      },
      rendererCpu: round((cpu1.renderer - cpu0.renderer) / wall, 3),
      gpuCpu: round((cpu1.gpu - cpu0.gpu) / wall, 3),
    };
  }

  /**
   * Stalls the tab: the debugger pauses its JavaScript, so nothing reads the WebSocket any more
   * and, through Chromium's flow control and TCP, the gateway's writes back up.
   */
  async pause(): Promise<void> {
    await this.cdp.send("Debugger.enable");
    const paused = new Promise<void>((r) => this.cdp.once("Debugger.paused", () => r()));
    await this.cdp.send("Debugger.pause");
    // The page runs JavaScript every frame (rAF, WebSocket messages), so the pause lands at once.
    await Promise.race([paused, new Promise((r) => setTimeout(r, 5000))]);
  }

  async resume(): Promise<void> {
    await this.cdp.send("Debugger.resume");
    await this.cdp.send("Debugger.disable");
  }

  /** The page's view after a stall: connected, still running, and what it drew. */
  state(): Promise<{ connection: string; run: string }> {
    return this.page.evaluate(() => {
      const st = (window as ZmqpWindow).__zmqp?.store.getState();
      return { connection: st?.connection ?? "none", run: st?.run.state ?? "none" };
    });
  }
}

export const round = (x: number, digits = 0) => Number(x.toFixed(digits));
