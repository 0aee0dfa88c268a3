/**
 * Issue 12: readable at any size, for any graph. Per viewport (1280x720, 1440x900, 1920x1080): a
 * template that has run for 5 s has no node over another and nodes as tall as before Run, the
 * mini map and the view controls cover no node, and the inspector of every node fits its panel.
 * The UI benchmark's 100-node stress graph at fit zoom on 1280x720: every name at least 11 px high,
 * not cut, no card over another. Zoomed out, nodes show rates (true to the counters) and no
 * particles; palette-added nodes land in view; L lays the graph out.
 * Screenshots: /tmp/shots/layout-*.png.
 */
import { writeFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { stressGraph } from "@zmqp/bench/stress-graph";
import { expect, test } from "./fixtures.js";
import type { PlaygroundPage } from "./pages/PlaygroundPage.js";

type Box = { id: string; x: number; y: number; w: number; h: number };

const VIEWPORTS = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
];

/** Every node's box on screen, px. */
function nodeBoxes(page: Page): Promise<Box[]> {
  return page.locator(".react-flow__node").evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return { id: el.getAttribute("data-id") ?? "", x: r.x, y: r.y, w: r.width, h: r.height };
    }),
  );
}

function overlaps(a: Omit<Box, "id">, b: Omit<Box, "id">): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

function pairsOverlapping(boxes: Box[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++)
      if (overlaps(boxes[i]!, boxes[j]!)) out.push(`${boxes[i]!.id} × ${boxes[j]!.id}`);
  return out;
}

async function boxOf(page: Page, selector: string): Promise<Omit<Box, "id"> | null> {
  const b = await page.locator(selector).first().boundingBox();
  return b && { x: b.x, y: b.y, w: b.width, h: b.height };
}

/** The canvas's zoom, read from React Flow's viewport. */
function zoom(page: Page): Promise<number> {
  return page.evaluate(() => {
    const w = window as unknown as { __zmqp: { flow: { getZoom(): number } } };
    return w.__zmqp.flow.getZoom();
  });
}

async function zoomTo(page: Page, z: number) {
  await page.evaluate(async (value) => {
    const w = window as unknown as { __zmqp: { flow: { zoomTo(z: number): Promise<boolean> } } };
    await w.__zmqp.flow.zoomTo(value);
  }, z);
  await expect.poll(() => zoom(page)).toBeCloseTo(z, 2);
}

type Store = {
  rateBase: { t: number } | null;
  counters: { nodes: Record<string, { sent: number; received: number }> };
  selection: { nodes: string[] };
  doc: { nodes: { id: string; position?: { x: number; y: number } }[] };
};

/** Reads the page's store (window.__zmqp, for tests): `read` runs in the page. */
function store<T>(page: Page, read: (s: Store) => T): Promise<T> {
  return page.evaluate(`(${read.toString()})(window.__zmqp.store.getState())`) as Promise<T>;
}

/** The engine time of the latest counters (every 500 ms while a graph runs). */
function engineTime(page: Page): Promise<number> {
  return store(page, (s) => s.rateBase?.t ?? 0);
}

/** Waits until the engine has run the graph for another `ms` of its own time. */
async function runFor(page: Page, ms: number) {
  await expect.poll(() => engineTime(page), { timeout: 20_000 }).toBeGreaterThan(0);
  const start = await engineTime(page);
  await expect
    .poll(async () => (await engineTime(page)) - start, { timeout: ms + 20_000 })
    .toBeGreaterThanOrEqual(ms);
}

/** Nothing drawn over a node: the mini map and the view controls sit off the canvas. */
async function expectNothingOverNodes(p: PlaygroundPage) {
  const boxes = await nodeBoxes(p.page);
  for (const sel of [".react-flow__minimap", ".react-flow__controls"]) {
    const over = await boxOf(p.page, sel);
    expect(over, `${sel} is on the page`).not.toBeNull();
    const hit = boxes.filter((b) => overlaps(b, over!)).map((b) => b.id);
    expect(hit, `${sel} covers`).toEqual([]);
  }
}

/** The side panel's content is no wider than the panel: nothing to scroll sideways. */
async function expectNoSideOverflow(page: Page, what: string) {
  const body = page.locator(".side-body");
  const { scroll, client } = await body.evaluate((el) => ({
    scroll: el.scrollWidth,
    client: el.clientWidth,
  }));
  expect(scroll, `${what}: content ${scroll} px in a ${client} px panel`).toBeLessThanOrEqual(
    client,
  );
}

