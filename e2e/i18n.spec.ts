import { expect, test } from "./fixtures.js";

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
