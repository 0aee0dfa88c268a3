/**
 * One page in Attach mode, on /ws/attach: the same hello/welcome/batch protocol as /ws, fed by the
 * attach hub instead of the runtime. An observed system cannot be changed from here: anything but
 * hello and ping is refused with a sentence that says so.
 */
import {
  ClientMessageSchema,
  ERROR_CODES,
  PROTOCOL_VERSION,
  type ErrorCode,
  type ServerMessage,
} from "@zmqp/protocol";
import type { WebSocket } from "ws";
import type { AttachHub } from "./attach-hub.js";
import { Batcher } from "./batcher.js";
import { TokenBucket } from "./rate-limit.js";
import { CLOSE_INCOMPATIBLE, CLOSE_RATE_LIMITED } from "./tab.js";
import { BoundedSocket } from "./tab-limits.js";

export class AttachTab {
  private readonly batcher: Batcher;
  private readonly bucket = new TokenBucket(60, 30);
  private strikes = 0;
  private joined = false;
  private readonly out: BoundedSocket;

  constructor(
    private readonly socket: WebSocket,
    private readonly hub: AttachHub,
  ) {
    this.out = new BoundedSocket(socket);
    this.batcher = new Batcher({
      send: (m) => this.out.batch(m),
      backlog: () => socket.bufferedAmount,
    });
    socket.on("message", (data, isBinary) => this.onMessage(String(data), isBinary));
    socket.on("close", () => this.dispose());
    socket.on("error", () => this.dispose());
  }

  push(event: Parameters<Batcher["push"]>[0]): void {
    this.batcher.push(event);
  }

  /** Replies count against the tab's bound (tab-limits.ts). */
  private send(message: ServerMessage): void {
    this.out.reply(message);
  }

  private reject(message: string, code: ErrorCode = ERROR_CODES.BAD_MESSAGE): void {
    this.send({ type: "rejected", code, message });
  }

  private onMessage(text: string, isBinary: boolean): void {
    if (!this.bucket.take(1)) {
      if (++this.strikes > 50) this.socket.close(CLOSE_RATE_LIMITED, "too many messages");
      else this.reject("too many messages: slow down", ERROR_CODES.RATE_LIMITED);
      return;
    }
    this.strikes = 0;
    let json: unknown;
    try {
      json = isBinary ? undefined : JSON.parse(text);
    } catch {
      return this.reject("the message is not valid JSON");
    }
    const parsed = ClientMessageSchema.safeParse(json);
    if (!parsed.success) return this.reject("send JSON messages of the gateway's protocol");
    const msg = parsed.data;
    if (msg.type === "ping") return this.send({ type: "pong" });
    if (msg.type !== "hello")
      return this.reject("this is an observed system: nothing here can be run, killed or changed");
    if (msg.protocol !== PROTOCOL_VERSION) {
      this.send({
        type: "incompatible",
        protocol: PROTOCOL_VERSION,
        reason: `this gateway speaks protocol ${PROTOCOL_VERSION}, the page ${msg.protocol}: reload the page`,
      });
      this.socket.close(CLOSE_INCOMPATIBLE, "incompatible protocol");
      return;
    }
    // Joined before the snapshot, synchronously: no event can fall between the two.
    if (!this.joined) this.hub.join(this);
    this.joined = true;
    this.send({
      type: "welcome",
      protocol: PROTOCOL_VERSION,
      snapshot: this.hub.snapshot(),
      allowExternal: false,
    });
  }

  private dispose(): void {
    this.batcher.close();
    this.hub.leave(this);
  }
}
