/**
 * Issue 12: a reader of Traditional Chinese meets no English prose. With the page in 繁體中文 this
 * reads what a person sees (text, options, tooltips, labels) on the welcome card, every template's
 * lesson and canvas, the inspector of every role, a running graph's nodes and event log, a
 * message, the wire view, a refused link and a refused Run, and fails on any English word outside
 * the allow-list of technical terms and the document's own names (e2e/english.ts).
 */
import type { Locator, Page } from "@playwright/test";
import { docNames, englishIn, readable } from "./english.js";
import { expect, test } from "./fixtures.js";
import type { PlaygroundPage } from "./pages/PlaygroundPage.js";

const TEMPLATES = [
  "01-hello-world",
  "01b-client-first",
  "01c-server-crash",
  "02-n-clients-1-server",
  "03-n-clients-m-servers-failed",
  "04-broker",
  "05-raw-tcp-stream",
  "05b-raw-tcp-to-rep",
  "06-cross-machine",
  "07-cross-machine-broker",
  "08-pub-sub",
  "09-pipeline",
  "10-transports",
  "11-high-water-mark",
  "12-pubsub-proxy",
  "13-slow-consumer",
  "14-router-unknown-peer",
];

/** Opens the page in Traditional Chinese, as a person who picked it before would. */
function openInChinese(p: PlaygroundPage, params: Record<string, string> = {}) {
  return p.gotoIn("zh-TW", params);
}

/** Fails with every English word found in `where`, and where it was. */
async function expectNoEnglish(page: Page, where: Locator, what: string) {
  const [text, names] = await Promise.all([readable(where), docNames(page.locator("body"))]);
  const found = englishIn(text, names);
  expect(found, `${what}: ${found.map((f) => `"${f.word}" in …${f.context}…`).join("\n")}`).toEqual(
    [],
  );
  // The check read something: an empty screen would pass any test.
  expect(text.replace(/\s+/g, "").length, what).toBeGreaterThan(8);
}

