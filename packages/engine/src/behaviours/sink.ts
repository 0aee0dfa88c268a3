/** sink (PULL): collects results fairly from every worker; the engine counts them per peer. */
import type { BehaviourParams } from "@zmqp/protocol";
import type { BehaviourSpec } from "./types.js";

export const sink: BehaviourSpec<BehaviourParams<"sink">> = {
  create: () => ({ start() {} }),
};
