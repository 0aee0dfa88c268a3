/**
 * What the reader accepts. A recording may come from anywhere (a link, a download), so every value
 * the replay uses as a key or a number is checked: a file cannot smuggle `__proto__` in as a node
 * id, or a string where a counter goes. Event types this version does not know pass as long as
 * they have a type and a time: newer state events replay as "latest of their type".
 */
import { z } from "zod";

const FORBIDDEN = new Set(["__proto__", "constructor", "prototype"]);
const key = z
  .string()
  .max(256)
  .refine((s) => !FORBIDDEN.has(s), "a reserved name");
const count = z.number().finite();
const time = z.number().finite();
const counts = z.object({ sent: count, received: count, dropped: count, errors: count }).loose();
const nodeCounters = counts
  .extend({
    dropReasons: z.record(key, count),
    peers: z.record(key, z.object({ sent: count, received: count }).loose()),
    sockets: z.record(key, counts),
  })
  .loose();
const CountersSchema = z.object({
  nodes: z.record(key, nodeCounters),
  links: z.record(key, z.object({ forward: count, backward: count }).loose()),
});
const nodeStatus = z
  .object({ state: z.string(), sockets: z.record(key, z.object({}).loose()) })
  .loose();

const event = <T extends z.ZodRawShape>(type: string, shape: T) =>
  z.object({ type: z.literal(type), t: time, ...shape }).loose();

const EVENT_SCHEMAS: Record<string, z.ZodType> = {
  message: event("message", {
    id: count,
    node: key,
    socket: key,
    direction: z.enum(["in", "out"]),
    link: key.nullable(),
    linkDirection: z.enum(["forward", "backward"]).optional(),
    from: z.object({ node: key, socket: key }).loose().optional(),
    sendId: count.optional(),
    frames: z.array(z.object({ size: count, hex: z.string() }).loose()),
  }),
  status: event("status", { node: key, status: nodeStatus }),
  counters: event("counters", CountersSchema.shape),
  drop: event("drop", { node: key, socket: key, reason: key, count }),
  error: event("error", {
    node: key,
    socket: key.optional(),
    code: z.string(),
    message: z.string(),
  }),
  runtime: event("runtime", { state: z.enum(["running", "stopped"]), deployId: count }),
};
const anyEvent = z.object({ type: key, t: time }).loose();

const EventSchema = z.custom<unknown>((v) => {
  const type = (v as { type?: unknown } | null)?.type;
  const schema = (typeof type === "string" && EVENT_SCHEMAS[type]) || anyEvent;
  return schema.safeParse(v).success;
}, "an event this recording cannot replay");

export const EntrySchema = z.discriminatedUnion("k", [
  z.object({ k: z.literal("e"), e: EventSchema }),
  z.object({ k: z.literal("doc"), t: time, doc: z.object({}).loose() }),
  z.object({ k: z.literal("tally"), t: time, n: count, m: z.record(z.string(), count) }),
  z.object({ k: z.literal("sync"), t: time, counters: CountersSchema }),
]);

export const StateSchema = z
  .object({
    t: time,
    running: z.boolean(),
    ended: z.boolean(),
    deployId: count,
    doc: z.object({}).loose().nullable(),
    nodes: z.record(key, nodeStatus),
    counters: CountersSchema,
    sampled: count,
    latest: z.record(key, EventSchema),
  })
  .loose();

const checksum = z.string().regex(/^[0-9a-f]{8}$/);
export const ManifestSchema = z
  .object({
    format: z.literal("zmqrec"),
    version: z.number().int(),
    createdAt: z.string(),
    startedAt: time,
    endedAt: time,
    producer: z.object({ name: z.string(), version: z.string() }),
    complete: z.boolean(),
    budget: z.object({ maxMessages: count, maxBytes: count }),
    counts: z.object({
      entries: count,
      messagesSeen: count,
      messagesKept: count,
      messagesSampled: count,
      truncatedEntries: count,
    }),
    checksums: z.object({
      "document.json": checksum,
      "start.json": checksum,
      "entries.json": checksum,
    }),
  })
  .loose();
