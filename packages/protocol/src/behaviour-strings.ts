/**
 * A behaviour's words: the phrases its definition writes in English (merged into EN_TEXT), and
 * every key of the web's locale files it needs (`stringKeys`), so a test can check both locales
 * hold each one.
 */
import { z } from "zod";
import { BEHAVIOURS, type BehaviourKey } from "./behaviours.js";

/** The behaviours' own phrases, by key. */
type PhrasesOf<K> = K extends BehaviourKey
  ? (typeof BEHAVIOURS)[K] extends { phrases: infer P }
    ? P
    : never
  : never;
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (
  x: infer I,
) => void
  ? I
  : never;
export type BehaviourPhrases = UnionToIntersection<PhrasesOf<BehaviourKey>>;
export const BEHAVIOUR_PHRASES = Object.assign(
  {},
  ...Object.values(BEHAVIOURS).map((d) => ("phrases" in d ? d.phrases : {})),
) as BehaviourPhrases;

interface ParamJson {
  description?: string;
  enum?: unknown[];
}

/**
 * The locale keys a behaviour's strings live under: its name (`behaviours.<key>`), each palette
 * role's label and hint, each param's name, help (when its schema describes it) and options, and
 * the phrases its definition adds.
 */
export function stringKeys(key: BehaviourKey): string[] {
  const d = BEHAVIOURS[key];
  const keys = [`behaviours.${key}`];
  for (const role of Object.keys(d.roles)) keys.push(`roles.${role}.label`, `roles.${role}.hint`);
  const json = z.toJSONSchema(d.params, { io: "input" }) as {
    properties?: Record<string, ParamJson>;
  };
  for (const [name, p] of Object.entries(json.properties ?? {})) {
    keys.push(`params.${name}`);
    if (p.description) keys.push(`paramHelp.${key}.${name}`);
    for (const o of p.enum ?? []) keys.push(`paramOptions.${name}.${String(o)}`);
  }
  if ("phrases" in d) keys.push(...Object.keys(d.phrases));
  return keys;
}