test.describe("繁體中文 everywhere", () => {
  test.setTimeout(120_000);

  test("the welcome card, the templates menu, and every template's lesson and canvas", async ({
    playground: p,
  }) => {
    await openInChinese(p);
    await expect(p.page.getByTestId("welcome.template.04-broker")).toBeVisible();
    await expectNoEnglish(p.page, p.page.getByTestId("welcome"), "welcome card");
    await expectNoEnglish(p.page, p.page.getByRole("toolbar"), "toolbar");
    await expectNoEnglish(p.page, p.page.getByTestId("palette"), "palette");
    await p.shot("zh-TW-welcome");
    for (const name of TEMPLATES) {
      await p.page.getByTestId("toolbar.templates").click();
      const menu = p.page.getByRole("menu");
      await expectNoEnglish(p.page, menu, "templates menu");
      await p.page.getByTestId(`template.${name}`).click();
      const lesson = p.page.getByTestId("lesson");
      await expect(lesson).toHaveAttribute("lang", "zh-TW");
      await expect(p.page.getByTestId("lesson.title")).toContainText(name.split("-")[0]!);
      await expect(p.page.locator(".react-flow__node").first()).toBeVisible();
      await expectNoEnglish(p.page, lesson, `lesson of ${name}`);
      await expectNoEnglish(p.page, p.page.locator(".react-flow"), `canvas of ${name}`);
    }
    await p.shot("zh-TW-lesson-12");
  });

  test("the inspector of every role, a refused link and a link's inspector", async ({
    playground: p,
  }) => {
    await openInChinese(p);
    // A link ZeroMQ refuses says why, in Chinese.
    await p.dragRole("client", 160, 140);
    await p.dragRole("publisher", 520, 140);
    await p.connect(["client", "req"], ["publisher", "pub"]);
    await expect(p.toasts.first()).toContainText("REQ 無法和 PUB 通訊");
    await expectNoEnglish(p.page, p.toasts.first(), "refused link");

    const roles = await p.page
      .locator('[data-testid^="palette."]')
      .evaluateAll((els) =>
        els.map((e) => e.getAttribute("data-testid")!.slice("palette.".length)),
      );
    expect(roles.length).toBeGreaterThanOrEqual(14);
    const side = p.page.getByTestId("side");
    for (const role of roles) {
      await p.page.getByTestId(`palette.${role}`).click();
      const inspector = p.page.getByTestId("inspector.node");
      await expect(inspector).toBeVisible();
      const snippets = p.page.getByTestId("inspector.snippets");
      if (await snippets.count()) await snippets.locator("summary").click();
      await expectNoEnglish(p.page, side, `inspector of a ${role}`);
    }
    await expectNoEnglish(p.page, p.page.locator(".react-flow"), "canvas with every role");
    await p.shot("zh-TW-every-role");

    // The keyboard way to link, then the link's inspector with its wire panel.
    await p.page.getByRole("button", { name: "把整張圖放進畫面" }).click();
    await p.node("client").locator(".zn-title, .znc-name").click();
    await p.page.getByRole("combobox", { name: "連線到" }).selectOption({ index: 1 });
    await p.page.getByRole("button", { name: "連線", exact: true }).click();
    await expect(p.edges()).toHaveCount(1);
    const edge = p.page.locator(".react-flow__edge").first();
    await expect(async () => {
      const box = await edge.boundingBox();
      if (!box) throw new Error("no link on screen");
      await p.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await expect(p.page.getByTestId("inspector.link")).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 10_000 });
    await expectNoEnglish(p.page, side, "link inspector");
  });

  test("a running graph: nodes, the event log with timeline notes, a message, the wire view", async ({
    playground: p,
  }) => {
    await openInChinese(p, { template: "01c-server-crash" });
    await p.run();
    // Past the crash and the restart: the plain client ends stuck, the pirate is served again.
    await expect(p.status("plain-client")).toHaveText("卡住", { timeout: 15_000 });
    await expect(p.status("server")).toHaveText("已綁定", { timeout: 15_000 });
    const log = p.page.getByTestId("eventlog");
    await expect(log.locator(".row.ev-timeline")).not.toHaveCount(0);
    await expect(log.locator(".row.ev-log").first()).toBeVisible();
    await expectNoEnglish(p.page, p.page.locator(".react-flow"), "running nodes");
    await expectNoEnglish(p.page, log, "event log");
    await log.locator(".row.ev-message").first().click();
    await expect(p.page.getByTestId("messageview").locator(".frame").first()).toBeVisible();
    await expectNoEnglish(p.page, p.page.getByTestId("messageview"), "message view");
    await p.node("plain-client").locator(".zn-title").click();
    await expectNoEnglish(p.page, p.page.getByTestId("side"), "inspector while running");
    await p.shot("zh-TW-running-01c");

    await p.page.getByTestId("toolbar.stop").click();
    await p.page.getByTestId("toolbar.templates").click();
    await p.page.getByTestId("template.01-hello-world").click();
    await expect(p.node("server")).toBeVisible();
    const edge = p.page.locator('.react-flow__edge[data-id="client-server"]');
    const wire = p.page.getByRole("region", { name: "線路（ZMTP）" });
    await expect(async () => {
      const box = await edge.boundingBox();
      if (!box) throw new Error("no link on screen");
      await p.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await p.page.getByTestId("side.inspector").click();
      await expect(wire).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 10_000 });
    await p.page.getByRole("checkbox", { name: "觀察線路" }).check();
    await p.run();
    const table = p.page.getByTestId("wire.table");
    await expect(table.locator('[data-testid="wire.row"]').nth(5)).toBeVisible({ timeout: 15_000 });
    await table.locator(".wire-summary").first().click();
    await expectNoEnglish(p.page, wire, "wire view");
    await p.shot("zh-TW-wire");
  });

  test("a refused Run lists what to fix, in Chinese", async ({ playground: p }) => {
    // 07 binds every interface: without --allow-external the gateway's rules refuse it.
    await openInChinese(p, { template: "07-cross-machine-broker" });
    await expect(p.node("broker")).toBeVisible();
    await p.page.getByTestId("toolbar.run").click();
    const dialog = p.page.getByRole("alertdialog");
    await expect(dialog).toContainText("ZMQP_ERR_EXTERNAL_BIND");
    await expectNoEnglish(p.page, dialog, "refused Run");
    await p.shot("zh-TW-run-refused");
    await dialog.getByRole("button", { name: "關閉" }).click();

    // A bad port: the endpoint's reason, nested in the diagnostic, is Chinese too.
    await p.node("broker").locator(".zn-title").click();
    await p.page.getByTestId("inspector.bind.frontend.0").fill("127.0.0.1:70000");
    await expect(p.page.getByTestId("node.broker.diagnostics")).toContainText("超出 1-65535");
    await expectNoEnglish(p.page, p.page.getByTestId("side"), "inspector with errors");
  });

  test("a setting out of range says what to fix in Chinese (not the schema library's English)", async ({
    playground: p,
  }) => {
    await openInChinese(p, { template: "01-hello-world" });
    await p.node("client").locator(".zn-title").click();
    await p.page.getByTestId("side.inspector").click();
    await p.page.locator("#param-client-intervalMs").fill("-5");
    const diagnostics = p.page.getByTestId("node.client.diagnostics");
    await expect(diagnostics).toContainText("間隔（毫秒）：至少要是 0");
    await expectNoEnglish(p.page, diagnostics, "a setting out of range");
    await p.page.getByTestId("toolbar.run").click();
    const dialog = p.page.getByRole("alertdialog");
    await expect(dialog).toContainText("至少要是 0");
    await expectNoEnglish(p.page, dialog, "refused Run for a setting");
  });
});
