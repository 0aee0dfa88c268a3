/** The empty canvas in Attach mode: what will appear here, and when. */
import { useTranslation } from "react-i18next";
import { useApp } from "../store/index.js";

export function AttachEmpty() {
  const { t } = useTranslation();
  const watching = useApp((s) => s.run.state === "running");
  return (
    <div className="welcome" data-testid="attach.empty">
      <div className="welcome-card">
        <h2>{t("attach.emptyTitle")}</h2>
        <p className="welcome-hint">
          {watching ? t("attach.emptyWatching") : t("attach.emptyIdle")}
        </p>
      </div>
    </div>
  );
}
