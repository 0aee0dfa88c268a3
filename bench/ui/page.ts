/**
 * The benchmark's side of the browser: one page on the gateway, a count of the WebSocket frames it
 * receives, the switches it is measured with (animation, rate view, zoom, dock: the store reached
 * through `window.__zmqp`) and the tab stalled and resumed. Frame-rate windows: fps.ts.
 */
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import type { Browser, CDPSession, Page } from "@playwright/test";
import { measureWindow, type FpsWindow, type WsCount } from "./fps.js";

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
    readonly browserCdp: CDPSession,
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

  /** Counts animation frames in the page for `ms` (fps.ts). */
  measure(ms: number): Promise<FpsWindow> {
    return measureWindow(this, ms);
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
