/**
 * The behaviour registry: one entry per key of `BEHAVIOURS` in @zmqp/protocol. A key missing here
 * (raw-tcp, stream-server until the wire helper adds them) makes its nodes report
 * "not available yet" instead of failing the deploy.
 */
import type { BehaviourKey } from "@zmqp/protocol";
import { client } from "./client.js";
import { server } from "./server.js";
import type { BehaviourSpec } from "./types.js";

// Each spec is typed with its own params; the runner hands over params parsed by the same schema.
export const BEHAVIOUR_SPECS: Partial<Record<BehaviourKey, BehaviourSpec<never>>> = {
  client,
  server,
};
