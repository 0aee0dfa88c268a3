/**
 * Formats what protocol, the engine and the page say (a key of the locale files and its
 * parameters) in the current language. A parameter may be a phrase itself: it is said first.
 */
import type { Phrase, PhraseParam } from "@zmqp/protocol";
import type { TFunction } from "i18next";
import { i18n } from "./index.js";

/** A phrase of protocol (`Phrase`) or one of the page's own locale keys. */
export interface Saying {
  key: string;
  params?: Record<string, PhraseParam | Saying>;
}

export function sayWith(t: TFunction, p: Saying | Phrase): string {
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(p.params ?? {}))
    params[k] = typeof v === "object" ? sayWith(t, v) : v;
  // Protocol names a bad setting by its key (intervalMs); the page names it as the inspector
  // does (Interval (ms), 間隔（毫秒）), so the reader finds the field to fix.
  if (p.key === "diag.badParams" && typeof params.path === "string")
    params.path = t(`params.${params.path}`, { defaultValue: params.path });
  return t(p.key, params);
}

/** Outside React (actions, toasts): the language of the moment. */
export function say(p: Saying | Phrase): string {
  return sayWith(i18n.t, p);
}
