/**
 * One browser tab on /ws. Trusts nothing: every message is size-capped (ws maxPayload), rate
 * limited, JSON-parsed and validated with ClientMessageSchema; a bad one gets `rejected`, never a
 * crash. Events reach the tab only after a successful hello, through its own Batcher.
 */
import {
  ClientMessageSchema,
  ERROR_CODES,
  PROTOCOL_VERSION,
  type ClientMessage,
  type ErrorCode,
  type ServerMessage,
} from "@zmqp/protocol";
import type { WebSocket } from "ws";
import { Batcher } from "./batcher.js";
import type { Hub } from "./hub.js";
import { TokenBucket } from "./rate-limit.js";
import { BoundedSocket, TAB_DEFAULTS } from "./tab-limits.js";

export interface TabOptions {
  /** Token bucket: burst size and sustained messages per second. */
  rateCapacity?: number;
  ratePerSecond?: number;
  /** Refused messages in a row before the socket is closed. */
  maxStrikes?: number;
  maxBacklogBytes?: number;
}

/** Close codes (4000-4999 are the application's). */
export const CLOSE_INCOMPATIBLE = 4400;
export const CLOSE_RATE_LIMITED = 4429;

export class Tab {
  private readonly batcher: Batcher;
  private readonly bucket: TokenBucket;
  private readonly maxStrikes: number;
  private strikes = 0;
  private joined = false;
  private readonly out: BoundedSocket;

  constructor(
    private readonly socket: WebSocket,
    private readonly hub: Hub,
    options: TabOptions = {},
  ) {
    this.bucket = new TokenBucket(options.rateCapacity ?? 60, options.ratePerSecond ?? 30);
    this.maxStrikes = options.maxStrikes ?? 50;
    const maxBacklogBytes = options.maxBacklogBytes ?? TAB_DEFAULTS.maxBacklogBytes;
    this.out = new BoundedSocket(socket, maxBacklogBytes);
    this.batcher = new Batcher({
      send: (m) => this.out.batch(m),
      backlog: () => socket.bufferedAmount,
      maxBacklogBytes,
    });
    socket.on("message", (data, isBinary) => this.onMessage(data, isBinary));
    socket.on("close", () => this.dispose());
    socket.on("error", () => this.dispose());
  }

  get stats() {
    return this.batcher.stats;
  }

  /** Bytes queued on this tab's socket, not yet taken by the network. */
  get backlog(): number {
    return this.socket.bufferedAmount;
  }

  push(event: Parameters<Batcher["push"]>[0]): void {
    this.batcher.push(event);
  }

  /** Replies (welcome, deployed, rejected, pong) count against the tab's bound (tab-limits.ts). */
  private send(message: ServerMessage): void {
    this.out.reply(message);
  }

  /** Replies dropped because the tab was over its bound. */
  get droppedReplies(): number {
    return this.out.dropped;
  }

  private reject(code: ErrorCode, message: string, extra: Partial<ServerMessage> = {}): void {
    this.send({ type: "rejected", code, message, ...extra } as ServerMessage);
  }

  private onMessage(data: unknown, isBinary: boolean): void {
    const text = isBinary ? null : String(data);
    // Big messages (deploys) cost more of the bucket: one token per started 64 KiB.
    const cost = 1 + Math.floor((text?.length ?? 0) / 65536);
    if (!this.bucket.take(cost)) {
      this.strikes++;
      if (this.strikes > this.maxStrikes) {
        this.socket.close(CLOSE_RATE_LIMITED, "too many messages");
        return;
      }
      this.reject(ERROR_CODES.RATE_LIMITED, "too many messages: slow down");
      return;
    }
    this.strikes = 0;
    if (text === null) return this.reject(ERROR_CODES.BAD_MESSAGE, "send JSON text frames");
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return this.reject(ERROR_CODES.BAD_MESSAGE, "the message is not valid JSON");
    }
    const parsed = ClientMessageSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.join(".") || "message";
      return this.reject(ERROR_CODES.BAD_MESSAGE, `${where}: ${issue?.message ?? "invalid"}`);
    }
    this.handle(parsed.data).catch((error: unknown) => {
      const code = codeOf(error) ?? this.idleCode();
      this.reject(code, error instanceof Error ? error.message : "the action failed");
    });
  }

  private idleCode(): ErrorCode {
    return this.hub.runtime.snapshot().state === "idle"
      ? ERROR_CODES.NOT_RUNNING
      : ERROR_CODES.BAD_MESSAGE;
  }

  private async handle(msg: ClientMessage): Promise<void> {
    switch (msg.type) {
      case "hello":
        if (msg.protocol !== PROTOCOL_VERSION) {
          this.send({
            type: "incompatible",
            protocol: PROTOCOL_VERSION,
            reason: `this gateway speaks protocol ${PROTOCOL_VERSION}, the page ${msg.protocol}: reload the page`,
          });
          this.socket.close(CLOSE_INCOMPATIBLE, "incompatible protocol");
          return;
        }
        // Attach before the snapshot, synchronously: no event can fall between the two.
        if (!this.joined) this.hub.attach(this);
        this.joined = true;
        this.send({
          type: "welcome",
          protocol: PROTOCOL_VERSION,
          snapshot: this.hub.runtime.snapshot(),
          allowExternal: this.hub.options.allowExternal,
        });
        return;
      case "deploy": {
        const out = await this.hub.deploy(msg.doc);
        if (out.ok) this.send({ type: "deployed", ...out });
        else
          this.reject(ERROR_CODES.INVALID_GRAPH, "the graph has errors", {
            diagnostics: out.diagnostics,
          });
        return;
      }
      case "stop":
        return this.hub.stop();
      case "node":
        return this.hub.runtime.nodeAction(msg.node, msg.action, msg.payload);
      case "link":
        return this.hub.runtime.linkAction(msg.link, msg.action, msg.latencyMs);
      case "wire":
        return msg.action === "watch"
          ? this.hub.runtime.watchLink(msg.link)
          : this.hub.runtime.unwatchLink(msg.link);
      case "step":
        return this.hub.runtime.step(msg.action);
      case "speed":
        return this.hub.runtime.setSpeed(msg.factor);
      case "ping":
        return this.send({ type: "pong" });
    }
  }

  private dispose(): void {
    this.batcher.close();
    this.hub.detach(this);
  }
}

/** A stable code carried by an engine error, if any. */
function codeOf(error: unknown): ErrorCode | null {
  const code = (error as { code?: unknown } | null)?.code;
  const known = Object.values(ERROR_CODES) as string[];
  return typeof code === "string" && known.includes(code) ? (code as ErrorCode) : null;
}
