/**
 * The language a first visit opens in, before the person has picked one: the first of the
 * browser's preferred languages we have. Traditional Chinese is zh-TW, and the tags that are
 * written in it (zh-Hant, zh-HK, zh-MO); Simplified Chinese (zh-CN, zh-Hans) is not it, so it
 * reads English like every other language we do not have.
 */
import type { Locale } from "../store/uiSlice.js";

const TRADITIONAL = /^zh-(tw|hant|hk|mo)\b/i;

export function preferredLocale(languages: readonly string[]): Locale {
  for (const tag of languages) {
    if (TRADITIONAL.test(tag)) return "zh-TW";
    if (/^en\b/i.test(tag)) return "en";
  }
  return "en";
}
