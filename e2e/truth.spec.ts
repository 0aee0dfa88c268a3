/**
 * What the canvas draws on a link agrees with the gateway's counters: each count's arrow points
 * from the node that sent those messages to the one that received them, on the screen as drawn,
 * for every socket type (raw TCP too); particles are drawn on the links (and directions) that
 * carried traffic and on no other.
 */
import { readFileSync } from "node:fs";
import { expect, test } from "./fixtures.js";
import type { PlaygroundPage } from "./pages/PlaygroundPage.js";

interface Link {
  id: string;
  from: { node: string };
  to: { node: string };
}
const linksOf = (template: string): Link[] =>
  (JSON.parse(readFileSync(`scenarios/${template}.json`, "utf8")) as { links: Link[] }).links;

const ARROWS: Record<string, [number, number]> = {
  "→": [1, 0],
  "←": [-1, 0],
  "↓": [0, 1],
  "↑": [0, -1],
};

async function center(p: PlaygroundPage, node: string): Promise<[number, number]> {
  const b = (await p.node(node).boundingBox())!;
  return [b.x + b.width / 2, b.y + b.height / 2];
}

/** Each part of a link label: its arrow, its number and which way (forward = connect → bind). */
async function labelParts(p: PlaygroundPage, link: string) {
  return p.page
    .getByTestId(`link.${link}.label`)
    .locator("span[data-dir]")
    .evaluateAll((spans) =>
      spans.map((s) => ({
        dir: s.getAttribute("data-dir") as "forward" | "backward",
        arrow: (s.textContent ?? "").trim().charAt(0),
        count: Number((s.textContent ?? "").trim().slice(1)),
      })),
    );
}

/** Asserts each arrow points from the sending node toward the receiving one on screen. */
async function expectLabelsFollowTheData(p: PlaygroundPage, template: string) {
  for (const link of linksOf(template)) {
    const parts = await labelParts(p, link.id);
    for (const part of parts) {
      const [sender, receiver] =
        part.dir === "forward" ? [link.from.node, link.to.node] : [link.to.node, link.from.node];
      const [sx, sy] = await center(p, sender);
      const [rx, ry] = await center(p, receiver);
      const [ax, ay] = ARROWS[part.arrow] ?? [0, 0];
      // The arrow's axis is the link's main axis, and it points the way sender → receiver goes.
      expect(
        ax * (rx - sx) + ay * (ry - sy),
        `${link.id} ${part.arrow}${part.count}`,
      ).toBeGreaterThan(0);
      expect(part.count).toBeGreaterThan(0);
    }
  }
}

const linkCount = (p: PlaygroundPage, link: string, dir: "forward" | "backward") =>
  p.page
    .getByTestId(`link.${link}.label`)
    .getAttribute(`data-${dir}`)
    .then((v) => Number(v ?? 0));

