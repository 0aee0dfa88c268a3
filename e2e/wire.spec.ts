/**
 * The wire inspector (issue 6) from the canvas: watch 01-hello-world's tcp link, run, and read the
 * ZMTP stream the way a learner would: greeting, READY, then the request and reply frames, each
 * field beside its raw bytes; then download the capture as a pcap file. Also: watching a running
 * PUB/SUB link shows the subscription, and only tcp links offer the toggle.
 */
import { readFile } from "node:fs/promises";
import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures.js";

/** Selects a link by clicking the middle of its curve (React Flow's paths have no height to click). */
async function selectLink(page: Page, id: string) {
  const region = page.getByRole("region", { name: "Wire (ZMTP)" });
  // Retried: right after a template opens, the canvas may still be fitting the view.
  await expect(async () => {
    const edge = await page.locator(`.react-flow__edge[data-id="${id}"]`).boundingBox();
    if (!edge) throw new Error(`link ${id} is not on screen`);
    await page.mouse.click(edge.x + edge.width / 2, edge.y + edge.height / 2);
    await page.getByTestId("side.inspector").click();
    await expect(region).toHaveAttribute("data-link", id, { timeout: 1000 });
  }).toPass({ timeout: 10_000 });
  await expect(page.getByTestId("inspector.link")).toBeVisible();
}

/** A decoded item's row, found by its accessible name (the item's summary) and its direction. */
function item(table: Locator, direction: "c2s" | "s2c", summary: RegExp): Locator {
  return table
    .locator(`[data-testid="wire.row"][data-direction="${direction}"]`)
    .filter({ has: table.page().getByRole("button", { name: summary }) });
}

