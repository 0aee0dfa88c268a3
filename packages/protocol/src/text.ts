/**
 * Words for people, kept apart from the code that produces them. Protocol, the engine and the
 * gateway never build a sentence a person reads: they return a `Phrase` (a key of `EN_TEXT` and its
 * parameters). The web formats it in the reader's language from its locale files; the CLI and the
 * `message`/`detail` strings kept for logs and tests use the English here (`english`).
 */
import { EN_TEXT } from "./text-en.js";

export { EN_TEXT };

/** The keys protocol, the engine and the gateway may say something with. */
export type PhraseKey = keyof typeof EN_TEXT;

/** A parameter: a value shown as is, or a phrase of its own (formatted first, in the same language). */
export type PhraseParam = string | number | Phrase;

/** A sentence as a key and its parameters, e.g. `{ key: "endpoint.portRange", params: { port: "70000" } }`. */
export interface Phrase {
  key: PhraseKey;
  params?: Record<string, PhraseParam>;
}

export function phrase(key: PhraseKey, params?: Record<string, PhraseParam>): Phrase {
  return params ? { key, params } : { key };
}

/** Fills a `{{name}}` template (i18next's syntax, so the web's locale files use the same strings). */
export function fill(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (m, name: string) =>
    name in params ? String(params[name]) : m,
  );
}

/** A phrase in English: what the CLI prints and what `message` and `detail` strings carry. */
export function english(p: Phrase): string {
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(p.params ?? {}))
    params[k] = typeof v === "object" ? english(v) : v;
  return fill(EN_TEXT[p.key], params);
}

/** The languages a document's own texts (title, description, lesson, timeline notes) come in. */
export const DOC_LOCALES = ["en", "zh-TW"] as const;
export type DocLocale = (typeof DOC_LOCALES)[number];

/** A document text: one string (in English), or one string per language. */
export type LocalizedText = string | { en?: string; "zh-TW"?: string };

/** The text in `locale`, else in English, else in any language it has; undefined when absent. */
export function localized(
  text: LocalizedText | undefined,
  locale: DocLocale = "en",
): string | undefined {
  if (text === undefined || typeof text === "string") return text;
  return text[locale] ?? text.en ?? text["zh-TW"];
}
