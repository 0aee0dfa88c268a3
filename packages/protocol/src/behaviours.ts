/**
 * The behaviour registry: one key per behaviour, its params schema and defaults.
 * The inspector builds its form from these schemas; the engine validates with the same ones and
 * runs the file `packages/engine/src/behaviours/<key>.ts`.
 */
import { z } from "zod";
import { LIMITS } from "./limits.js";

const interval = (def: number) =>
  z
    .number()
    .int()
    .min(0)
    .max(LIMITS.maxIntervalMs)
    .default(def)
    .describe("ms between sends; 0 sends only when you press Send now");
const delay = z
  .number()
  .int()
  .min(0)
  .max(LIMITS.maxDelayMs)
  .default(0)
  .describe("processing delay, ms");
const payload = (def: string) =>
  z
    .string()
    .max(LIMITS.maxPayloadBytes)
    .default(def)
    .describe("text to send; {n} is the message number, {topic} the topic");
const topics = (def: string[]) =>
  z.array(z.string().max(LIMITS.maxStringLength)).max(LIMITS.maxTopics).default(def);
const count = z
  .number()
  .int()
  .min(0)
  .max(1_000_000_000)
  .default(0)
  .describe("stop after this many; 0 = no limit");

export const BEHAVIOURS = {
  client: {
    label: "Request client",
    params: z.strictObject({
      intervalMs: interval(1000),
      payload: payload("hello {n}"),
      maxRequests: count,
      timeoutMs: z
        .number()
        .int()
        .min(0)
        .max(LIMITS.maxDelayMs)
        .default(0)
        .describe("give up waiting for a reply after this many ms; 0 = wait forever (plain REQ)"),
      lazyPirate: z
        .boolean()
        .default(false)
        .describe("on timeout close the socket, open a new one and resend (Lazy Pirate)"),
      retries: z
        .number()
        .int()
        .min(0)
        .max(100)
        .default(3)
        .describe("Lazy Pirate resends before giving up"),
    }),
  },
  server: {
    label: "Reply server",
    params: z.strictObject({
      reply: z
        .enum(["echo", "upper", "prefix", "fixed"])
        .default("prefix")
        .describe("echo the request, upper-case it, prefix it, or send a fixed text"),
      text: z
        .string()
        .max(LIMITS.maxPayloadBytes)
        .default("world")
        .describe("fixed reply, or the prefix; {n} is the reply number"),
      delayMs: delay,
    }),
  },
  broker: {
    label: "Broker (ROUTER/DEALER loop)",
    params: z.strictObject({ delayMs: delay }),
  },
  publisher: {
    label: "Publisher",
    params: z.strictObject({
      intervalMs: interval(200),
      topics: topics(["weather", "news"]).describe("topics sent in turn, as the first frame"),
      payload: payload("{topic} update {n}"),
      maxMessages: count,
    }),
  },
  subscriber: {
    label: "Subscriber",
    params: z.strictObject({
      topics: topics([""]).describe("prefix filters; an empty string takes everything"),
      delayMs: delay.describe("time spent on each message (a slow subscriber)"),
    }),
  },
  ventilator: {
    label: "Ventilator (PUSH tasks)",
    params: z.strictObject({
      intervalMs: interval(100),
      payload: payload("task {n}"),
      maxMessages: count,
    }),
  },
  worker: {
    label: "Pipeline worker",
    params: z.strictObject({ delayMs: delay }),
  },
  sink: { label: "Sink", params: z.strictObject({}) },
  manual: {
    label: "Socket driven by hand",
    params: z.strictObject({
      intervalMs: interval(0),
      payload: payload("ping {n}"),
      echo: z
        .boolean()
        .default(false)
        .describe("send every received message back (with its envelope)"),
    }),
  },
  "stream-server": {
    label: "STREAM server",
    params: z.strictObject({
      reply: z.enum(["echo", "fixed", "none"]).default("echo"),
      text: z.string().max(LIMITS.maxPayloadBytes).default("hello from STREAM\n"),
    }),
  },
  "raw-tcp": {
    label: "Raw TCP client",
    params: z.strictObject({
      payload: z.string().max(LIMITS.maxPayloadBytes).default("hello\n"),
      encoding: z
        .enum(["text", "hex"])
        .default("text")
        .describe("how payload is written: text, or hex bytes"),
      sendOnConnect: z.boolean().default(true),
    }),
  },
  external: { label: "External peer (not run here)", params: z.strictObject({}) },
} as const;

export type BehaviourKey = keyof typeof BEHAVIOURS;
export type BehaviourParams<K extends BehaviourKey> = z.output<(typeof BEHAVIOURS)[K]["params"]>;
export const BEHAVIOUR_KEYS = Object.keys(BEHAVIOURS) as BehaviourKey[];

/** Params with defaults filled in, or the zod error. */
export function parseParams<K extends BehaviourKey>(key: K, params: unknown) {
  return BEHAVIOURS[key].params.safeParse(params ?? {}) as z.ZodSafeParseResult<BehaviourParams<K>>;
}
