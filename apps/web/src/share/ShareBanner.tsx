/** While a shared graph is shown over the person's own: say so, and let them choose. */
import { useTranslation } from "react-i18next";
import { backToOwn, keepShared } from "./open.js";
import { usePendingShare } from "./pending.js";

export function ShareBanner() {
  const { t } = useTranslation();
  const pending = usePendingShare((s) => s.own !== null);
  if (!pending) return null;
  return (
    <div
      className="share-pending"
      role="alertdialog"
      aria-label={t("share.pending")}
      data-testid="share.pending"
    >
      <span>{t("share.pending")}</span>
      <button
        type="button"
        className="btn primary-outline"
        data-testid="share.keep"
        onClick={keepShared}
      >
        {t("share.keep")}
      </button>
      <button type="button" className="btn" data-testid="share.back" onClick={backToOwn}>
        {t("share.back")}
      </button>
    </div>
  );
}
