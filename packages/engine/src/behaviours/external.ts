/**
 * external: a socket another program owns (the definition's `outside` capability). The engine
 * opens nothing for it; the node only says so, and shows what the playground sees of its peers
 * (outside-peers.ts).
 */
import { phrase, type BehaviourParams } from "@zmqp/protocol";
import type { BehaviourContext, BehaviourSpec } from "./types.js";

type Params = BehaviourParams<"external">;

export const external: BehaviourSpec<Params> = {
  ownsSockets: true,
  create: (ctx: BehaviourContext<Params>) => ({
    start: () => ctx.setDetail(phrase("detail.external")),
  }),
};
