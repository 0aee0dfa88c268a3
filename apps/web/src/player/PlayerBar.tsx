/**
 * The player's toolbar, in place of the editor's: open a recording (the committed list, a file),
 * share it (a link, an embed snippet), the language. Run, editing, attach and the wire view need a
 * gateway: the bar says so instead of offering them.
 */
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useClickOutside } from "../panels/useClickOutside.js";
import { closeRecording } from "../replay/open.js";
import { openRecordingFile, RECORDING_ACCEPT } from "../replay/openFile.js";
import { RecordingLink } from "../share/RecordingLink.js";
import { useApp } from "../store/index.js";
import { EmbedSnippet } from "./EmbedSnippet.js";
import { LanguagePicker } from "../panels/LanguagePicker.js";

function ShareRecording() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const ref = useClickOutside(open, () => setOpen(false));
  const shown = useApp((s) => s.replay !== null);
  return (
    <div className="menu" ref={ref}>
      <button
        type="button"
        className="btn"
        aria-haspopup="dialog"
        aria-expanded={open}
        disabled={!shown}
        data-testid="player.share"
        title={shown ? t("player.shareHint") : t("player.shareNone")}
        onClick={() => setOpen(!open)}
      >
        {t("share.button")} ▾
      </button>
      {open && (
        <div className="menu-list share-menu" role="dialog" aria-label={t("player.shareTitle")}>
          <p className="menu-head">
            <b>{t("player.shareTitle")}</b>
          </p>
          <RecordingLink />
          <p className="menu-head">
            <b>{t("player.embedTitle")}</b>
            <span className="muted small">{t("player.embedHint")}</span>
          </p>
          <EmbedSnippet />
        </div>
      )}
    </div>
  );
}

export function PlayerBar() {
  const { t } = useTranslation();
  const shown = useApp((s) => s.replay !== null);
  const file = useRef<HTMLInputElement>(null);
  const toList = () => {
    closeRecording();
    window.history.replaceState(null, "", window.location.pathname);
  };
  return (
    <header className="toolbar" role="toolbar" aria-label={t("player.label")}>
      <div className="brand">
        <span className="logo" aria-hidden="true">
          ØMQ
        </span>
        <span className="brand-name">{t("player.title")}</span>
      </div>
      <div className="group">
        <button
          type="button"
          className="btn"
          data-testid="player.list.open"
          disabled={!shown}
          onClick={toList}
        >
          {t("player.allRecordings")}
        </button>
        <button
          type="button"
          className="btn"
          data-testid="player.openFile"
          title={t("player.openFileHint")}
          onClick={() => file.current?.click()}
        >
          {t("player.openFile")}
        </button>
        <input
          ref={file}
          type="file"
          accept={RECORDING_ACCEPT}
          hidden
          data-testid="player.file"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void openRecordingFile(f);
            e.target.value = "";
          }}
        />
        <ShareRecording />
      </div>
      <div className="group spacer" />
      <span
        className="muted small player-note"
        data-testid="player.noGateway"
        title={t("player.noGatewayHint")}
      >
        {t("player.noGateway")}
      </span>
      <LanguagePicker />
    </header>
  );
}
