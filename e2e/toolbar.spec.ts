/**
 * The toolbar shows every control whole: at 1280x720 and 1440x900, in English and 繁體中文,
 * idle, running and in step mode, each button, select, link and label lies inside the viewport
 * and inside the toolbar, on one row, none squeezed onto two lines (a language menu cut off at
 * the right end, "執行中" one character a line, were both seen at 1440 px while running).
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures.js";

const VIEWPORTS = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
];
const LOCALES = ["en", "zh-TW"] as const;

type Placed = { id: string; left: number; right: number; top: number; bottom: number };

/** Every control of the toolbar (and its brand and run state), with its box on screen. */
function controls(page: Page): Promise<Placed[]> {
  return page.getByRole("toolbar").evaluate((bar) =>
    [...bar.querySelectorAll("button, select, a, .brand, .state")].map((el) => {
      const r = el.getBoundingClientRect();
      const id = el.getAttribute("data-testid") ?? el.textContent?.trim() ?? el.tagName;
      return { id, left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    }),
  );
}

/** Fails naming every control that pokes out of the viewport or the toolbar, or is squeezed. */
async function expectAllWhole(page: Page, vp: { width: number; height: number }, what: string) {
  const bar = (await page.getByRole("toolbar").boundingBox())!;
  // One row: 32 px controls and the toolbar's padding.
  expect(bar.height, `${what}: the toolbar is one row`).toBeLessThanOrEqual(50);
  const right = Math.min(vp.width, bar.x + bar.width) + 0.5;
  const found = await controls(page);
  expect(found.length, what).toBeGreaterThan(8);
  const bad = found
    .filter(
      (c) =>
        c.left < 0 ||
        c.top < bar.y - 0.5 ||
        c.right > right ||
        c.bottom > bar.y + bar.height + 0.5 ||
        c.right - c.left < 8 ||
        // Taller than a control: its text wrapped onto a second line.
        c.bottom - c.top > 36,
    )
    .map(
      (c) =>
        `${c.id} [${c.left.toFixed(0)}..${c.right.toFixed(0)} × ${c.top.toFixed(0)}..${c.bottom.toFixed(0)}]`,
    );
  expect(bad, `${what}: controls cut off or squeezed (right edge ${right.toFixed(0)})`).toEqual([]);
  expect(await clippedSelects(page), `${what}: a select's text cut`).toEqual([]);
}

/**
 * Selects with an option that would be drawn cut ("繁體中ㄆ" in an 80 px language menu): each
 * option's text, in the select's font, against the room the select leaves it beside its arrow.
 */
function clippedSelects(page: Page): Promise<string[]> {
  return page.getByRole("toolbar").evaluate((bar) => {
    const cut: string[] = [];
    for (const sel of bar.querySelectorAll("select")) {
      const style = getComputedStyle(sel);
      // Chromium's drop-down arrow takes about 20 px at the end of the box.
      const room =
        sel.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20;
      for (const option of sel.options) {
        const probe = document.createElement("span");
        probe.style.font = style.font;
        probe.style.whiteSpace = "pre";
        probe.style.position = "absolute";
        probe.textContent = option.textContent;
        document.body.append(probe);
        const text = probe.getBoundingClientRect().width;
        probe.remove();
        if (text > room)
          cut.push(
            `${sel.dataset.testid}: "${option.textContent}" ${text.toFixed(0)} px in ${room.toFixed(0)}`,
          );
      }
    }
    return cut;
  });
}

for (const vp of VIEWPORTS)
  for (const locale of LOCALES)
    test(`at ${vp.width}x${vp.height} in ${locale}: every toolbar control is whole, idle, running and in step mode`, async ({
      playground: p,
    }) => {
      await p.page.setViewportSize(vp);
      await p.gotoIn(locale, { template: "04-broker" });
      const size = `${vp.width}x${vp.height} ${locale}`;
      await expectAllWhole(p.page, vp, `${size} idle`);
      await p.run();
      await expect(p.page.getByTestId("toolbar.step.hold")).toBeVisible();
      await expectAllWhole(p.page, vp, `${size} running`);
      // Step mode's Next names a node and Held counts: the widest the toolbar gets.
      await p.page.getByTestId("toolbar.step.hold").click();
      await expect(p.page.getByTestId("toolbar.step.next")).toBeEnabled({ timeout: 10_000 });
      await expectAllWhole(p.page, vp, `${size} step mode`);
    });
