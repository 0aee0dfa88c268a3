/**
 * The built web app (apps/web/dist). Opening the page with a valid `?token=` sets an HttpOnly,
 * SameSite=Strict cookie, so the page's own requests and its WebSocket carry the token without
 * scripts ever reading it.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { queryTokenValid } from "../plugins/auth.js";
import { cookieName } from "../security.js";

export interface StaticOptions {
  webDir: string;
  token: string;
}

const MISSING_BUILD = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>ZeroMQ Playground</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto">
<h1>ZeroMQ Playground</h1>
<p>The gateway is running, but the web app is not built yet. Run:</p>
<pre>pnpm --filter @zmqp/web build</pre>
<p>then reload this page.</p>
</body></html>
`;

export async function staticRoutes(app: FastifyInstance, opts: StaticOptions): Promise<void> {
  const built = existsSync(join(opts.webDir, "index.html"));
  if (built) {
    await app.register(fastifyStatic, {
      root: opts.webDir,
      index: false,
      wildcard: true,
      cacheControl: false,
    });
  }

  const index = async (req: FastifyRequest, reply: FastifyReply) => {
    if (queryTokenValid(req, opts.token)) {
      reply.header(
        "Set-Cookie",
        `${cookieName(req.headers.host)}=${encodeURIComponent(opts.token)}; Path=/; HttpOnly; SameSite=Strict`,
      );
    }
    reply.header("Cache-Control", "no-store");
    if (!built) return reply.type("text/html; charset=utf-8").send(MISSING_BUILD);
    return reply.sendFile("index.html");
  };
  app.get("/", index);
  app.get("/index.html", index);
}
