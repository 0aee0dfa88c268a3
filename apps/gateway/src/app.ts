/**
 * buildApp: the whole gateway without `listen`, so tests drive it with inject/injectWS and the
 * server and CLI only add a port and signals (Fastify's testing guide).
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import fastifyWebsocket from "@fastify/websocket";
import type { RuntimeOptions } from "@zmqp/engine";
import { ERROR_CODES } from "@zmqp/protocol";
import Fastify, { type FastifyInstance } from "fastify";
import { toErrorBody } from "./errors.js";
import { authPlugin } from "./plugins/auth.js";
import type { RecordingBudget } from "@zmqp/recording";
import { runtimePlugin } from "./plugins/runtime.js";
import { apiRoutes } from "./routes/api.js";
import { attachRoutes } from "./routes/attach.js";
import { staticRoutes } from "./routes/static.js";
import { wireRoutes } from "./routes/wire.js";
import { wsRoutes } from "./routes/ws.js";
import { recordingRoutes } from "./routes/recording.js";
import { VERSION } from "./version.js";
import type { TabOptions } from "./session/tab.js";
import { TabSlots } from "./session/tab-limits.js";

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, "..", "..", "..");

export const DEFAULTS = {
  webDir: join(repoRoot, "apps", "web", "dist"),
  scenariosDir: join(repoRoot, "scenarios"),
  graceMs: 30_000,
  /** A document is capped at LIMITS.maxDocumentBytes; the envelope gets a little room. */
  bodyLimit: 600 * 1024,
  maxPayload: 600 * 1024,
} as const;

export { VERSION } from "./version.js";

export interface AppOptions {
  token: string;
  /** `--allow-external`: graphs may bind non-loopback addresses, the server may listen on one. */
  allowExternal?: boolean;
  /** `--allow-capture`: pages may attach to (capture) loopback ports. Off by default. */
  allowCapture?: boolean;
  /** The non-loopback address the server listens on, when it does (widens the Host check). */
  externalHost?: string;
  graceMs?: number;
  webDir?: string;
  scenariosDir?: string;
  /** Origins allowed besides the gateway's own (ZMQP_ALLOWED_ORIGINS, for a dev server). */
  allowedOrigins?: string[];
  runtimeOptions?: RuntimeOptions;
  /** What every run's recording keeps (default: the last 200 000 messages or 64 MB). */
  recordingBudget?: Partial<RecordingBudget>;
  tab?: TabOptions;
  /** Open tabs (/ws and /ws/attach together) before more are refused (ZMQP_ERR_TOO_MANY_TABS). */
  maxTabs?: number;
  logger?: boolean;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const allowExternal = options.allowExternal ?? false;
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: DEFAULTS.bodyLimit,
    // Do not trust X-Forwarded-*: nothing sits in front of a local gateway.
    trustProxy: false,
  });

  // JSON only, parsed plainly: forbidden keys (__proto__…) reach parseGraph, which names them in a
  // diagnostic; an empty body (POST /api/stop) is allowed.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("application/json", { parseAs: "string" }, (_req, body, done) => {
    const text = String(body);
    if (text.trim() === "") return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      const err = Object.assign(new Error("the body is not valid JSON"), { statusCode: 400 });
      done(err, undefined);
    }
  });

  app.setErrorHandler((error, _req, reply) => {
    const { status, body } = toErrorBody(error);
    return reply.code(status).send(body);
  });
  app.setNotFoundHandler((_req, reply) =>
    reply.code(404).send({ code: ERROR_CODES.NOT_FOUND, message: "not found" }),
  );

  // Registered before auth on purpose: its onRequest marks upgrade requests, so its onResponse
  // destroys the connection of an upgrade we refuse instead of leaving it open.
  await app.register(fastifyWebsocket, {
    options: { maxPayload: DEFAULTS.maxPayload },
    preClose: closeTabs,
  });
  await app.register(authPlugin, {
    token: options.token,
    hostPolicy: options.externalHost ? { externalHost: options.externalHost } : {},
    allowedOrigins: options.allowedOrigins ?? [],
  });
  await app.register(runtimePlugin, {
    version: VERSION,
    allowExternal,
    allowCapture: options.allowCapture ?? false,
    graceMs: options.graceMs ?? DEFAULTS.graceMs,
    ...(options.runtimeOptions ? { runtimeOptions: options.runtimeOptions } : {}),
    ...(options.recordingBudget ? { recordingBudget: options.recordingBudget } : {}),
  });
  await app.register(apiRoutes, {
    version: VERSION,
    scenariosDir: options.scenariosDir ?? DEFAULTS.scenariosDir,
  });
  // One count for both kinds of tab: each costs a socket, a batcher and its bound.
  const slots = new TabSlots(options.maxTabs);
  await app.register(wsRoutes, { tab: options.tab ?? {}, slots });
  await app.register(wireRoutes);
  await app.register(recordingRoutes);
  await app.register(attachRoutes, { slots });
  await app.register(staticRoutes, {
    webDir: options.webDir ?? DEFAULTS.webDir,
    token: options.token,
  });
  return app;
}

/** Close code for "going away": the page reconnects to the next gateway without a fuss. */
export const CLOSE_GOING_AWAY = 1001;

/**
 * On app.close (SIGINT, SIGTERM): every tab is told 1001, and one that does not answer its close
 * (a stalled tab) is cut after a moment, so closing never waits on a page.
 */
function closeTabs(this: FastifyInstance, done: () => void): void {
  const server = this.websocketServer;
  for (const c of server.clients) c.close(CLOSE_GOING_AWAY, "the gateway is shutting down");
  const end = Date.now() + 300;
  const wait = () => {
    if (server.clients.size > 0 && Date.now() < end) return void setTimeout(wait, 10);
    for (const c of server.clients) c.terminate();
    server.close(() => done());
  };
  wait();
}
