import { expect, test } from "./fixtures.js";

test.describe("ZeroMQ's rules as you draw", () => {
  test("an incompatible link is refused with its reason", async ({ playground: p }) => {
    await p.goto();
    await p.dragRole("client", 180, 160);
    await p.dragRole("publisher", 560, 160);
    await p.connect(["client", "req"], ["publisher", "pub"]);
    await expect(p.toasts.first()).toContainText("REQ cannot talk to PUB");
    await expect(p.edges()).toHaveCount(0);
    await p.shot("05-refused");
  });

  test("a duplicate bind is flagged on the node, a bad port refuses Run", async ({
    playground: p,
  }) => {
    await p.goto();
    await p.dragRole("server", 200, 120);
    await p.dragRole("server", 200, 330);
    const bind = p.page.getByTestId("inspector.bind.rep.0");
    await bind.fill("127.0.0.1:5555");
    await expect(p.page.getByTestId("node.server-2.diagnostics")).toContainText(
      "Address already in use",
    );
    await bind.fill("127.0.0.1:70000");
    await expect(p.page.getByTestId("node.server-2.diagnostics")).toContainText("outside 1-65535");
    await p.page.getByTestId("toolbar.run").click();
    const dialog = p.page.getByRole("alertdialog");
    await expect(dialog).toContainText("ZMQP_ERR_BAD_PORT");
    await p.shot("06-run-refused");
    await dialog.getByRole("button", { name: "Close" }).click();
    await expect(p.page.getByTestId("toolbar.state")).toHaveText("not running");
  });

  test("undo and redo, delete with the keyboard", async ({ playground: p }) => {
    await p.goto();
    await p.dragRole("client", 200, 160);
    await p.dragRole("server", 560, 160);
    await p.node("server").click();
    await p.page.keyboard.press("Delete");
    await expect(p.node("server")).toHaveCount(0);
    await p.page.keyboard.press("Control+z");
    await expect(p.node("server")).toBeVisible();
    await p.page.keyboard.press("Control+Shift+z");
    await expect(p.node("server")).toHaveCount(0);
  });
});
