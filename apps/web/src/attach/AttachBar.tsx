/** The toolbar in Attach mode: what this page is, that it only observes, and the way back. */
import { useTranslation } from "react-i18next";
import { useApp } from "../store/index.js";
import { EDITOR_URL } from "./mode.js";
import { LanguagePicker } from "../panels/LanguagePicker.js";

export function AttachBar() {
  const { t } = useTranslation();
  const watching = useApp((s) => s.run.state === "running");
  return (
    <header className="toolbar attach-bar" role="toolbar" aria-label={t("attach.title")}>
      <div className="brand">
        <span className="logo" aria-hidden="true">
          ØMQ
        </span>
        <span className="brand-name">{t("attach.title")}</span>
      </div>
      <span
        className="observed-badge"
        data-testid="attach.observed"
        title={t("attach.observedHint")}
      >
        {t("attach.observed")}
      </span>
      <span className={`state ${watching ? "on" : ""}`} data-testid="attach.state">
        {watching ? t("attach.watching") : t("attach.notWatching")}
      </span>
      <div className="group spacer" />
      <a className="btn" href={EDITOR_URL} data-testid="attach.back">
        ← {t("attach.back")}
      </a>
      <LanguagePicker />
    </header>
  );
}
