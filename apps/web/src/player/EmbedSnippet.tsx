/**
 * The `<iframe>` that embeds the recording shown in a lesson or a blog post. Only a recording
 * opened by URL (`?rec=`) can be embedded: the frame must fetch it from the same static host.
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useApp } from "../store/index.js";

function embedSnippet(rec: string): string {
  const src = new URL(window.location.pathname, window.location.origin);
  src.searchParams.set("rec", rec);
  src.searchParams.set("embed", "1");
  return `<iframe src="${src.href}" width="960" height="600" style="border:0" title="ZeroMQ Playground recording" loading="lazy"></iframe>`;
}

export function EmbedSnippet() {
  const { t } = useTranslation();
  const origin = useApp((s) => s.replay?.origin ?? null);
  const [copied, setCopied] = useState<boolean | null>(null);
  if (!origin || origin.kind !== "url")
    return (
      <p className="muted small" data-testid="player.embed.none">
        {t("player.embedNeedsUrl")}
      </p>
    );
  const snippet = embedSnippet(origin.name);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(snippet);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="share-body" data-testid="player.embed">
      <textarea
        readOnly
        rows={3}
        value={snippet}
        data-testid="player.embed.code"
        aria-label={t("player.embedTitle")}
        onFocus={(e) => e.target.select()}
      />
      <div className="share-row">
        <button type="button" className="btn primary-outline" onClick={() => void copy()}>
          {t("player.embedCopy")}
        </button>
        <span className="muted small" role="status">
          {copied === true ? t("share.copied") : copied === false ? t("share.copyFailed") : ""}
        </span>
      </div>
    </div>
  );
}
