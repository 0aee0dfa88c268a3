/**
 * The WebSocket protocol between the page and the gateway: one union per direction, tagged by
 * `type`, with a protocol version checked in hello/welcome. Client messages are validated here with
 * zod (the gateway trusts nothing from a page); server messages are plain types.
 */
import { z } from "zod";
import type { DeployResult } from "./deploy-diff.js";
import type { Diagnostic } from "./diagnostics.js";
import type { ErrorCode } from "./errors.js";
import type {
  HeldSendView,
  LinkCounters,
  NodeCounters,
  NodeStatus,
  RuntimeEvent,
} from "./events.js";
import { IdSchema, NODE_ACTIONS, type GraphDoc } from "./graph.js";
import { LIMITS } from "./limits.js";
import type { LinkQueue, PipeStatus } from "./queues.js";

export const PROTOCOL_VERSION = 1;

/** Messages name what the deployed document holds, so they take its ids only. */
const id = IdSchema;

export const ClientMessageSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("hello"), protocol: z.number().int() }),
  /** The document is validated separately with `parseGraph`, so its errors come back as diagnostics. */
  z.strictObject({ type: z.literal("deploy"), doc: z.unknown() }),
  z.strictObject({ type: z.literal("stop") }),
  z.strictObject({
    type: z.literal("node"),
    node: id,
    action: z.enum(NODE_ACTIONS),
    payload: z.string().max(LIMITS.maxPayloadBytes).optional(),
  }),
  z.strictObject({
    type: z.literal("link"),
    link: id,
    action: z.enum(["cut", "restore"]),
    latencyMs: z.number().int().min(0).max(LIMITS.maxDelayMs).optional(),
  }),
  /** Wire inspector: route a tcp link through a decoding relay (`wire` events), or stop. */
  z.strictObject({ type: z.literal("wire"), link: id, action: z.enum(["watch", "unwatch"]) }),
  /** Step mode: `hold` queues every send, `next` releases one, `release` lets all go and ends step mode. */
  z.strictObject({ type: z.literal("step"), action: z.enum(["hold", "next", "release"]) }),
  /** Multiplies every behaviour's interval by 1/factor (2 = twice as fast). */
  z.strictObject({ type: z.literal("speed"), factor: z.number().min(0.1).max(10) }),
  z.strictObject({ type: z.literal("ping") }),
]);

export type ClientMessage = z.output<typeof ClientMessageSchema>;

/** What a page needs to draw the current state at once (sent on welcome and on reconnect). */
export interface RuntimeSnapshot {
  state: "idle" | "running";
  deployId: number;
  doc: GraphDoc | null;
  nodes: Record<string, NodeStatus>;
  counters: { nodes: Record<string, NodeCounters>; links: Record<string, LinkCounters> };
  stepMode: boolean;
  speed: number;
  /** Cut links (their connecting socket is really disconnected). */
  cutLinks: string[];
  /** Links routed through the wire inspector's relay. */
  watchedLinks?: string[];
  /** Sends step mode holds, oldest first (see RuntimeControls). */
  held?: HeldSendView[];
  heldTotal?: number;
  /** Link id → added latency, ms. */
  latency?: Record<string, number>;
  /** Messages in flight per link and direction (the last `queues` event's links). */
  queues?: LinkQueue[];
  /** Sockets whose pipe is not `ok` now (the last `pipe` event of each). */
  pipes?: PipeStatus[];
}

export type ServerMessage =
  | { type: "welcome"; protocol: number; snapshot: RuntimeSnapshot; allowExternal: boolean }
  | { type: "incompatible"; protocol: number; reason: string }
  | {
      type: "batch";
      seq: number;
      events: RuntimeEvent[];
      /** Per-message events left out of this batch because the rate was too high to draw. */
      sampled: number;
    }
  | ({ type: "deployed" } & DeployResult)
  | { type: "rejected"; code: ErrorCode; message: string; diagnostics?: Diagnostic[] }
  | { type: "pong" };
