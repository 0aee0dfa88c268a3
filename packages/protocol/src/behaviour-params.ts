/**
 * The params several behaviours share, as zod schemas with their defaults and their English help
 * (`describe`): the inspector shows the help, and the locale files carry it under
 * `paramHelp.<behaviour>.<param>` (a test checks they say the same).
 */
import { z } from "zod";
import { LIMITS } from "./limits.js";

export const interval = (def: number) =>
  z
    .number()
    .int()
    .min(0)
    .max(LIMITS.maxIntervalMs)
    .default(def)
    .describe("ms between sends; 0 sends only when you press Send now");
export const delay = z
  .number()
  .int()
  .min(0)
  .max(LIMITS.maxDelayMs)
  .default(0)
  .describe("processing delay, ms");
export const payload = (def: string) =>
  z
    .string()
    .max(LIMITS.maxPayloadBytes)
    .default(def)
    .describe("text to send; {n} is the message number, {topic} the topic");
export const topics = (def: string[]) =>
  z.array(z.string().max(LIMITS.maxStringLength)).max(LIMITS.maxTopics).default(def);
export const count = z
  .number()
  .int()
  .min(0)
  .max(1_000_000_000)
  .default(0)
  .describe("stop after this many; 0 = no limit");
