import { expect, test, E2E_TOKEN } from "./fixtures.js";
import { PlaygroundPage } from "./pages/PlaygroundPage.js";

test("switch the interface and the lesson to Traditional Chinese", async ({ playground: p }) => {
  await p.goto({ template: "01-hello-world" });
  await p.page.getByRole("combobox", { name: "Language" }).selectOption("zh-TW");
  await expect(p.page.getByTestId("toolbar.run")).toContainText("執行");
  await expect(p.page.getByRole("tab", { name: "課程" })).toBeVisible();
  await expect(p.page.locator("html")).toHaveAttribute("lang", "zh-TW");
  await expect(p.page.getByTestId("lesson")).toHaveAttribute("lang", "zh-TW");
  await p.run();
  await expect(p.status("server")).toHaveText("已綁定");
  await p.page.getByRole("button", { name: "終止 hwserver" }).click();
  await expect(p.status("server")).toHaveText("已終止");
  await p.shot("12-zh-TW");
  // The choice survives a reload.
  await p.page.reload();
  await expect(p.page.getByTestId("toolbar.run")).toContainText("執行");
});

test("a first visit opens in the browser's language; the person's pick then wins", async ({
  browser,
}) => {
  // A browser set to Traditional Chinese, and no choice made on this page yet.
  const ctx = await browser.newContext({ locale: "zh-TW", viewport: { width: 1280, height: 720 } });
  const p = new PlaygroundPage(await ctx.newPage(), E2E_TOKEN);
  await p.goto({ template: "01-hello-world" });
  await expect(p.page.locator("html")).toHaveAttribute("lang", "zh-TW");
  await expect(p.page.getByTestId("toolbar.run")).toContainText("執行");
  await expect(p.page.getByRole("tab", { name: "課程" })).toBeVisible();
  // English picked on the menu stays English after a reload, whatever the browser prefers.
  await p.page.getByRole("combobox", { name: "語言" }).selectOption("en");
  await expect(p.page.getByTestId("toolbar.run")).toContainText("Run");
  await p.page.reload();
  await expect(p.page.locator("html")).toHaveAttribute("lang", "en");
  await expect(p.page.getByTestId("toolbar.run")).toContainText("Run");
  await ctx.close();

  // Simplified Chinese is not Traditional: English, as for any language the playground lacks.
  const cn = await browser.newContext({ locale: "zh-CN" });
  const q = new PlaygroundPage(await cn.newPage(), E2E_TOKEN);
  await q.goto();
  await expect(q.page.locator("html")).toHaveAttribute("lang", "en");
  await cn.close();
});
