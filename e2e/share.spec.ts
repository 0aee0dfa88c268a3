/**
 * Share a graph by link: a 50-node graph goes into the link's fragment and comes back whole in
 * another tab; a page with a graph of its own asks before replacing it; a changed link is refused
 * with a clear message and nothing of the person's graph is lost.
 */
import { readFile } from "node:fs/promises";
import type { Locator, Page } from "@playwright/test";
import { docNames, englishIn, readable } from "./english.js";
import { E2E_TOKEN, expect, test } from "./fixtures.js";

/** What the test reads of a document (e2e does not import the workspace packages). */
interface GraphDoc {
  nodes: { id: string }[];
}

/** A server and 49 clients, laid out on a grid (positions kept, so nothing is re-laid-out). */
function fiftyNodes(): object {
  const clients = Array.from({ length: 49 }, (_, i) => ({
    id: `client-${i + 1}`,
    role: "client",
    label: `客戶端 ${i + 1}`,
    sockets: [{ id: "req", type: "REQ" }],
    params: { intervalMs: 1000 + i, payload: `job {n} from ${i + 1}` },
    position: { x: 320 + (i % 7) * 230, y: Math.floor(i / 7) * 150 },
  }));
  return {
    version: 1,
    name: "fifty",
    nodes: [
      {
        id: "server",
        role: "server",
        sockets: [{ id: "rep", type: "REP", bind: ["tcp://127.0.0.1:5555"] }],
        position: { x: 0, y: 450 },
      },
      ...clients,
    ],
    links: clients.map((c) => ({
      id: `l-${c.id}`,
      from: { node: c.id, socket: "req" },
      to: { node: "server", socket: "rep" },
    })),
  };
}

const docOf = (page: Page) =>
  page.evaluate(
    () =>
      (
        window as unknown as { __zmqp: { store: { getState(): { doc: GraphDoc } } } }
      ).__zmqp.store.getState().doc,
  );
const savedOf = (page: Page) =>
  page.evaluate(
    () => JSON.parse(localStorage.getItem("zmqp.graph.v1") ?? "null") as GraphDoc | null,
  );

test("a 50-node graph round-trips through a share link; a changed link is refused", async ({
  playground: p,
  browser,
}, info) => {
  await p.goto();
  await p.page.getByTestId("toolbar.file").setInputFiles({
    name: "fifty.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(fiftyNodes())),
  });
  await expect(p.node("client-49")).toBeAttached();
  const original = await docOf(p.page);
  expect(original.nodes).toHaveLength(50);

  await p.page.getByTestId("toolbar.share").click();
  const link = await p.page.getByTestId("share.link").inputValue();
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#graph=1\.[0-9a-f]{8}\.[A-Za-z0-9_-]+$/);
  expect(link).not.toContain(E2E_TOKEN);
  await expect(p.page.getByTestId("share.status")).toContainText(`${link.length}`);

  // Another person's fresh browser: no graph of their own, so it opens at once.
  const other = await browser.newContext();
  try {
    const page = await other.newPage();
    const { hash } = new URL(link);
    await page.goto(`/?token=${E2E_TOKEN}${hash}`);
    await expect(page.getByTestId("node.client-49")).toBeAttached();
    await expect(page.getByTestId("toast")).toContainText("Opened the graph from the link");
    await expect(page.getByTestId("share.pending")).toHaveCount(0);
    expect(await docOf(page)).toEqual(original);
    // The link is read once: the address bar no longer carries the graph.
    expect(new URL(page.url()).hash).toBe("");

    // A page with a graph of its own: the shared graph is shown, theirs kept until they choose.
    await page.goto(`/?template=04-broker`);
    await expect(page.getByTestId("node.broker")).toBeVisible();
    await expect
      .poll(async () => (await savedOf(page))?.nodes.map((n) => n.id))
      .toContain("broker");
    await page.goto(link);
    await expect(page.getByTestId("share.pending")).toBeVisible();
    await expect(page.getByTestId("node.client-49")).toBeAttached();
    await expect(page.getByTestId("node.broker")).toHaveCount(0);
    expect((await savedOf(page))?.nodes.map((n) => n.id)).toContain("broker");
    await page.screenshot({ path: info.outputPath("share-pending.png") });
    await page.getByTestId("share.back").click();
    await expect(page.getByTestId("node.broker")).toBeVisible();
    await expect(page.getByTestId("share.pending")).toHaveCount(0);

    await page.goto(link);
    await page.getByTestId("share.keep").click();
    await expect(page.getByTestId("share.pending")).toHaveCount(0);
    await page.reload();
    await expect(page.getByTestId("node.client-49")).toBeAttached();
    expect(await docOf(page)).toEqual(original);

    // One character of the graph changed: refused, said plainly, the graph on screen untouched.
    const at = link.length - 30;
    const changed = link.slice(0, at) + (link[at] === "A" ? "B" : "A") + link.slice(at + 1);
    await page.goto(changed);
    await expect(page.getByRole("alert")).toContainText(
      "This share link cannot be opened: it was changed after it was made",
    );
    await expect(page.getByTestId("share.pending")).toHaveCount(0);
    expect(await docOf(page)).toEqual(original);
    // Cut short (as a mail program might): refused as incomplete.
    await page.goto(link.slice(0, link.length - 200));
    await expect(page.getByRole("alert").last()).toContainText("it is incomplete");
    expect(await docOf(page)).toEqual(original);
  } finally {
    await other.close();
  }
});

