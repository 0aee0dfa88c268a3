/**
 * broker: a ROUTER frontend for clients and a DEALER backend for workers, joined by a manual loop
 * both ways (not zmq_proxy, which is opaque), so every message is reported with its envelope:
 * routing id, empty delimiter, body.
 */
import type { BehaviourParams } from "@zmqp/protocol";
import type { BehaviourContext, BehaviourSpec, Received } from "./types.js";

type Params = BehaviourParams<"broker">;

export const broker: BehaviourSpec<Params> = {
  create(ctx: BehaviourContext<Params>) {
    const frontend = ctx.node.sockets.find((s) => s.type === "ROUTER")?.id ?? "frontend";
    const other = (id: string) => ctx.node.sockets.find((s) => s.id !== id)?.id;
    return {
      start() {},
      async onMessage(msg: Received) {
        const to = other(msg.socket);
        if (!to) return;
        await ctx.sleep(ctx.params.delayMs);
        if (!ctx.running()) return;
        // The envelope travels unchanged: the DEALER keeps the client's routing id in front, so
        // the worker's reply finds its way back through the ROUTER.
        await ctx.send(to, msg.frames, msg.socket === frontend ? "request" : "reply");
      },
    };
  },
};
