/**
 * The behaviour registry: one engine file per key of `BEHAVIOURS` in @zmqp/protocol. It is typed
 * `satisfies Record<BehaviourKey, …>`, so a behaviour defined in protocol without its engine file
 * does not compile.
 */
import type { BehaviourKey } from "@zmqp/protocol";
import { broker } from "./broker.js";
import { client } from "./client.js";
import { external } from "./external.js";
import { manual } from "./manual.js";
import { proxy } from "./proxy.js";
import { publisher } from "./publisher.js";
import { rawTcp } from "./raw-tcp.js";
import { server } from "./server.js";
import { sink } from "./sink.js";
import { streamServer } from "./stream-server.js";
import { subscriber } from "./subscriber.js";
import type { BehaviourSpec } from "./types.js";
import { ventilator } from "./ventilator.js";
import { worker } from "./worker.js";

// Each spec is typed with its own params; the runner hands over params parsed by the same schema.
export const BEHAVIOUR_SPECS = {
  client,
  server,
  broker,
  manual,
  publisher,
  subscriber,
  proxy,
  ventilator,
  worker,
  sink,
  "stream-server": streamServer,
  "raw-tcp": rawTcp,
  external,
} satisfies Record<BehaviourKey, BehaviourSpec<never>>;
