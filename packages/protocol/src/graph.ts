/**
 * The graph document: versioned, strict (unknown keys are refused), migrated on load.
 * Saved files, templates in `scenarios/`, the canvas and the gateway all use this one schema.
 */
import { z } from "zod";
import { LIMITS } from "./limits.js";
import { ROLE_KEYS, type Role } from "./roles.js";
import { SOCKET_TYPES } from "./socket-types.js";

export const GRAPH_VERSION = 1;

/**
 * What a node, socket or link id may be: the document's schema, the WebSocket messages that name
 * one and the gateway's routes all check this one rule (it also keeps file names built from ids safe).
 */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
export const IdSchema = z
  .string()
  .regex(ID_PATTERN, "ids are 1-64 letters, digits, _ . - (starting with a letter or digit)");
const id = IdSchema;
const text = (max: number = LIMITS.maxStringLength) => z.string().max(max);
/** A text a person reads, in one language or one per language (`LocalizedText`, read with `localized`). */
const localizedText = (max: number) =>
  z.union([text(max), z.strictObject({ en: text(max).optional(), "zh-TW": text(max).optional() })]);

export const SocketOptionsSchema = z.strictObject({
  sendHighWaterMark: z.number().int().min(0).max(1_000_000).optional(),
  receiveHighWaterMark: z.number().int().min(0).max(1_000_000).optional(),
  routingId: z.string().min(1).max(255).optional(),
  /** REQ only: relaxed + correlate, so the socket may send again after a lost reply. */
  relaxed: z.boolean().optional(),
  /** Drop queued messages to a peer that is not connected yet instead of queueing them. */
  immediate: z.boolean().optional(),
});

export const SocketSchema = z.strictObject({
  id,
  type: z.enum(SOCKET_TYPES),
  /** Endpoints this socket binds; it connects through links. */
  bind: z.array(text()).max(LIMITS.maxBindsPerSocket).default([]),
  options: SocketOptionsSchema.optional(),
});

export const NodeSchema = z.strictObject({
  id,
  role: z.enum(ROLE_KEYS as [Role, ...Role[]]),
  /** What the canvas calls the node (its id when absent), in one language or one per language. */
  label: localizedText(80).optional(),
  position: z.strictObject({ x: z.number().finite(), y: z.number().finite() }).optional(),
  sockets: z.array(SocketSchema).min(1).max(LIMITS.maxSocketsPerNode),
  /** Behaviour params (schema per role's behaviour in `behaviours.ts`); defaults fill the rest. */
  params: z.record(z.string(), z.unknown()).default({}),
  /** false: the node stays stopped at deploy until a timeline step or a person starts it. */
  autostart: z.boolean().default(true),
});

export const SocketRefSchema = z.strictObject({ node: id, socket: id });

export const LinkSchema = z.strictObject({
  id,
  /** The connecting socket. */
  from: SocketRefSchema,
  /** The binding socket. */
  to: SocketRefSchema,
  /** Which of `to`'s bind endpoints to dial; its first when absent. */
  endpoint: text().optional(),
});

/** What a person (or a timeline step) can do to a node. */
export const NODE_ACTIONS = [
  "start",
  "stop",
  "kill",
  "restart",
  "pause",
  "resume",
  "send",
] as const;
export type NodeAction = (typeof NODE_ACTIONS)[number];

/** A timeline step acts on a node, or cuts and restores a link. */
export const TIMELINE_ACTIONS = [...NODE_ACTIONS, "cut", "restore"] as const;
export type TimelineAction = (typeof TIMELINE_ACTIONS)[number];

export const TimelineStepSchema = z.strictObject({
  atMs: z.number().int().min(0).max(LIMITS.maxTimelineAtMs),
  action: z.enum(TIMELINE_ACTIONS),
  node: id.optional(),
  link: id.optional(),
  payload: text(LIMITS.maxPayloadBytes).optional(),
  /** Shown in the event log when the step runs, to narrate a lesson. */
  note: localizedText(500).optional(),
});

export const LessonSchema = z.strictObject({
  en: text(20_000).optional(),
  "zh-TW": text(20_000).optional(),
});

export const GraphSchema = z.strictObject({
  version: z.literal(GRAPH_VERSION),
  name: text(80).optional(),
  title: localizedText(120).optional(),
  description: localizedText(1000).optional(),
  lesson: LessonSchema.optional(),
  nodes: z.array(NodeSchema).max(LIMITS.maxNodes),
  links: z.array(LinkSchema).max(LIMITS.maxLinks).default([]),
  timeline: z.array(TimelineStepSchema).max(LIMITS.maxTimelineSteps).default([]),
});

export type GraphDoc = z.output<typeof GraphSchema>;
export type GraphInput = z.input<typeof GraphSchema>;
export type GraphNode = GraphDoc["nodes"][number];
export type GraphSocket = GraphNode["sockets"][number];
export type GraphLink = GraphDoc["links"][number];
export type TimelineStep = GraphDoc["timeline"][number];
export type SocketOptions = z.output<typeof SocketOptionsSchema>;

/** Keys that could reach an object's prototype; refused anywhere in a document. */
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** Finds a forbidden key anywhere in parsed JSON; returns its path or null. */
export function findForbiddenKey(value: unknown, path: string[] = []): string[] | null {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = findForbiddenKey(value[i], [...path, String(i)]);
      if (p) return p;
    }
  } else if (value && typeof value === "object") {
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) return [...path, key];
      const p = findForbiddenKey((value as Record<string, unknown>)[key], [...path, key]);
      if (p) return p;
    }
  }
  return null;
}

/**
 * Brings an older document up to `GRAPH_VERSION`. Hand-written files may leave `version` out:
 * they are taken as the current version. A newer version is refused (made by a newer playground).
 */
export function migrate(raw: unknown): unknown {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return raw;
  const doc = raw as Record<string, unknown>;
  if (doc.version === undefined) return { ...doc, version: GRAPH_VERSION };
  return doc;
}
