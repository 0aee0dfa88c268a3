/**
 * Runs and the document: a new Run starts from zero, Stop leaves the last run's counters greyed,
 * an edit while running turns Run into "Apply changes" (only the changed node restarts), the URL's
 * template opens once (a reload keeps edits), and a page that opens while a graph runs says so.
 */
import { expect, test, E2E_TOKEN } from "./fixtures.js";
import { PlaygroundPage } from "./pages/PlaygroundPage.js";

test.describe("runs and the document", () => {
  test.beforeEach(async ({ page }) => page.setViewportSize({ width: 1280, height: 720 }));

  test("Stop keeps the last counters greyed; Run again starts counters, log and payloads at zero", async ({
    playground: p,
  }) => {
    await p.goto({ template: "01-hello-world" });
    await p.run();
    await p.expectCountAbove("client", "received", 3);
    await p.page.getByTestId("toolbar.stop").click();
    await expect(p.page.getByTestId("toolbar.state")).toHaveText("not running");
    const counters = p.counters("client");
    await expect(counters).toHaveAttribute("data-stale", "true");
    const last = await p.count("client", "sent");
    expect(last).toBeGreaterThan(3);
    await expect(p.node("client")).toContainText("last run (stopped)");
    await p.shot("runs-stopped-greyed");

    await p.run();
    await expect(counters).not.toHaveAttribute("data-stale", "true");
    await p.expectCountAbove("client", "received", 0);
    // From zero: fewer sends than the last run had, the first request says "Hello 1" again, and
    // none of the last run's rows is left in the log.
    expect(await p.count("client", "sent")).toBeLessThan(last);
    const rows = p.page.locator(".eventlog .row", { hasText: "request → Hello" });
    await expect(rows.first()).toContainText("request → Hello 1");
    await expect(p.page.locator(".eventlog .row", { hasText: `Hello ${last}` })).toHaveCount(0);

    await p.expectCountAbove("client", "received", 2);
    const before = await p.count("client", "sent");
    await expect(p.page.getByTestId("toolbar.run")).toHaveText("↻ Run again");
    await p.page.getByTestId("toolbar.run").click();
    await expect.poll(() => p.count("client", "sent")).toBeLessThan(before);
  });

  test("another template opened after Stop shows none of the last run: no counts, log rows or strip", async ({
    playground: p,
  }) => {
    // 02 and 06 both have a node "server": the last run's counts must not land on 06's, which
    // never ran (it binds every interface, so Run is refused without --allow-external).
    await p.goto({ template: "02-n-clients-1-server" });
    await p.run();
    await p.expectCountAbove("server", "received", 3);
    await p.page.getByTestId("toolbar.stop").click();
    await expect(p.page.getByTestId("toolbar.state")).toHaveText("not running");
    await expect(p.counters("server")).toHaveAttribute("data-stale", "true");
    await expect(p.page.getByTestId("timeline")).toBeVisible();

    await p.page.getByTestId("toolbar.templates").click();
    await p.page.getByTestId("template.06-cross-machine").click();
    await expect(p.page.getByTestId("lesson")).toContainText("06");
    await expect(p.node("server")).toBeVisible();
    await expect(p.counters("server")).toHaveCount(0);
    await expect(p.node("server")).not.toContainText("last run");
    await expect(p.page.locator(".eventlog .row")).toHaveCount(0);
    await expect(p.page.getByText("Press Run: events appear here.")).toBeVisible();
    await expect(p.page.getByTestId("timeline")).toHaveCount(0);
    await p.shot("runs-other-template-after-stop");
    // Refused (an external bind), the graph still has run nothing: still no counts on it.
    await p.page.getByTestId("toolbar.run").click();
    await expect(p.page.getByText("Run refused: fix these first")).toBeVisible();
    await p.page.getByRole("button", { name: "Close" }).click();
    await expect(p.counters("server")).toHaveCount(0);
  });

  test("an edit while running shows Apply changes; applying restarts only the changed node", async ({
    playground: p,
  }) => {
    await p.goto({ template: "01-hello-world" });
    await p.run();
    await p.expectCountAbove("client", "received", 2);
    await p.node("server").click();
    await p.page.getByTestId("side.inspector").click();
    await p.page.locator("#param-server-text").fill("Earth");
    const run = p.page.getByTestId("toolbar.run");
    await expect(run).toHaveAttribute("data-mode", "apply");
    await expect(run).toHaveText("▶ Apply changes");
    await expect(run).toHaveAttribute("title", /restart only server,/);
    // The edited node is not what runs: it says so instead of showing the old server's state.
    await expect(p.page.getByTestId("node.server.edited")).toBeVisible();
    await expect(p.status("server")).toHaveCount(0);
    await p.shot("runs-apply-changes");
    const sent = await p.count("client", "sent");
    await run.click();
    await expect(run).toHaveAttribute("data-mode", "again");
    await expect(p.page.getByTestId("node.server.edited")).toHaveCount(0);
    // The server restarted with its new reply; the client kept running and kept its counters.
    await expect(p.node("client")).toContainText(/"Hello \d+" → "Earth"/, { timeout: 10_000 });
    expect(await p.count("client", "sent")).toBeGreaterThanOrEqual(sent);
  });

  test("/?template= opens once: a reload keeps an added node", async ({ playground: p }) => {
    await p.goto({ template: "01-hello-world" });
    await expect(p.node("server")).toBeVisible();
    await p.dragRole("server", 400, 420);
    await expect(p.page.locator(".react-flow__node")).toHaveCount(3);
    // Autosave writes a moment after the edit.
    await expect
      .poll(() =>
        p.page.evaluate(
          () => (localStorage.getItem("zmqp.graph.v1") ?? "").split('"role"').length - 1,
        ),
      )
      .toBe(3);
    await p.page.reload();
    await expect(p.page.getByTestId("toolbar.run")).toBeVisible();
    await expect(p.page.locator(".react-flow__node")).toHaveCount(3);
    expect(p.page.url()).toContain("template=01-hello-world");
  });

  test("a page that opens while a graph runs says so, and offers to view a different one", async ({
    playground: p,
    browser,
  }) => {
    await p.goto({ template: "01-hello-world" });
    await p.run();
    await p.expectCountAbove("client", "received", 0);
    // The same graph (this person's, after closing the tab): it still runs, and the page says so.
    const again = new PlaygroundPage(await p.page.context().newPage(), E2E_TOKEN);
    await p.page.close();
    await again.goto();
    await expect(again.page.getByTestId("running.notice")).toHaveAttribute("data-kind", "same");
    await expect(again.page.getByTestId("running.notice")).toContainText(
      "This graph is still running in the gateway",
    );
    await again.expectCountAbove("client", "received", 1);

    // Someone else's page with its own graph: it is kept, and the running one is one click away.
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const other = new PlaygroundPage(await ctx.newPage(), E2E_TOKEN);
    await other.goto({ template: "08-pub-sub" });
    await expect(other.node("publisher")).toBeVisible();
    const notice = other.page.getByTestId("running.notice");
    await expect(notice).toHaveAttribute("data-kind", "differs");
    // Its nodes are not what runs: no live state or counters borrowed from the running graph.
    await expect(other.page.getByTestId("node.publisher.edited")).toBeVisible();
    await other.shot("runs-second-tab-differs");
    await notice.getByTestId("running.view").click();
    await expect(other.node("client")).toBeVisible();
    await expect(other.node("publisher")).toHaveCount(0);
    await other.expectCountAbove("client", "received", 1);
    await ctx.close();
  });
});
