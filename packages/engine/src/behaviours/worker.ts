/** worker: PULL a task, work `delayMs`, PUSH the result on (to the sink). */
import type { BehaviourParams } from "@zmqp/protocol";
import type { BehaviourContext, BehaviourSpec, Received } from "./types.js";

type Params = BehaviourParams<"worker">;

export const worker: BehaviourSpec<Params> = {
  create(ctx: BehaviourContext<Params>) {
    const out = ctx.node.sockets.find((s) => s.type === "PUSH")?.id;
    return {
      start() {},
      async onMessage(msg: Received) {
        await ctx.sleep(ctx.params.delayMs);
        if (!out || !ctx.running()) return;
        const task = msg.frames[msg.frames.length - 1]?.toString() ?? "";
        await ctx.send(out, [`${task} done by ${ctx.node.id}`], "result");
      },
    };
  },
};
