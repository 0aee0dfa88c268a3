/** Shared test helpers: a real app (real engine, real sockets), graph builders, a real ws client. */
import {
  PROTOCOL_VERSION,
  type GraphInput,
  type RuntimeEvent,
  type RuntimeSnapshot,
  type ServerMessage,
} from "@zmqp/protocol";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { FastifyInstance } from "fastify";
import WebSocket from "ws";
import { buildApp, type AppOptions } from "../src/app.js";

export const TOKEN = "test-token-0123456789";
export const AUTH = { authorization: `Bearer ${TOKEN}` };
export const JSON_AUTH = { ...AUTH, "content-type": "application/json" };

export function testApp(options: Partial<AppOptions> = {}): Promise<FastifyInstance> {
  return buildApp({ token: TOKEN, graceMs: 30_000, ...options });
}

/** A REQ client and a REP server on the given tcp port (or inproc when port is 0). */
export function helloGraph(port = 0, intervalMs = 50, extra: Partial<GraphInput> = {}): GraphInput {
  const endpoint = port
    ? `tcp://127.0.0.1:${port}`
    : `inproc://hello-${Math.random().toString(36).slice(2, 8)}`;
  return {
    version: 1,
    nodes: [
      {
        id: "client",
        role: "client",
        sockets: [{ id: "req", type: "REQ" }],
        params: { intervalMs, payload: "Hello {n}" },
      },
      {
        id: "server",
        role: "server",
        sockets: [{ id: "rep", type: "REP", bind: [endpoint] }],
        params: { reply: "fixed", text: "World" },
      },
    ],
    links: [
      { id: "l1", from: { node: "client", socket: "req" }, to: { node: "server", socket: "rep" } },
    ],
    ...extra,
  };
}

/**
 * A full garbage collection, so a memory figure counts what is kept, not garbage not yet
 * collected. Vitest's workers run without --expose-gc; the flag can be set at run time and the
 * function taken from a fresh context.
 */
setFlagsFromString("--expose-gc");
const fullGc = runInNewContext("gc") as () => void;

/** Heap in use after a full collection, bytes. */
export function heapAfterGc(): number {
  fullGc();
  return process.memoryUsage().heapUsed;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitFor<T>(
  check: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  timeoutMs = 5000,
  what = "condition",
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** A real ws client that records every server message. */
export class Client {
  readonly messages: ServerMessage[] = [];
  closed: { code: number; reason: string } | null = null;

  constructor(readonly ws: WebSocket) {
    ws.on("message", (data) => this.messages.push(JSON.parse(String(data)) as ServerMessage));
    ws.on("close", (code, reason) => (this.closed = { code, reason: String(reason) }));
  }

  send(msg: unknown): void {
    this.ws.send(typeof msg === "string" ? msg : JSON.stringify(msg));
  }

  of<T extends ServerMessage["type"]>(type: T): Extract<ServerMessage, { type: T }>[] {
    return this.messages.filter((m) => m.type === type) as Extract<ServerMessage, { type: T }>[];
  }

  events(): RuntimeEvent[] {
    return this.of("batch").flatMap((b) => b.events);
  }

  next<T extends ServerMessage["type"]>(
    type: T,
    timeoutMs = 5000,
  ): Promise<Extract<ServerMessage, { type: T }>> {
    const seen = this.of(type).length;
    return waitFor(() => this.of(type)[seen], timeoutMs, `a ${type} message`);
  }

  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.ws.once("close", () => resolve());
      this.ws.close();
    });
  }
}

/** Opens a real WebSocket to a listening app; rejects with the HTTP status when refused. */
export function connect(
  base: string,
  opts: { token?: string | null; headers?: Record<string, string>; path?: string } = {},
): Promise<Client> {
  const token = opts.token === undefined ? TOKEN : opts.token;
  const url = `${base.replace("http", "ws")}${opts.path ?? "/ws"}${token ? `?token=${token}` : ""}`;
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers: opts.headers ?? {} });
    const client = new Client(ws);
    ws.once("open", () => resolve(client));
    ws.once("unexpected-response", (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once("error", reject);
  });
}

/** A tab that has said hello and got its welcome. */
export async function helloTab(base: string): Promise<Client> {
  const c = await connect(base);
  c.send({ type: "hello", protocol: PROTOCOL_VERSION });
  await c.next("welcome");
  return c;
}

/** POST /api/deploy with the token, as the page does. */
export const deployTo = (app: FastifyInstance, doc: unknown) =>
  app.inject({
    method: "POST",
    url: "/api/deploy",
    headers: JSON_AUTH,
    payload: JSON.stringify(doc),
  });

/** GET /api/runtime with the token. */
export const snapshotOf = async (app: FastifyInstance) =>
  (await app.inject({ url: "/api/runtime", headers: AUTH })).json() as RuntimeSnapshot;

export async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ host: "127.0.0.1", port: 0 });
  const addr = app.server.address();
  if (!addr || typeof addr === "string") throw new Error("no address");
  return `http://127.0.0.1:${addr.port}`;
}
