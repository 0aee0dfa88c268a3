/**
 * server (REP): receives a request, waits `delayMs`, sends one reply (echo, upper, prefix, fixed).
 * `{n}` in the fixed text or the prefix is the reply's number, as in every text a behaviour sends.
 */
import type { BehaviourParams } from "@zmqp/protocol";
import { fillPayload } from "../frames.js";
import type { BehaviourContext, BehaviourSpec, Received } from "./types.js";

type Params = BehaviourParams<"server">;

function replyFor(p: Params, request: string, n = 1): string {
  switch (p.reply) {
    case "echo":
      return request;
    case "upper":
      return request.toUpperCase();
    case "fixed":
      return fillPayload(p.text, n);
    case "prefix":
      return `${fillPayload(p.text, n)}: ${request}`;
  }
}

/** An echo sends the very bytes back: no decoding and encoding on the hot path. */
function replyTo(p: Params, body: Buffer | undefined, n: number): Buffer | string {
  return p.reply === "echo" && body ? body : replyFor(p, body?.toString() ?? "", n);
}

export const server: BehaviourSpec<Params> = {
  create(ctx: BehaviourContext<Params>) {
    let n = 0;
    return {
      start() {},
      onMessage(msg: Received) {
        const body = msg.frames[msg.frames.length - 1];
        const number = ++n;
        // No delay: reply at once, with no timer, promise or closure of our own on the round trip.
        if (ctx.params.delayMs <= 0)
          return ctx.send(msg.socket, [replyTo(ctx.params, body, number)], "reply");
        return ctx.sleep(ctx.params.delayMs).then(() => {
          if (ctx.running())
            return ctx.send(msg.socket, [replyTo(ctx.params, body, number)], "reply");
        });
      },
    };
  },
};