/** Waits until the canvas has framed the document opened last (its fit has arrived). */
async function framed(p: PlaygroundPage) {
  const epoch = await p.page.evaluate(
    () =>
      (
        window as unknown as { __zmqp: { store: { getState(): { viewEpoch: number } } } }
      ).__zmqp.store.getState().viewEpoch,
  );
  expect(epoch).toBeGreaterThan(0);
  await expect(p.canvas).toHaveAttribute("data-framed", String(epoch));
}

async function openTemplate(p: PlaygroundPage, name: string) {
  await p.goto({ template: name });
  await expect(p.page.getByTestId("lesson.title")).toBeVisible();
  await framed(p);
}

for (const vp of VIEWPORTS) {
  const size = `${vp.width}x${vp.height}`;
  test.describe(`at ${size}`, () => {
    test.use({ viewport: vp });

    for (const name of ["01c-server-crash", "04-broker"]) {
      test(`${name} runs 5 s: no node over another, heights kept, nothing over nodes, the inspector fits`, async ({
        playground: p,
      }) => {
        await openTemplate(p, name);
        await p.page.getByRole("button", { name: "Map ▸" }).click();
        const before = await nodeBoxes(p.page);
        expect(pairsOverlapping(before)).toEqual([]);
        await p.run();
        await runFor(p.page, 5000);
        const after = await nodeBoxes(p.page);
        expect(pairsOverlapping(after), "overlapping nodes after 5 s").toEqual([]);
        for (const b of before)
          expect(after.find((a) => a.id === b.id)?.h, `${b.id}'s height`).toBeCloseTo(b.h, 0);
        await expectNothingOverNodes(p);
        await p.shot(`layout-${size}-${name}`);
        for (const b of after) {
          await p.node(b.id).locator(".zn-title").click();
          await expect(p.page.getByTestId("inspector.node")).toBeVisible();
          const snippets = p.page.getByTestId("inspector.snippets");
          if (await snippets.count()) await snippets.locator("summary").click();
          await expectNoSideOverflow(p.page, `inspector of ${b.id}`);
        }
        await p.shot(`layout-${size}-${name}-inspector`);
        // A link's inspector too, watching its bytes: the decoded table wraps in the panel.
        const link = await store(
          p.page,
          (s) => (s.doc as unknown as { links: { id: string }[] }).links[0]!.id,
        );
        const edge = p.page.locator(`.react-flow__edge[data-id="${link}"]`);
        await expect(async () => {
          const box = (await edge.boundingBox())!;
          await p.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
          await expect(p.page.getByTestId("inspector.link")).toBeVisible({ timeout: 1000 });
        }).toPass({ timeout: 10_000 });
        await p.page.getByTestId("wire.toggle").check();
        const rows = p.page.locator('[data-testid="wire.row"]');
        await expect(rows.nth(3)).toBeVisible({ timeout: 15_000 });
        await rows.nth(3).locator(".wire-summary").click();
        await expectNoSideOverflow(p.page, `inspector of link ${link}, watching the wire`);
        await p.shot(`layout-${size}-${name}-wire`);
      });
    }
  });
}

