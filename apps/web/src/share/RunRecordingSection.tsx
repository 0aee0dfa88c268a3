/** In the Share menu: the run as a recording (what the budget keeps, and a download). */
import { DEFAULT_BUDGET } from "@zmqp/recording";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { appStore } from "../store/index.js";
import { downloadRecording, recordingStatus, type RecordingStatus } from "./runRecording.js";

export function RunRecordingSection() {
  const { t, i18n } = useTranslation();
  const n = (x: number) => x.toLocaleString(i18n.language);
  const [status, setStatus] = useState<RecordingStatus | null>(null);
  useEffect(() => {
    let live = true;
    recordingStatus().then(
      (s) => live && setStatus(s),
      () => live && setStatus({ recording: false, finished: false, stats: null }),
    );
    return () => {
      live = false;
    };
  }, []);
  const budget = status?.stats?.budget ?? DEFAULT_BUDGET;
  const save = async () => {
    const st = appStore.getState();
    try {
      st.toast("info", t("share.runSaved", { file: await downloadRecording() }));
    } catch (err) {
      st.toast("error", t("share.runFailed", { reason: (err as Error).message }));
    }
  };
  const line = !status
    ? ""
    : status.recording && status.stats
      ? t("share.runLive", {
          seen: status.stats.messagesSeen,
          sampled: status.stats.messagesSampled,
        })
      : status.finished
        ? t("share.runLast")
        : t("share.runNone");
  return (
    <div className="share-run" data-testid="share.run">
      <p className="menu-head">
        <b>{t("share.runTitle")}</b>
        <span className="muted small">
          {t("share.runHint", {
            messages: n(budget.maxMessages),
            mb: Math.round(budget.maxBytes / (1024 * 1024)),
          })}
        </span>
      </p>
      <div className="share-row share-run-row">
        <button
          type="button"
          className="btn primary-outline"
          data-testid="share.run.download"
          disabled={!status || (!status.recording && !status.finished)}
          onClick={() => void save()}
        >
          {t("share.runDownload")}
        </button>
        <span className="muted small" data-testid="share.run.status" role="status">
          {line}
        </span>
      </div>
    </div>
  );
}
