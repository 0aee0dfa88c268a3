/** i18next with the two locales of the playground: English and Traditional Chinese (the seed's language). */
import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import en from "./en.json";
import zhTW from "./zh-TW.json";

export const LOCALES = [
  { key: "en", label: "EN" },
  { key: "zh-TW", label: "繁體中文" },
] as const;

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, "zh-TW": { translation: zhTW } },
  lng: "en",
  fallbackLng: "en",
  // Reasons from the protocol contain ':' and '.', so keys never split on them by accident.
  nsSeparator: false,
  interpolation: { escapeValue: false },
  initAsync: false,
});
