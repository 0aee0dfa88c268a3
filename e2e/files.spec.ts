import { readFile } from "node:fs/promises";
import { expect, test } from "./fixtures.js";

test.describe("keeping a graph", () => {
  test("autosave: the graph survives a reload", async ({ playground: p }) => {
    await p.goto();
    await p.dragRole("client", 180, 160);
    await p.dragRole("server", 560, 160);
    await p.connect(["client", "req"], ["server", "rep"]);
    await expect(p.edges()).toHaveCount(1);
    await p.page.waitForTimeout(500);
    await p.page.reload();
    await expect(p.node("client")).toBeVisible();
    await expect(p.node("server")).toBeVisible();
    await expect(p.edges()).toHaveCount(1);
  });

  test("save as a JSON file (Ctrl+S) and open it again", async ({ playground: p }, info) => {
    await p.goto({ template: "04-broker" });
    await expect(p.node("broker")).toBeVisible();
    await p.canvas.click({ position: { x: 30, y: 30 } });
    const [download] = await Promise.all([
      p.page.waitForEvent("download"),
      p.page.keyboard.press("Control+s"),
    ]);
    const file = info.outputPath("graph.json");
    await download.saveAs(file);
    const saved = JSON.parse(await readFile(file, "utf8")) as { nodes: { id: string }[] };
    expect(saved.nodes.map((n) => n.id)).toContain("broker");

    await p.page.getByTestId("palette.publisher").click();
    await expect(p.node("publisher")).toBeVisible();
    await p.page.getByTestId("toolbar.file").setInputFiles(file);
    await expect(p.node("publisher")).toHaveCount(0);
    await expect(p.node("broker")).toBeVisible();
    await expect(p.edges()).toHaveCount(4);
  });
});
