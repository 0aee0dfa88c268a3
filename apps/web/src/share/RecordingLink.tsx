/**
 * "Copy a link to this recording": the recording inside the link's fragment when it fits
 * (MAX_SHARE_LINK_CHARS), otherwise a plain word that it is too big and to share the file.
 */
import { MAX_SHARE_LINK_CHARS, recLinkFragment } from "@zmqp/recording";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { recordingBytes } from "./recordingBytes.js";

type LinkState =
  | { k: "idle" }
  | { k: "making" }
  | { k: "ready"; link: string; copied: boolean | null }
  | { k: "tooBig"; chars: number }
  | { k: "none" }
  | { k: "failed"; reason: string };

export function RecordingLink() {
  const { t } = useTranslation();
  const [state, setState] = useState<LinkState>({ k: "idle" });
  const make = async () => {
    setState({ k: "making" });
    try {
      const bytes = await recordingBytes();
      if (!bytes) return setState({ k: "none" });
      // No query string: a token or a ?rec= of this page must not travel with the recording.
      const link = `${window.location.origin}${window.location.pathname}${recLinkFragment(bytes)}`;
      if (link.length > MAX_SHARE_LINK_CHARS) return setState({ k: "tooBig", chars: link.length });
      let copied: boolean;
      try {
        await navigator.clipboard.writeText(link);
        copied = true;
      } catch {
        copied = false;
      }
      setState({ k: "ready", link, copied });
    } catch (err) {
      setState({ k: "failed", reason: (err as Error).message });
    }
  };
  return (
    <div className="share-run" data-testid="share.rec">
      <div className="share-row">
        <button
          type="button"
          className="btn primary-outline"
          data-testid="share.rec.copy"
          disabled={state.k === "making"}
          onClick={() => void make()}
        >
          {t("share.recLink")}
        </button>
        <span className="muted small" role="status" data-testid="share.rec.status">
          {state.k === "ready"
            ? state.copied
              ? t("share.recCopied", { chars: state.link.length })
              : t("share.copyFailed")
            : state.k === "tooBig"
              ? t("share.recTooBig", { chars: state.chars, limit: MAX_SHARE_LINK_CHARS })
              : state.k === "none"
                ? t("share.runNone")
                : state.k === "failed"
                  ? t("share.runFailed", { reason: state.reason })
                  : t("share.recHint")}
        </span>
      </div>
      {state.k === "ready" && (
        <input
          readOnly
          value={state.link}
          data-testid="share.rec.link"
          aria-label={t("share.recLink")}
          onFocus={(e) => e.target.select()}
        />
      )}
    </div>
  );
}
