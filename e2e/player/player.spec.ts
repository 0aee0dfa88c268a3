/**
 * The static player (apps/web/dist-player) served by a plain static file server, no gateway
 * anywhere: it lists and plays the committed recordings with the counters the real run ended on,
 * scrubs and steps, shares a recording by `#rec=` link, refuses a tampered one, and embeds.
 */
import { expect, test, type Page } from "@playwright/test";

interface Listed {
  template: string;
  file: string;
  counters: { nodes: Record<string, { sent: number; received: number }> };
}

/** Every request the page made that only a gateway could answer: there must be none. */
function gatewayCalls(page: Page): string[] {
  const calls: string[] = [];
  page.on("request", (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith("/api") || path.startsWith("/ws")) calls.push(r.url());
  });
  page.on("websocket", (ws) => calls.push(ws.url()));
  return calls;
}

async function listed(page: Page, template: string): Promise<Listed> {
  const res = await page.request.get("/recordings/index.json");
  expect(res.ok()).toBe(true);
  const index = (await res.json()) as { recordings: Listed[] };
  const entry = index.recordings.find((r) => r.template === template);
  if (!entry) throw new Error(`${template} is not in recordings/index.json`);
  return entry;
}

const eventOf = async (page: Page) => {
  const text = (await page.getByTestId("timeline.event").textContent()) ?? "";
  const m = /event (\d+) of (\d+)/.exec(text);
  if (!m) throw new Error(`timeline says "${text}"`);
  return { position: Number(m[1]), length: Number(m[2]) };
};

test("plays a committed recording, ending on the counters the real run ended on", async ({
  page,
}) => {
  const calls = gatewayCalls(page);
  const broker = await listed(page, "04-broker");
  await page.goto("/");
  await expect(page.getByTestId("player.welcome")).toBeVisible();
  await expect(page.getByTestId("player.noGateway")).toBeVisible();
  // Nothing that needs a gateway is offered: no Run, no palette, no attach.
  await expect(page.getByTestId("toolbar.run")).toHaveCount(0);
  await expect(page.getByTestId("toolbar.attach")).toHaveCount(0);
  await expect(page.getByTestId("palette")).toHaveCount(0);

  await expect(page.getByTestId("eventlog.rows")).toContainText(
    "Open a recording: its events appear here.",
  );

  await page.getByTestId("player.open.04-broker").click();
  await expect(page.getByTestId("replay.banner")).toHaveAttribute("data-source", "file");
  await expect(page.getByTestId("replay.sampled")).toContainText("messages is kept");
  await expect(page).toHaveURL(
    /\?rec=recordings%2F04-broker\.zmqrec|\?rec=recordings\/04-broker\.zmqrec/,
  );
  // A node's actions need running sockets: the player does not offer them.
  await expect(page.getByTestId("node.client-1.kill")).toBeHidden();
  for (const [id, c] of Object.entries(broker.counters.nodes)) {
    await expect(page.getByTestId(`node.${id}.sent`)).toHaveText(String(c.sent));
    await expect(page.getByTestId(`node.${id}.received`)).toHaveText(String(c.received));
  }
  expect(calls).toEqual([]);
});

test("scrubs and steps Back and Forward through a recording", async ({ page }) => {
  const calls = gatewayCalls(page);
  await page.goto("/?rec=recordings/04-broker.zmqrec");
  await expect(page.getByTestId("timeline")).toBeVisible();
  const end = await eventOf(page);
  expect(end.position).toBe(end.length);
  expect(end.length).toBeGreaterThan(50);

  await page.getByTestId("timeline.back").click();
  await expect(page.getByTestId("timeline.event")).toContainText(
    `event ${end.length - 1} of ${end.length}`,
  );
  await page.getByTestId("timeline.forward").click();
  await expect(page.getByTestId("timeline.event")).toContainText(
    `event ${end.length} of ${end.length}`,
  );

  // Scrub to the start: every counter goes back to what it was before the run's first message.
  const track = page.getByTestId("timeline.track");
  const box = await track.boundingBox();
  if (!box) throw new Error("no timeline track");
  await page.mouse.click(box.x + 1, box.y + box.height / 2);
  const early = await eventOf(page);
  expect(early.position).toBeLessThan(end.length / 4);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  const middle = await eventOf(page);
  expect(middle.position).toBeGreaterThan(early.position);
  expect(middle.position).toBeLessThan(end.length);
  const sentMid = Number(await page.getByTestId("node.broker.sent").textContent());
  expect(sentMid).toBeLessThan(26);
  expect(calls).toEqual([]);
});

test("a #rec= link made by the player plays; a tampered one is refused with its reason", async ({
  page,
}) => {
  await page.goto("/?rec=recordings/01-hello-world.zmqrec");
  await expect(page.getByTestId("replay.banner")).toBeVisible();
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByTestId("player.share").click();
  await page.getByTestId("share.rec.copy").click();
  const link = await page.getByTestId("share.rec.link").inputValue();
  expect(link).toMatch(/#rec=1\.[0-9a-f]{8}\./);
  await expect(page.getByTestId("player.embed.code")).toHaveValue(
    /<iframe src="http:\/\/127\.0\.0\.1:\d+\/\?rec=recordings%2F01-hello-world\.zmqrec&amp;embed=1"|<iframe src="[^"]+embed=1"/,
  );
  const hello = await listed(page, "01-hello-world");

  const fresh = await page.context().newPage();
  const calls = gatewayCalls(fresh);
  await fresh.goto(link);
  await expect(fresh.getByTestId("replay.banner")).toHaveAttribute("data-source", "file");
  for (const [id, c] of Object.entries(hello.counters.nodes))
    await expect(fresh.getByTestId(`node.${id}.sent`)).toHaveText(String(c.sent));
  // Read once: the recording is not left in the address.
  expect(new URL(fresh.url()).hash).toBe("");

  const body = link.lastIndexOf(".") + 1;
  const at = body + Math.floor((link.length - body) / 2);
  const tampered = link.slice(0, at) + (link[at] === "A" ? "B" : "A") + link.slice(at + 1);
  const other = await page.context().newPage();
  await other.goto(tampered);
  await expect(other.getByTestId("toast").last()).toContainText(
    "This recording link cannot be opened: it was changed after it was made",
  );
  await expect(other.getByTestId("replay.banner")).toHaveCount(0);
  await expect(other.getByTestId("player.welcome")).toBeVisible();
  expect(calls).toEqual([]);
});

test("embedded (?embed=1): the recording and its timeline, no editing chrome", async ({ page }) => {
  await page.goto("/?rec=recordings/08-pub-sub.zmqrec&embed=1");
  await expect(page.getByTestId("timeline")).toBeVisible();
  await expect(page.getByTestId("replay.banner")).toBeVisible();
  await expect(page.getByRole("toolbar", { name: "Player" })).toHaveCount(0);
  await expect(page.getByTestId("player.share")).toHaveCount(0);
  await expect(page.getByTestId("palette")).toHaveCount(0);
  await expect(page.getByTestId("replay.close")).toBeHidden();
  // The banner has its own row: it covers no node of the graph.
  const banner = await page.getByTestId("replay.banner").boundingBox();
  const nodes = page.locator(".react-flow__node");
  await expect(nodes.first()).toBeVisible();
  for (const box of await Promise.all((await nodes.all()).map((n) => n.boundingBox())))
    expect(box!.y).toBeGreaterThanOrEqual(banner!.y + banner!.height);
});
