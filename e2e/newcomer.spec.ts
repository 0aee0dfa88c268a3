/**
 * What a newcomer meets at 1280x720 and 1440x900, in English and 繁體中文, drawn whole and looking
 * like what it is: every role's name in the palette ("STREAM ser…" and "Raw TCP clie…" were cut),
 * the link inspector naming its link as the log does, with buttons a button's width (stretched
 * across the panel, "Cut link" read as a text field), Attach drawn like the buttons beside it, and
 * the timeline's Live drawn on while live (faded, it read as "live is off").
 */
import { expect, test } from "./fixtures.js";

const VIEWPORTS = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
];

for (const vp of VIEWPORTS)
  for (const locale of ["en", "zh-TW"] as const)
    test(`at ${vp.width}x${vp.height} in ${locale}: palette names whole, the link inspector names its link, buttons look like buttons`, async ({
      playground: p,
    }) => {
      await p.page.setViewportSize(vp);
      await p.gotoIn(locale, { template: "04-broker" });
      const cut = await p.page
        .locator(".palette-name")
        .evaluateAll((els) =>
          els.filter((el) => el.scrollWidth > el.clientWidth).map((el) => el.textContent),
        );
      expect(cut, "palette names cut").toEqual([]);
      await expect(p.page.getByTestId("toolbar.attach")).toHaveCSS("text-decoration-line", "none");

      await p.run();
      // Live while it is live: drawn on, not faded like a control that is off.
      const live = p.page.getByTestId("timeline.live");
      await expect(live).toHaveAttribute("aria-pressed", "true");
      await expect(live).toHaveCSS("opacity", "1");
      await expect(live.locator(".live-dot")).toHaveCSS("color", "rgb(22, 163, 74)");
      const edge = p.page.locator('.react-flow__edge[data-id="c1-frontend"]');
      await expect(async () => {
        const b = (await edge.boundingBox())!;
        await p.page.mouse.click(b.x + b.width / 2, b.y + b.height / 2);
        await expect(p.page.getByTestId("inspector.link")).toBeVisible({ timeout: 1000 });
      }).toPass({ timeout: 10_000 });
      await expect(p.page.getByTestId("inspector.link.id")).toHaveText("c1-frontend");
      const panel = (await p.page.getByTestId("inspector.link").boundingBox())!;
      for (const id of ["link.c1-frontend.cut", "queue.open"]) {
        const button = (await p.page.getByTestId(id).boundingBox())!;
        expect(
          button.width,
          `${id} is ${button.width} px of a ${panel.width} px panel`,
        ).toBeLessThan(panel.width * 0.6);
      }
    });
