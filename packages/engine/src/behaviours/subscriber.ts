/** subscriber (SUB): subscribes to its prefix filters; `delayMs` per message makes it slow. */
import type { BehaviourParams } from "@zmqp/protocol";
import type { ZSocket } from "../sockets/registry.js";
import type { BehaviourContext, BehaviourSpec } from "./types.js";

type Params = BehaviourParams<"subscriber">;

export const subscriber: BehaviourSpec<Params> = {
  configure(sock: ZSocket, _socket, params: Params) {
    // Subscribing before connecting: the filter travels with the handshake.
    (sock as unknown as { subscribe(...p: string[]): void }).subscribe(...params.topics);
  },
  create(ctx: BehaviourContext<Params>) {
    return {
      start() {},
      async onMessage() {
        await ctx.sleep(ctx.params.delayMs);
      },
    };
  },
};
