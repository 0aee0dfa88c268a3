/** The toolbar's Share: the graph as a link (in the fragment, so no server ever sees it). */
import { MAX_SHARE_LINK_CHARS, shareFragment } from "@zmqp/recording";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { appStore } from "../store/index.js";
import { RunRecordingSection } from "./RunRecordingSection.js";
import { RecordingLink } from "./RecordingLink.js";
import { useClickOutside } from "../panels/useClickOutside.js";

type Copy = "idle" | "copied" | "failed";

export function ShareButton() {
  const { t } = useTranslation();
  const [link, setLink] = useState<string | null>(null);
  const [copy, setCopy] = useState<Copy>("idle");
  const ref = useClickOutside(link !== null, () => setLink(null));

  const toggle = () => {
    if (link !== null) return setLink(null);
    const st = appStore.getState();
    if (st.doc.nodes.length === 0) return st.toast("error", t("toast.emptyGraph"));
    // No query string: the person's token must never travel in a link they hand out.
    setLink(`${window.location.origin}${window.location.pathname}${shareFragment(st.doc)}`);
    setCopy("idle");
  };
  const copyLink = async () => {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link);
      setCopy("copied");
    } catch {
      setCopy("failed");
    }
  };
  const tooLong = link !== null && link.length > MAX_SHARE_LINK_CHARS;

  return (
    <div className="menu" ref={ref}>
      <button
        type="button"
        className="btn"
        aria-haspopup="dialog"
        aria-expanded={link !== null}
        data-testid="toolbar.share"
        title={t("share.buttonHint")}
        onClick={toggle}
      >
        {t("share.button")} ▾
      </button>
      {link !== null && (
        <div className="menu-list share-menu" role="dialog" aria-label={t("share.title")}>
          <p className="menu-head">
            <b>{t("share.title")}</b>
            <span className="muted small">{t("share.explain")}</span>
          </p>
          {tooLong ? (
            <p className="share-note" data-testid="share.tooLong">
              {t("share.tooLong", { chars: link.length, limit: MAX_SHARE_LINK_CHARS })}
            </p>
          ) : (
            <div className="share-body">
              <input
                readOnly
                value={link}
                data-testid="share.link"
                aria-label={t("share.title")}
                onFocus={(e) => e.target.select()}
              />
              <div className="share-row">
                <button
                  type="button"
                  className="btn primary-outline"
                  data-testid="share.copy"
                  onClick={() => void copyLink()}
                >
                  {t("share.copy")}
                </button>
                <span className="muted small" data-testid="share.status" role="status">
                  {copy === "copied"
                    ? t("share.copied")
                    : copy === "failed"
                      ? t("share.copyFailed")
                      : t("share.size", { chars: link.length })}
                </span>
              </div>
            </div>
          )}
          <RunRecordingSection />
          <RecordingLink />
        </div>
      )}
    </div>
  );
}