test.describe("a large graph", () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test("bench:ui's 100-node stress graph at fit zoom: every name is at least 11 px high and whole", async ({
    playground: p,
  }) => {
    const { doc } = stressGraph();
    const file = test.info().outputPath("stress.json");
    await writeFile(file, JSON.stringify(doc));
    await p.goto();
    await p.page.getByTestId("toolbar.file").setInputFiles(file);
    await expect(p.page.locator(".react-flow__node")).toHaveCount(doc.nodes.length);
    await framed(p);
    const z = await zoom(p.page);
    const names = await p.page.locator(".znc-name").evaluateAll((els) =>
      els.map((el) => ({
        text: el.textContent ?? "",
        font: parseFloat(getComputedStyle(el).fontSize),
        cut: el.scrollWidth > el.clientWidth,
        height: el.getBoundingClientRect().height,
      })),
    );
    expect(names).toHaveLength(doc.nodes.length);
    for (const n of names) {
      expect(n.font * z, `${n.text}: ${n.font} px at zoom ${z}`).toBeGreaterThanOrEqual(11);
      expect(n.height, n.text).toBeGreaterThanOrEqual(11);
      expect(n.cut, `${n.text} is cut`).toBe(false);
    }
    const boxes = await nodeBoxes(p.page);
    expect(pairsOverlapping(boxes)).toEqual([]);
    // All of it in view: fit means fit.
    const canvas = (await boxOf(p.page, ".react-flow"))!;
    for (const b of boxes) {
      expect(b.x, b.id).toBeGreaterThanOrEqual(canvas.x);
      expect(b.y + b.h, b.id).toBeLessThanOrEqual(canvas.y + canvas.h);
    }
    await expectNothingOverNodes(p);
    await p.shot("layout-1280x720-stress");
  });

  test("zoomed out, nodes and links show rates true to the counters, and no particles", async ({
    playground: p,
  }) => {
    await openTemplate(p, "11-high-water-mark");
    await p.run();
    await p.expectCountAbove("slow-sub", "received", 5);
    await zoomTo(p.page, 0.5);
    const rate = p.page.getByTestId("node.fast-pub.rate");
    await expect(rate).toBeVisible();
    // What the counters say over three seconds of engine time, beside what the card says.
    const total = () =>
      store(p.page, (s) => {
        const c = s.counters.nodes["fast-pub"]!;
        return { n: c.sent + c.received, t: s.rateBase?.t ?? 0 };
      });
    const a = await total();
    await expect
      .poll(async () => (await total()).t - a.t, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(3000);
    const b = await total();
    const expected = ((b.n - a.n) * 1000) / (b.t - a.t);
    expect(expected).toBeGreaterThan(20);
    const shown = Number(/([\d.]+)/.exec((await rate.textContent()) ?? "")?.[1]);
    expect(shown).toBeGreaterThan(expected * 0.6);
    expect(shown).toBeLessThan(expected * 1.4);
    await expect(
      p.page.locator('[data-testid^="link."][data-testid$=".rate"]').first(),
    ).toBeVisible();
    // No dots while zoomed out: the overlay's count stands still while messages flow.
    const drawn = await p.particlesDrawn();
    const received = await store(p.page, (s) => s.counters.nodes["slow-sub"]!.received);
    await expect
      .poll(() => store(p.page, (s) => s.counters.nodes["slow-sub"]!.received))
      .toBeGreaterThan(received + 20);
    expect(await p.particlesDrawn()).toBe(drawn);
    await p.shot("layout-1280x720-zoomed-out-rates");
    // Back above the level of detail: full nodes again. 11's links are too busy for one particle
    // per message (rateView.ts, queues.spec.ts), so each says its rate on the link instead.
    await zoomTo(p.page, 1);
    await expect(p.counters("fast-pub")).toBeVisible();
    await expect(
      p.page.locator('[data-testid^="link."][data-testid$=".busy"]').first(),
    ).toBeVisible();
  });

  test("palette-added nodes land in view; L lays the graph out", async ({ playground: p }) => {
    await openTemplate(p, "04-broker");
    await zoomTo(p.page, 1.6);
    const canvas = (await boxOf(p.page, ".react-flow"))!;
    for (const role of ["server", "client", "worker"]) {
      await p.page.getByTestId(`palette.${role}`).click();
      const id = await store(p.page, (s) => s.selection.nodes[0]!);
      await expect(async () => {
        const box = (await p.node(id).boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(canvas.x);
        expect(box.y).toBeGreaterThanOrEqual(canvas.y);
        expect(box.x + box.width).toBeLessThanOrEqual(canvas.x + canvas.w);
        expect(box.y + box.height).toBeLessThanOrEqual(canvas.y + canvas.h);
      }).toPass({ timeout: 5000 });
    }
    expect(pairsOverlapping(await nodeBoxes(p.page))).toEqual([]);
    const positions = () =>
      store(p.page, (s) => JSON.stringify(s.doc.nodes.map((n) => n.position)));
    const placed = await positions();
    await p.canvas.click({ position: { x: 5, y: 5 } });
    await p.page.keyboard.press("l");
    await expect.poll(positions).not.toBe(placed);
    await expect.poll(async () => pairsOverlapping(await nodeBoxes(p.page))).toEqual([]);
    await expect(p.page.getByTestId("toolbar.layout")).toHaveAttribute("aria-keyshortcuts", "L");
  });
});
