/** The web app is served as files; without a build, a page says how to make one. */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AUTH, TOKEN, testApp } from "./helpers.js";

describe("static web app", () => {
  it("without apps/web/dist, the page tells how to build it", async () => {
    const app = await testApp({ webDir: mkdtempSync(join(tmpdir(), "zmqp-empty-")) });
    try {
      const res = await app.inject({ url: `/?token=${TOKEN}` });
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toMatch(/text\/html/);
      expect(res.body).toContain("pnpm --filter @zmqp/web build");
    } finally {
      await app.close();
    }
  });

  it("serves index.html (setting the cookie) and the assets, which need the token too", async () => {
    const dist = mkdtempSync(join(tmpdir(), "zmqp-dist-"));
    mkdirSync(join(dist, "assets"));
    writeFileSync(join(dist, "index.html"), "<!doctype html><title>playground</title>");
    writeFileSync(join(dist, "assets", "app.js"), "console.log(1)");
    const app = await testApp({ webDir: dist });
    try {
      const page = await app.inject({ url: `/?token=${TOKEN}&template=01-hello-world` });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain("<title>playground</title>");
      const cookie = String(page.headers["set-cookie"]).split(";")[0]!;
      const asset = await app.inject({ url: "/assets/app.js", headers: { cookie } });
      expect(asset.statusCode).toBe(200);
      expect(asset.body).toBe("console.log(1)");
      expect((await app.inject({ url: "/assets/app.js" })).statusCode).toBe(401);
      expect((await app.inject({ url: "/assets/none.js", headers: AUTH })).statusCode).toBe(404);
      // A page opened without a token sets no cookie and gets 401.
      const bare = await app.inject({ url: "/" });
      expect(bare.statusCode).toBe(401);
      expect(bare.headers["set-cookie"]).toBeUndefined();
    } finally {
      await app.close();
    }
  });
});