test.describe("link labels follow the data", () => {
  test.beforeEach(async ({ page }) => page.setViewportSize({ width: 1440, height: 900 }));

  test("REQ/REP (01): requests one way, replies the other, each arrow from its sender", async ({
    playground: p,
  }) => {
    await p.goto({ template: "01-hello-world" });
    await p.run();
    await p.expectCountAbove("client", "received", 2);
    await expectLabelsFollowTheData(p, "01-hello-world");
    await expect.poll(() => linkCount(p, "client-server", "backward")).toBeGreaterThan(1);
    // Between round trips every request sent has crossed, and every reply too.
    await expect
      .poll(
        async () =>
          (await p.count("client", "sent")) - (await linkCount(p, "client-server", "forward")),
      )
      .toBe(0);
  });

  test("PUB/SUB (08): one arrow, from the publisher to each subscriber, equal to what it received", async ({
    playground: p,
  }) => {
    await p.goto({ template: "08-pub-sub" });
    await p.run();
    await p.expectCountAbove("sub-weather", "received", 2);
    await expectLabelsFollowTheData(p, "08-pub-sub");
    const parts = await labelParts(p, "pub-weather");
    expect(parts.map((x) => x.dir)).toEqual(["backward"]);
    await expect
      .poll(
        async () =>
          (await p.count("sub-weather", "received")) -
          (await linkCount(p, "pub-weather", "backward")),
      )
      .toBe(0);
    await p.shot("labels-08-pub-sub");
  });

  test("PUSH/PULL (09): tasks from the ventilator, results into the sink", async ({
    playground: p,
  }) => {
    await p.goto({ template: "09-pipeline" });
    await p.run();
    await expect.poll(() => p.count("sink", "received"), { timeout: 15_000 }).toBe(20);
    await expectLabelsFollowTheData(p, "09-pipeline");
    expect((await labelParts(p, "w1-sink")).map((x) => [x.dir, x.count])).toEqual([
      ["forward", 10],
    ]);
    expect((await labelParts(p, "vent-w1")).map((x) => [x.dir, x.count])).toEqual([
      ["backward", 10],
    ]);
  });

  test("raw TCP (05): the client's writes are counted on its link, the echoes back", async ({
    playground: p,
  }) => {
    await p.goto({ template: "05-raw-tcp-stream" });
    await p.run();
    await expect
      .poll(() => p.count("client", "sent"), { timeout: 10_000 })
      .toBeGreaterThanOrEqual(2);
    await expect
      .poll(
        async () =>
          (await p.count("client", "sent")) - (await linkCount(p, "client-stream", "forward")),
      )
      .toBe(0);
    await expect
      .poll(
        async () =>
          (await p.count("client", "received")) - (await linkCount(p, "client-stream", "backward")),
      )
      .toBe(0);
    await expectLabelsFollowTheData(p, "05-raw-tcp-stream");
    await p.shot("labels-05-raw-tcp");
    // The timeline stops the client at 3 s and starts it at 4 s. A STREAM has no handshake: the
    // closing is a disconnect (and a new routing id after), never an error on the server's card.
    await expect
      .poll(() => p.count("client", "sent"), { timeout: 15_000 })
      .toBeGreaterThanOrEqual(3);
    await expect(p.node("stream")).toContainText("1 connection");
    await expect(p.counters("stream")).not.toContainText("errors");
  });
});

/** Particles drawn per link and direction (the overlay's test hook), as `link` / `link←`. */
const drawnLinks = (p: PlaygroundPage) =>
  p.particles
    .getAttribute("data-drawn-links")
    .then((v) => JSON.parse(v ?? "{}") as Record<string, number>);

async function countedLinks(p: PlaygroundPage, template: string): Promise<string[]> {
  const keys: string[] = [];
  for (const l of linksOf(template)) {
    const label = p.page.getByTestId(`link.${l.id}.label`);
    if ((await label.count()) === 0) continue;
    if (Number(await label.getAttribute("data-forward")) > 0) keys.push(l.id);
    if (Number(await label.getAttribute("data-backward")) > 0) keys.push(`${l.id}←`);
  }
  return keys.sort();
}

test.describe("particles are drawn where the counters say traffic went", () => {
  for (const template of ["02-n-clients-1-server", "04-broker", "08-pub-sub", "12-pubsub-proxy"])
    test(template, async ({ playground: p }) => {
      await p.page.setViewportSize({ width: 1440, height: 900 });
      await p.goto({ template });
      await p.run();
      await expect.poll(() => p.particlesDrawn(), { timeout: 10_000 }).toBeGreaterThan(4);
      // Every link-direction the gateway counted got particles, and no other did.
      await expect
        .poll(
          async () => {
            const counted = await countedLinks(p, template);
            const drawn = Object.keys(await drawnLinks(p)).sort();
            return counted.length > 0 && JSON.stringify(drawn) === JSON.stringify(counted);
          },
          { timeout: 15_000 },
        )
        .toBe(true);
      const drawn = await drawnLinks(p);
      const counted = await countedLinks(p, template);
      for (const key of Object.keys(drawn)) expect(counted).toContain(key);
    });
});
