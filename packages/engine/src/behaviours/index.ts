/**
 * The behaviour registry: one entry per key of `BEHAVIOURS` in @zmqp/protocol. A key missing here
 * (raw-tcp, stream-server until the wire helper adds them) makes its nodes report
 * "not available yet" instead of failing the deploy. `external` runs nothing (see node-runner).
 */
import type { BehaviourKey } from "@zmqp/protocol";
import { broker } from "./broker.js";
import { client } from "./client.js";
import { manual } from "./manual.js";
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
export const BEHAVIOUR_SPECS: Partial<Record<BehaviourKey, BehaviourSpec<never>>> = {
  client,
  server,
  broker,
  publisher,
  subscriber,
  ventilator,
  worker,
  sink,
  manual,
  "raw-tcp": rawTcp,
  "stream-server": streamServer,
};
