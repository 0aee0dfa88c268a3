/**
 * Every request passes here before any route (and before a WebSocket upgrade: @fastify/websocket
 * routes the upgrade request through the normal hooks, so a 403 here means the client never joins).
 * Order: Host (DNS rebinding), Origin (a foreign page), token, then JSON-only for mutating methods.
 */
import { ERROR_CODES } from "@zmqp/protocol";
import type { FastifyReply, FastifyRequest } from "fastify";
import { HttpError } from "../errors.js";
import {
  cookieName,
  hostAllowed,
  originAllowed,
  readCookie,
  tokenMatches,
  type HostPolicy,
} from "../security.js";
import fp from "fastify-plugin";

export interface AuthOptions extends Record<string, unknown> {
  token: string;
  hostPolicy: HostPolicy;
  /** Origins allowed besides the gateway's own (a dev server proxying to us). */
  allowedOrigins: readonly string[];
}

const PUBLIC = new Set(["/api/health"]);
const SAFE_METHODS = new Set(["GET", "HEAD"]);

/** The token a request carries: bearer header, `?token=`, or the cookie the page got. */
function presentedTokens(req: FastifyRequest): string[] {
  const out: string[] = [];
  const auth = req.headers.authorization;
  if (typeof auth === "string" && auth.startsWith("Bearer ")) out.push(auth.slice(7).trim());
  const q = (req.query as Record<string, unknown> | undefined)?.token;
  if (typeof q === "string") out.push(q);
  const c = readCookie(req.headers.cookie, cookieName(req.headers.host));
  if (c) out.push(c);
  return out;
}

export function queryTokenValid(req: FastifyRequest, token: string): boolean {
  const q = (req.query as Record<string, unknown> | undefined)?.token;
  return typeof q === "string" && tokenMatches(token, q);
}

export const authPlugin = fp<AuthOptions>(
  async (app, opts) => {
    app.addHook("onRequest", async (req: FastifyRequest, _reply: FastifyReply) => {
      const host = req.headers.host;
      if (!hostAllowed(host, opts.hostPolicy))
        throw new HttpError(403, ERROR_CODES.FORBIDDEN, "Host header is not a loopback name");
      const origin = req.headers.origin;
      if (
        origin !== undefined &&
        !originAllowed(origin, host, opts.hostPolicy, opts.allowedOrigins)
      )
        throw new HttpError(403, ERROR_CODES.FORBIDDEN, "requests from other origins are refused");
      const path = req.url.split("?", 1)[0] ?? "";
      if (SAFE_METHODS.has(req.method) && PUBLIC.has(path)) return;
      // Evaluate every candidate so the time taken does not reveal which one was tried.
      const ok = presentedTokens(req).reduce((acc, t) => tokenMatches(opts.token, t) || acc, false);
      if (!ok)
        throw new HttpError(
          401,
          ERROR_CODES.UNAUTHORIZED,
          "a token is required: open the URL zmqp serve printed",
        );
      if (!SAFE_METHODS.has(req.method)) {
        // Only JSON: an HTML form or a "simple" cross-site request cannot send it without a preflight.
        const type = req.headers["content-type"] ?? "";
        if (!/^application\/json\s*(;|$)/i.test(type))
          throw new HttpError(415, ERROR_CODES.BAD_MESSAGE, "send application/json");
      }
    });

    app.addHook("onSend", async (_req, reply, payload) => {
      reply.header("X-Content-Type-Options", "nosniff");
      // The token travels in the first URL: never leak it through a Referer header.
      reply.header("Referrer-Policy", "no-referrer");
      reply.header("X-Frame-Options", "DENY");
      reply.header("Content-Security-Policy", "frame-ancestors 'none'");
      reply.header("Cross-Origin-Resource-Policy", "same-origin");
      return payload;
    });
  },
  { name: "zmqp-auth", fastify: "5.x" },
);
