/**
 * The behaviours: one key per behaviour, one definition per key. A definition holds everything
 * the layers ask about a behaviour: its params schema with defaults (the inspector builds its form
 * from it, the engine parses with it), the palette roles that run it with their sockets, and its
 * capabilities (what the engine, the validator and the page do differently for it). The engine runs
 * `packages/engine/src/behaviours/<key>.ts` and the exporter writes `packages/export/src/behaviours/<key>/`;
 * both registries are typed `Record<BehaviourKey, …>`, so a key missing there does not compile.
 * Its words live in the web's locale files under keys derived from it (`stringKeys`).
 */
import { z } from "zod";
import { count, delay, interval, payload, topics } from "./behaviour-params.js";
import { LIMITS } from "./limits.js";
import type { BehaviourDefinition } from "./behaviour-types.js";

const REQ_REPLY = "request-reply";

export const BEHAVIOURS = {
  client: {
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
    roles: {
      client: {
        label: "Client",
        group: REQ_REPLY,
        sockets: [{ id: "req", type: "REQ", binds: false }],
      },
    },
    capabilities: { sendsOnDemand: true },
  },
  server: {
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
    roles: {
      server: {
        label: "Server",
        group: REQ_REPLY,
        sockets: [{ id: "rep", type: "REP", binds: true }],
      },
    },
    capabilities: {},
  },
  broker: {
    params: z.strictObject({ delayMs: delay }),
    roles: {
      broker: {
        label: "Broker",
        group: REQ_REPLY,
        sockets: [
          { id: "frontend", type: "ROUTER", binds: true },
          { id: "backend", type: "DEALER", binds: true },
        ],
      },
    },
    capabilities: {},
  },
  manual: {
    params: z.strictObject({
      intervalMs: interval(0),
      payload: payload("ping {n}"),
      echo: z
        .boolean()
        .default(false)
        .describe("send every received message back (with its envelope)"),
    }),
    // Three palette entries, one behaviour: a socket you drive by hand.
    roles: {
      dealer: {
        label: "Dealer",
        group: REQ_REPLY,
        sockets: [{ id: "dealer", type: "DEALER", binds: false }],
      },
      router: {
        label: "Router",
        group: REQ_REPLY,
        sockets: [{ id: "router", type: "ROUTER", binds: true }],
      },
      pair: { label: "Pair", group: "raw", sockets: [{ id: "pair", type: "PAIR", binds: false }] },
    },
    capabilities: { sendsOnDemand: true, anyZmqSocket: true },
  },
  publisher: {
    params: z.strictObject({
      intervalMs: interval(200),
      topics: topics(["weather", "news"]).describe("topics sent in turn, as the first frame"),
      payload: payload("{topic} update {n}"),
      maxMessages: count,
    }),
    roles: {
      publisher: {
        label: "Publisher",
        group: "pub-sub",
        sockets: [{ id: "pub", type: "PUB", binds: true }],
      },
    },
    capabilities: { sendsOnDemand: true },
  },
  subscriber: {
    params: z.strictObject({
      topics: topics([""]).describe("prefix filters; an empty string takes everything"),
      delayMs: delay.describe("time spent on each message (a slow subscriber)"),
    }),
    roles: {
      subscriber: {
        label: "Subscriber",
        group: "pub-sub",
        sockets: [{ id: "sub", type: "SUB", binds: false }],
      },
    },
    capabilities: { subscribes: "topics" },
  },
  proxy: {
    params: z.strictObject({ delayMs: delay }),
    roles: {
      proxy: {
        label: "Proxy",
        group: "pub-sub",
        sockets: [
          { id: "frontend", type: "XSUB", binds: false },
          { id: "backend", type: "XPUB", binds: true },
        ],
      },
    },
    capabilities: { subscribes: "downstream" },
    phrases: {
      "note.proxySubscribe":
        '{{node}} forwarded a subscription to "{{topic}}" upstream, from {{socket}}',
      "detail.proxyUpstream": "subscribed upstream to {{topics}}",
      "note.proxyUnsubscribe":
        '{{node}} forwarded the end of the subscription to "{{topic}}" upstream, from {{socket}}',
    },
  },
  ventilator: {
    params: z.strictObject({
      intervalMs: interval(100),
      payload: payload("task {n}"),
      maxMessages: count,
    }),
    roles: {
      ventilator: {
        label: "Ventilator",
        group: "pipeline",
        sockets: [{ id: "push", type: "PUSH", binds: true }],
      },
    },
    capabilities: { sendsOnDemand: true },
  },
  worker: {
    params: z.strictObject({ delayMs: delay }),
    roles: {
      worker: {
        label: "Worker",
        group: "pipeline",
        sockets: [
          { id: "pull", type: "PULL", binds: false },
          { id: "push", type: "PUSH", binds: false },
        ],
      },
    },
    capabilities: {},
  },
  sink: {
    params: z.strictObject({}),
    roles: {
      sink: {
        label: "Sink",
        group: "pipeline",
        sockets: [{ id: "pull", type: "PULL", binds: true }],
      },
    },
    capabilities: {},
  },
  "stream-server": {
    params: z.strictObject({
      reply: z.enum(["echo", "fixed", "none"]).default("echo"),
      text: z.string().max(LIMITS.maxPayloadBytes).default("hello from STREAM\n"),
    }),
    roles: {
      "stream-server": {
        label: "STREAM server",
        group: "raw",
        sockets: [{ id: "stream", type: "STREAM", binds: true }],
      },
    },
    // "Send now" writes to every raw TCP connection it holds.
    capabilities: { sendsOnDemand: true },
  },
  "raw-tcp": {
    params: z.strictObject({
      payload: z.string().max(LIMITS.maxPayloadBytes).default("hello\n"),
      encoding: z
        .enum(["text", "hex"])
        .default("text")
        .describe("how payload is written: text, or hex bytes"),
      sendOnConnect: z.boolean().default(true),
    }),
    roles: {
      "raw-tcp-client": {
        label: "Raw TCP client",
        group: "raw",
        sockets: [{ id: "tcp", type: "TCP", binds: false }],
      },
    },
    capabilities: { sendsOnDemand: true },
  },
  external: {
    params: z.strictObject({}),
    roles: {
      external: {
        label: "External peer",
        group: "outside",
        sockets: [{ id: "peer", type: "REP", binds: true }],
      },
    },
    capabilities: { outside: true },
  },
} as const satisfies Record<string, BehaviourDefinition>;

export type BehaviourKey = keyof typeof BEHAVIOURS;
export type BehaviourParams<K extends BehaviourKey> = z.output<(typeof BEHAVIOURS)[K]["params"]>;

/** Params with defaults filled in, or the zod error. */
export function parseParams<K extends BehaviourKey>(key: K, params: unknown) {
  return BEHAVIOURS[key].params.safeParse(params ?? {}) as z.ZodSafeParseResult<BehaviourParams<K>>;
}