test.describe("wire inspector", () => {
  test("01 hello world: watch the link, run, read ZMTP field by field, download the pcap", async ({
    playground: p,
  }) => {
    await p.goto({ template: "01-hello-world" });
    await selectLink(p.page, "client-server");

    // Watching before Run: the wish is kept and sent when the graph runs.
    const toggle = p.page.getByRole("checkbox", { name: "Watch the wire" });
    await expect(toggle).toHaveAttribute("data-testid", "wire.toggle");
    await toggle.check();
    await expect(p.page.getByText("Watching starts when the graph runs.")).toBeVisible();
    await p.run();
    await expect(
      p.page.getByText(/now dials a relay, which dials tcp:\/\/127\.0\.0\.1:5555/),
    ).toBeVisible();

    const table = p.page.getByTestId("wire.table");
    await expect(table).toBeVisible({ timeout: 15_000 });
    await expect(table).toHaveAccessibleName("ZMTP items on link client-server");
    // Both sides open with the signature and a ZMTP 3.x greeting for the NULL mechanism.
    for (const dir of ["c2s", "s2c"] as const) {
      await expect(item(table, dir, /signature ff … 7f/).first()).toBeVisible();
      await expect(item(table, dir, /greeting ZMTP 3\.\d NULL/).first()).toBeVisible();
    }
    // Each side's READY names its socket type.
    const readyReq = item(table, "c2s", /READY Socket-Type=REQ/).first();
    const readyRep = item(table, "s2c", /READY Socket-Type=REP/).first();
    await expect(readyReq).toBeVisible();
    await expect(readyRep).toBeVisible();
    await expect(readyReq.locator(".wire-badge").first()).toHaveText("READY");
    // Then the request and the reply: REQ's empty delimiter frame flagged MORE, then the body.
    const request = item(table, "c2s", /frame 1 \d+ B "Hello \d+"/).first();
    const reply = item(table, "s2c", /frame 1 5 B "World"/).first();
    await expect(request).toBeVisible({ timeout: 10_000 });
    await expect(reply).toBeVisible({ timeout: 10_000 });
    const delimiter = item(table, "c2s", /frame 0 MORE 0 B/).first();
    await expect(delimiter.locator(".wire-badge")).toHaveText(["MORE"]);

    // Expanding the greeting shows each field with its raw bytes beside its value.
    const greeting = item(table, "s2c", /greeting ZMTP/).first();
    await greeting.getByRole("button").click();
    await expect(greeting.getByRole("button")).toHaveAttribute("aria-expanded", "true");
    const detail = table.locator(".wire-detail").first();
    await expect(detail.locator('[data-name="major"]')).toContainText("3");
    await expect(detail.locator('[data-name="major"] .wire-hex')).toHaveText("03");
    await expect(detail.locator('[data-name="mechanism"] .wire-value')).toHaveText("NULL");
    await expect(detail.locator('[data-name="mechanism"] .wire-hex')).toContainText(
      "4e 55 4c 4c 00",
    );
    await greeting.getByRole("button").click();

    // The REP's READY: the Socket-Type property's bytes are a 4-byte length then "REP".
    await readyRep.getByRole("button").click();
    const prop = table.locator('.wire-detail [data-name="Socket-Type"]');
    await expect(prop.locator(".wire-value")).toHaveText("REP");
    await expect(prop.locator(".wire-hex")).toHaveText("00 00 00 03 52 45 50");
    await reply.getByRole("button").click();
    await expect(table.locator('.wire-detail [data-name="body"] .wire-hex').last()).toHaveText(
      "57 6f 72 6c 64",
    );
    await expect(table.locator('.wire-detail [data-name="flags"] .wire-value').last()).toHaveText(
      /0x00/,
    );
    await table.evaluate((el) => el.parentElement?.scrollTo(0, 0));
    await p.shot("wire-panel");

    // The wide view shows the same table over the canvas.
    await p.page.getByRole("button", { name: "Wide view" }).click();
    await expect(p.page.getByRole("dialog", { name: /ZMTP items on link/ })).toBeVisible();
    await p.page.getByRole("button", { name: "Expand all" }).click();
    await p.page
      .getByRole("dialog")
      .locator(".wire-scroll")
      .evaluate((el) => el.scrollTo(0, 0));
    await p.shot("wire-wide");
    await p.page.keyboard.press("Escape");
    await expect(p.page.getByRole("dialog")).toHaveCount(0);

    // The capture downloads as <link>.pcap: a classic pcap file (magic a1b2c3d4, little-endian).
    const [download] = await Promise.all([
      p.page.waitForEvent("download"),
      p.page.getByTestId("wire.pcap").click(),
    ]);
    expect(download.suggestedFilename()).toBe("client-server.pcap");
    await download.saveAs("/tmp/shots/wire-client-server.pcap");
    const bytes = await readFile("/tmp/shots/wire-client-server.pcap");
    expect(bytes.readUInt32LE(0)).toBe(0xa1b2c3d4);
    expect(bytes.includes(Buffer.from("Socket-Type\x00\x00\x00\x03REQ", "latin1"))).toBe(true);
    await expect(
      p.page.getByText(/decode it with packages\/zmtp\/wireshark\/zmtp\.lua/),
    ).toBeVisible();
    await expect(p.page.locator(".wire-cmd")).toHaveText(
      "tshark -X lua_script:packages/zmtp/wireshark/zmtp.lua -d tcp.port==5555,zmtp -r client-server.pcap -V",
    );
    await p.page.locator(".wire-cmd").scrollIntoViewIfNeeded();
    await p.shot("wire-pcap");

    // Unwatching: the toggle goes off and the client keeps talking to the server directly.
    await toggle.uncheck();
    const received = await p.count("client", "received");
    await p.expectCountAbove("client", "received", received + 1);
  });

  test("08 pub-sub: run, then watch a subscriber's link: its subscription and the weather updates", async ({
    playground: p,
  }) => {
    await p.goto({ template: "08-pub-sub" });
    await selectLink(p.page, "pub-weather");
    await p.run();
    await p.expectCountAbove("sub-weather", "received", 0);
    await p.page.getByTestId("wire.toggle").check();
    const table = p.page.getByTestId("wire.table");
    // The SUB reconnects through the relay and subscribes again with a SUBSCRIBE command (ZMTP 3.1).
    await expect(item(table, "s2c", /READY Socket-Type=XPUB/).first()).toBeVisible({
      timeout: 15_000,
    });
    await expect(item(table, "c2s", /READY Socket-Type=SUB/).first()).toBeVisible();
    const sub = item(table, "c2s", /SUBSCRIBE "weather"/).first();
    await expect(sub).toBeVisible();
    await expect(sub.locator(".wire-badge")).toHaveText(["SUBSCRIBE"]);
    // Each update is two frames: the topic flagged MORE, then the body.
    const topic = item(table, "s2c", /frame 0 MORE 7 B "weather"/).first();
    await expect(topic).toBeVisible({ timeout: 10_000 });
    await expect(topic.locator(".wire-badge")).toHaveText(["MORE"]);
    await expect(item(table, "s2c", /frame 1 \d+ B "weather update \d+"/).first()).toBeVisible();
    await expect(item(table, "s2c", /"news/)).toHaveCount(0);
    await p.shot("wire-pubsub");
  });

  test("10 transports: only the tcp link can be watched", async ({ playground: p }) => {
    await p.goto({ template: "10-transports" });
    await selectLink(p.page, "inproc-link");
    await expect(p.page.getByTestId("wire.toggle")).toBeDisabled();
    await expect(
      p.page.getByText("Only tcp links can be watched; this one uses inproc."),
    ).toBeVisible();
    await expect(p.page.getByTestId("wire.pcap")).toHaveCount(0);
    await p.shot("wire-transports");
    await selectLink(p.page, "tcp-link");
    await expect(p.page.getByTestId("wire.toggle")).toBeEnabled();
  });
});
