import { expect, test } from "./fixtures.js";

test.describe("ZeroMQ's rules as you draw", () => {
  // Protocol's link rules (link-rules.ts) refuse the link; the page says why in the reader's language.
  const REFUSALS = {
    en: { incompatible: "REQ cannot talk to PUB", already: "these two sockets are already linked" },
    "zh-TW": { incompatible: "REQ 無法和 PUB 通訊", already: "這兩個通訊端已經連在一起了" },
  };
  for (const [locale, says] of Object.entries(REFUSALS)) {
    test(`a link the rules refuse says why (${locale})`, async ({ playground: p }) => {
      await p.goto();
      await p.page.getByTestId("toolbar.locale").selectOption(locale);
      await expect(p.page.locator("html")).toHaveAttribute("lang", locale);
      await p.dragRole("client", 180, 120);
      await p.dragRole("publisher", 560, 120);
      await p.dragRole("server", 560, 330);
      await p.connect(["client", "req"], ["publisher", "pub"]);
      await expect(p.toasts.last()).toContainText(says.incompatible);
      await expect(p.edges()).toHaveCount(0);
      await p.shot(`05-refused-${locale}`);
      await p.connect(["client", "req"], ["server", "rep"]);
      await expect(p.edges()).toHaveCount(1);
      await p.connect(["client", "req"], ["server", "rep"]);
      await expect(p.toasts.last()).toContainText(says.already);
      await expect(p.edges()).toHaveCount(1);
    });
  }

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

  test("the inspector's params form follows the behaviour's schema", async ({ playground: p }) => {
    await p.goto();
    await p.dragRole("server", 300, 200);
    await p.node("server").click();
    // Built with z.toJSONSchema: the enum's options and default, a number's bounds, the description.
    const reply = p.page.locator("#param-server-reply");
    await expect(reply).toHaveValue("prefix");
    await expect(reply.locator("option")).toHaveText([
      "echo",
      "upper-case",
      "prefix",
      "fixed text",
    ]);
    const delay = p.page.locator("#param-server-delayMs");
    await expect(delay).toHaveValue("0");
    await expect(delay).toHaveAttribute("min", "0");
    await expect(delay).toHaveAttribute("max", "60000");
    await expect(delay).toHaveAttribute("step", "1");
    await expect(p.page.getByTestId("inspector.node")).toContainText("processing delay, ms");
    await reply.selectOption("upper");
    await delay.fill("250");
    await p.page.locator("#param-server-text").fill("Earth");
    await p.shot("params-form");
    const params = await p.page.evaluate(
      () =>
        (
          window as unknown as {
            __zmqp: { store: { getState(): { doc: { nodes: { params: unknown }[] } } } };
          }
        ).__zmqp.store.getState().doc.nodes[0]?.params,
    );
    expect(params).toEqual({ reply: "upper", delayMs: 250, text: "Earth" });
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
