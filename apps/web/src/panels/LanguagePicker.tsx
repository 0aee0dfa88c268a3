/** The language menu at the end of every toolbar (playground, attach, player): one control, one test id. */
import { useTranslation } from "react-i18next";
import { LOCALES } from "../i18n/index.js";
import { appStore, useApp } from "../store/index.js";
import type { Locale } from "../store/uiSlice.js";

export function LanguagePicker() {
  const { t } = useTranslation();
  const locale = useApp((s) => s.locale);
  return (
    <label className="group small">
      <span className="sr-only">{t("toolbar.language")}</span>
      <select
        aria-label={t("toolbar.language")}
        value={locale}
        data-testid="toolbar.locale"
        onChange={(e) => appStore.getState().setLocale(e.target.value as Locale)}
      >
        {LOCALES.map((l) => (
          <option key={l.key} value={l.key}>
            {l.label}
          </option>
        ))}
      </select>
    </label>
  );
}
