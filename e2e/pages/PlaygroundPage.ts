/** Page object for the playground: what a person sees and does, by role, name and dotted test id. */
import { expect, type Locator, type Page } from "@playwright/test";

export class PlaygroundPage {
  constructor(
    readonly page: Page,
    readonly token: string,
  ) {}

  async goto(params: Record<string, string> = {}) {
    const q = new URLSearchParams({ token: this.token, ...params });
    await this.page.goto(`/?${q}`);
    await expect(this.page.getByTestId("toolbar.run")).toBeVisible();
  }

  /** Opens the page in `locale`, as a person who picked that language before would. */
  async gotoIn(locale: "en" | "zh-TW", params: Record<string, string> = {}) {
    await this.page.addInitScript((l) => localStorage.setItem("zmqp.locale", l), locale);
    await this.goto(params);
    await expect(this.page.locator("html")).toHaveAttribute("lang", locale);
  }

  get canvas(): Locator {
    return this.page.getByTestId("canvas");
  }

  get runButton(): Locator {
    return this.page.getByRole("button", { name: /Run|執行/ });
  }

  get banner(): Locator {
    return this.page.getByTestId("banner.disconnected");
  }

  get particles(): Locator {
    return this.page.getByTestId("canvas.particles");
  }

  get toasts(): Locator {
    return this.page.getByTestId("toast");
  }

  node(id: string): Locator {
    return this.page.getByTestId(`node.${id}`);
  }

  status(id: string): Locator {
    return this.page.getByTestId(`node.${id}.status`);
  }

  counters(id: string): Locator {
    return this.page.getByTestId(`node.${id}.counters`);
  }

  socket(node: string, socket: string): Locator {
    return this.page.getByTestId(`node.${node}.socket.${socket}`);
  }

  /** Drags a palette item onto the canvas at a point relative to the canvas. */
  async dragRole(role: string, x: number, y: number) {
    await this.page
      .getByTestId(`palette.${role}`)
      .dragTo(this.canvas, { targetPosition: { x, y } });
  }

  /** Draws a link with the mouse, from one socket handle to another. */
  async connect(from: [string, string], to: [string, string]) {
    const a = await this.socket(...from).boundingBox();
    const b = await this.socket(...to).boundingBox();
    if (!a || !b) throw new Error("socket handle not on screen");
    const m = this.page.mouse;
    await m.move(a.x + a.width / 2, a.y + a.height / 2);
    await m.down();
    await m.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 8 });
    await m.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 8 });
    await m.up();
  }

  edges(): Locator {
    return this.page.locator(".react-flow__edge");
  }

  async run() {
    await this.page.getByTestId("toolbar.run").click();
    // A deploy on a loaded 2-core machine may take longer than expect's default 5 s.
    await expect(this.page.getByTestId("toolbar.state")).toHaveAttribute("class", /\bon\b/, {
      timeout: 15_000,
    });
  }

  /** Filters the event log (on an English page): to one node id, and to one event type if given. */
  async filterLog(node: string, type?: string) {
    await this.page.getByRole("combobox", { name: "Filter by node" }).selectOption(node);
    if (type !== undefined)
      await this.page.getByRole("combobox", { name: "Filter by event type" }).selectOption(type);
  }

  /**
   * A link label's counts as [forward (connect → bind), backward], read from the parts it shows
   * (e2e/truth.spec.ts checks that each part's arrow points from its sender).
   */
  async linkCounts(link: string): Promise<[number, number]> {
    const label = this.page.getByTestId(`link.${link}.label`);
    const part = async (dir: string) => {
      const el = label.locator(`span[data-dir="${dir}"]`);
      return (await el.count()) ? Number(((await el.textContent()) ?? "").replace(/\D/g, "")) : 0;
    };
    return [await part("forward"), await part("backward")];
  }

  /** The event log's row texts, filtered to one node (and an event type). */
  async logRows(node: string, type = "all"): Promise<string[]> {
    await this.filterLog(node, type);
    return this.page.locator(".eventlog .row .text").allTextContents();
  }

  /** A node counter read from the canvas (`sent` or `received`). */
  async count(id: string, which: "sent" | "received"): Promise<number> {
    const text = await this.page.getByTestId(`node.${id}.${which}`).textContent();
    return Number(text ?? "0");
  }

  async expectCountAbove(id: string, which: "sent" | "received", min: number, timeout = 15_000) {
    await expect.poll(() => this.count(id, which).catch(() => 0), { timeout }).toBeGreaterThan(min);
  }

  async particlesDrawn(): Promise<number> {
    return Number((await this.particles.getAttribute("data-drawn")) ?? "0");
  }

  /** Whether the particle overlay has any non-transparent pixel right now. */
  async overlayHasPixels(): Promise<boolean> {
    return this.particles.evaluate((el) => {
      const c = el as HTMLCanvasElement;
      const data = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
      for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return true;
      return false;
    });
  }

  /** The position of the recording the timeline shows (entries applied), -1 when live. */
  shownPosition(): Promise<number> {
    return this.page.evaluate(() => {
      const st = (
        window as unknown as {
          __zmqp: { store: { getState(): { replay: { position: number } | null } } };
        }
      ).__zmqp.store.getState();
      return st.replay?.position ?? -1;
    });
  }

  /** Whether the element's text runs past its box (drawn cut, with an ellipsis). */
  async isCut(el: Locator): Promise<boolean> {
    return el.evaluate((e) => e.scrollWidth > e.clientWidth);
  }

  async shot(name: string) {
    await this.page.screenshot({ path: `/tmp/shots/${name}.png` });
  }
}
