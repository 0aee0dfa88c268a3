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

export const server: BehaviourSpec<Params> = {
  create(ctx: BehaviourContext<Params>) {
    return {
      start() {},
      async onMessage(msg: Received) {
        const request = msg.frames[msg.frames.length - 1]?.toString() ?? "";
        await ctx.sleep(ctx.params.delayMs);
        if (!ctx.running()) return;
        await ctx.send(msg.socket, [replyFor(ctx.params, request)], "reply");
      },
    };
  },
};
