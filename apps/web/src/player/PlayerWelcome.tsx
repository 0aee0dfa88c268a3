/** What the player shows with no recording open: the committed template recordings, and how to open others. */
import { localized } from "@zmqp/protocol";
import { useTranslation } from "react-i18next";
import { useApp } from "../store/index.js";
import { recordingUrl, useRecordingList } from "./list.js";
import { openRecordingUrl } from "./location.js";

/** Opens a listed recording and puts it in the address, so a reload or a copied URL shows it again. */
async function openListed(url: string): Promise<void> {
  if (!(await openRecordingUrl(url))) return;
  const next = new URL(window.location.href);
  next.searchParams.set("rec", url);
  next.hash = "";
  window.history.replaceState(null, "", next.pathname + next.search);
}

export function PlayerWelcome() {
  const { t, i18n } = useTranslation();
  const list = useRecordingList();
  const locale = useApp((s) => s.locale);
  const seconds = (ms: number) => (ms / 1000).toLocaleString(i18n.language);
  return (
    <div className="welcome" data-testid="player.welcome">
      <div className="welcome-card">
        <h2>{t("player.welcomeTitle")}</h2>
        <p className="welcome-hint">{t("player.welcomeHint")}</p>
        {list.state === "failed" && (
          <p className="share-note" data-testid="player.listFailed">
            {t("player.listFailed", { reason: list.reason })}
          </p>
        )}
        {list.state === "ready" && (
          <ul className="player-list" data-testid="player.list">
            {list.recordings.map((r) => (
              <li key={r.file}>
                <button
                  type="button"
                  className="btn"
                  data-testid={`player.open.${r.template}`}
                  onClick={() => void openListed(recordingUrl(r))}
                >
                  {localized(r.title, locale) ?? r.template}
                </button>
                <span className="muted small">
                  {t("player.listItem", {
                    seconds: seconds(r.durationMs),
                    messages: r.messagesSeen.toLocaleString(i18n.language),
                  })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