test("Share says what the link is, at 1280x720 and 1440x900", async ({ playground: p }, info) => {
  for (const size of [
    { width: 1280, height: 720 },
    { width: 1440, height: 900 },
  ]) {
    await p.page.setViewportSize(size);
    await p.goto({ template: "04-broker" });
    await p.page.getByTestId("toolbar.share").click();
    await expect(p.page.getByTestId("share.link")).toBeVisible();
    await expect(p.page.getByRole("dialog")).toContainText("never send that part to a server");
    await p.page.getByTestId("share.copy").click();
    await expect(p.page.getByTestId("share.status")).toHaveText(
      /Link copied|The browser did not allow copying/,
    );
    await p.page.screenshot({ path: info.outputPath(`share-${size.width}.png`) });
  }
});

test("in 繁體中文: the Share dialog, the choice over one's own graph, and a refused link", async ({
  playground: p,
}, info) => {
  const noEnglish = async (where: Locator, what: string) => {
    const [text, names] = await Promise.all([readable(where), docNames(p.page.locator("body"))]);
    expect(englishIn(text, names), what).toEqual([]);
    expect(text.replace(/\s+/g, "").length, what).toBeGreaterThan(8);
  };
  await p.page.addInitScript(() => localStorage.setItem("zmqp.locale", "zh-TW"));
  await p.goto({ template: "04-broker" });
  await expect(p.node("broker")).toBeVisible();
  await p.page.getByTestId("toolbar.share").click();
  const link = await p.page.getByTestId("share.link").inputValue();
  await noEnglish(p.page.getByRole("dialog"), "share dialog");
  await p.page.getByTestId("toolbar.share").click();

  await p.goto({ template: "01-hello-world" });
  await expect(p.node("client")).toBeVisible();
  await expect
    .poll(async () => (await savedOf(p.page))?.nodes.map((n) => n.id))
    .toContain("client");
  await p.page.goto(link);
  await expect(p.page.getByTestId("share.pending")).toBeVisible();
  await noEnglish(p.page.getByTestId("share.pending"), "the choice");
  await p.page.screenshot({ path: info.outputPath("share-pending-zh-TW.png") });
  await p.page.getByTestId("share.back").click();
  await expect(p.node("client")).toBeVisible();

  await p.page.goto(link.replace("#graph=1.", "#graph=9."));
  await expect(p.page.getByRole("alert")).toContainText("無法開啟這個分享連結");
  await noEnglish(p.page.getByRole("alert"), "refused link");
  await expect(p.node("client")).toBeVisible();
});

test("the run going on downloads as a .zmqrec, and the menu says what the budget keeps", async ({
  playground: p,
  request,
}, info) => {
  await p.goto({ template: "01-hello-world" });
  await expect(p.node("client")).toBeVisible();
  await p.page.getByTestId("toolbar.run").click();
  const auth = { headers: { Authorization: `Bearer ${E2E_TOKEN}` } };
  await expect
    .poll(async () => {
      const snap = (await (await request.get("/api/runtime", auth)).json()) as {
        counters: { nodes: Record<string, { received: number }> };
      };
      return snap.counters.nodes.client?.received ?? 0;
    })
    .toBeGreaterThanOrEqual(2);
  await p.page.getByTestId("toolbar.share").click();
  const run = p.page.getByTestId("share.run");
  await expect(run).toContainText("keeps the last 200,000 messages or 64 MB");
  await expect(p.page.getByTestId("share.run.status")).toHaveText(
    /^Recording now: [\d,]+ messages, 0 of them sampled$/,
  );
  await p.page.screenshot({ path: info.outputPath("share-run.png") });
  const [download] = await Promise.all([
    p.page.waitForEvent("download"),
    p.page.getByTestId("share.run.download").click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^zmqp-run-.*\.zmqrec$/);
  const bytes = await readFile(await download.path());
  expect(bytes.subarray(0, 2).toString()).toBe("PK");
  // The manifest is stored uncompressed (so a reader checks the version first): readable as is.
  const text = bytes.toString("latin1");
  expect(text).toContain('"format": "zmqrec"');
  expect(text).toMatch(/"name": "zmqp gateway"/);
  const seen = Number(/"messagesSeen": (\d+)/.exec(text)?.[1]);
  expect(seen).toBeGreaterThanOrEqual(4);
  await expect(p.toasts.last()).toContainText(`Downloaded ${download.suggestedFilename()}`);
});
