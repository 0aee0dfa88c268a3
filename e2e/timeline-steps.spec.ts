/**
 * The timeline's Back and Forward are enabled only when pressing them would move the view: not
 * with a log filter no row passes, not at the end of a run that has stopped. An enabled button
 * that does nothing says there is something to step to when there is not.
 */
import { expect, test } from "./fixtures.js";

test("Back and Forward are enabled only where there is something to step to", async ({
  playground: p,
}) => {
  const back = p.page.getByTestId("timeline.back");
  const forward = p.page.getByTestId("timeline.forward");
  const filterType = p.page.getByRole("combobox", { name: "Filter by event type" });
  await p.goto({ template: "01-hello-world" });
  await p.run();
  await p.expectCountAbove("client", "received", 1);

  // Live: nothing after now; Back goes into the run.
  await expect(back).toBeEnabled();
  await expect(forward).toBeDisabled();
  // Hello world drops nothing: the log filtered to drops has no row to step back to.
  await filterType.selectOption("drop");
  await expect(p.page.getByTestId("eventlog.rows").locator(".row")).toHaveCount(0);
  // The log says its rows are hidden, not that nothing has run.
  await expect(p.page.getByTestId("eventlog.empty")).toContainText(
    /^No row passes the filter: the log's \d+ events are hidden\./,
  );
  await expect(back).toBeDisabled();
  await p.page.setViewportSize({ width: 1440, height: 900 });
  await p.page.screenshot({ path: test.info().outputPath("timeline-steps-1440.png") });
  await filterType.selectOption("all");
  await expect(back).toBeEnabled();

  // Stopped, the recording ends: Back one event, Forward one, and Forward has nothing more.
  await p.page.getByTestId("toolbar.stop").click();
  await expect(p.page.getByTestId("toolbar.state")).not.toHaveAttribute("class", /\bon\b/);
  await back.click();
  await expect(p.page.getByTestId("timeline")).toHaveAttribute("data-state", "past");
  const last = (await p.shownPosition()) + 1;
  await expect(forward).toBeEnabled();
  await forward.click();
  await expect.poll(() => p.shownPosition()).toBe(last);
  await expect(forward).toBeDisabled();
  // The key does what the button says: nothing.
  await p.page.keyboard.press(".");
  await expect(p.page.getByTestId("timeline.event")).toContainText(`event ${last} of ${last}`);
  await expect(back).toBeEnabled();

  // In the past, a filter no row passes leaves nothing either way.
  await filterType.selectOption("drop");
  await expect(back).toBeDisabled();
  await expect(forward).toBeDisabled();
  await p.page.setViewportSize({ width: 1280, height: 720 });
  await p.page.screenshot({ path: test.info().outputPath("timeline-steps-1280.png") });
});
