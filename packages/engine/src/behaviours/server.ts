/** server (REP): receives a request, waits `delayMs`, sends one reply (echo, upper, prefix, fixed). */
import type { BehaviourParams } from "@zmqp/protocol";
import type { BehaviourContext, BehaviourSpec, Received } from "./types.js";

type Params = BehaviourParams<"server">;

export function replyFor(p: Params, request: string): string {
  switch (p.reply) {
    case "echo":
      return request;
    case "upper":
      return request.toUpperCase();
    case "fixed":
      return p.text;
    case "prefix":
      return `${p.text}: ${request}`;
  }
}

/** An echo sends the very bytes back: no decoding and encoding on the hot path. */
function replyTo(p: Params, body: Buffer | undefined): Buffer | string {
  return p.reply === "echo" && body ? body : replyFor(p, body?.toString() ?? "");
}

export const server: BehaviourSpec<Params> = {
  create(ctx: BehaviourContext<Params>) {
    return {
      start() {},
      onMessage(msg: Received) {
        const body = msg.frames[msg.frames.length - 1];
        // No delay: reply at once, with no timer, promise or closure of our own on the round trip.
        if (ctx.params.delayMs <= 0)
          return ctx.send(msg.socket, [replyTo(ctx.params, body)], "reply");
        return ctx.sleep(ctx.params.delayMs).then(() => {
          if (ctx.running()) return ctx.send(msg.socket, [replyTo(ctx.params, body)], "reply");
        });
      },
    };
  },
};
