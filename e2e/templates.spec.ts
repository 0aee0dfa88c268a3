import { expect, test } from "./fixtures.js";

test.describe("templates", () => {
  test("/?template=01-hello-world opens the template with its lesson, and it runs", async ({
    playground: p,
  }) => {
    await p.goto({ template: "01-hello-world" });
    await expect(p.node("client")).toBeVisible();
    await expect(p.node("server")).toBeVisible();
    await expect(p.edges()).toHaveCount(1);
    await expect(p.page.getByTestId("lesson")).toContainText(/REQ/);
    // The token leaves the address bar; the template name stays.
    expect(p.page.url()).not.toContain("token=");
    await p.run();
    await p.expectCountAbove("client", "received", 1);
    await expect.poll(() => p.particlesDrawn(), { timeout: 10_000 }).toBeGreaterThan(0);
    await p.shot("07-template-running");
  });

  test("the templates menu lists scenarios/ and opens one", async ({ playground: p }) => {
    await p.goto();
    await p.page.getByTestId("toolbar.templates").click();
    const item = p.page.getByRole("menuitem", { name: /04 · Broker/ });
    await expect(item).toBeVisible();
    await p.shot("08-templates-menu");
    await item.click();
    await expect(p.node("broker")).toBeVisible();
    await expect(p.edges()).toHaveCount(4);
    await p.run();
    await p.expectCountAbove("worker-1", "received", 0);
    await p.page.getByTestId("toolbar.layout").click();
    await p.shot("09-broker-running");
  });
});
