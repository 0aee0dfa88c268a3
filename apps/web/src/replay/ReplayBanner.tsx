/**
 * Says plainly that the page shows the past: a moment of the run going on (its sockets still run),
 * or an opened recording of a real run (when, by what, how much was sampled; no sockets run).
 */
import { useTranslation } from "react-i18next";
import { useApp } from "../store/index.js";
import { runTime } from "./clock.js";
import { goLive } from "./control.js";
import { closeRecording } from "./open.js";

export function ReplayBanner() {
  const { t, i18n } = useTranslation();
  const replay = useApp((s) => s.replay);
  const running = useApp((s) => s.run.state === "running");
  if (!replay) return null;
  const at = runTime(replay.t - replay.start);
  const n = (x: number) => x.toLocaleString(i18n.language);
  if (replay.source === "run")
    return (
      <div
        className="notice replay-banner"
        role="status"
        data-testid="replay.banner"
        data-source="run"
      >
        <span>{t(running ? "replay.viewingRun" : "replay.viewingStopped", { at })}</span>
        <button type="button" className="btn" data-testid="replay.banner.live" onClick={goLive}>
          {t("replay.live")}
        </button>
      </div>
    );
  const m = replay.manifest;
  const when = new Date(m.startedAt || Date.parse(m.createdAt)).toLocaleString(i18n.language);
  const counts = m.counts;
  return (
    <div
      className="notice replay-banner file"
      role="status"
      data-testid="replay.banner"
      data-source="file"
    >
      <span data-testid="replay.label">
        {t("replay.recording", {
          when,
          producer: m.producer.name,
          version: m.producer.version,
          at,
          total: runTime(replay.end - replay.start),
        })}{" "}
        {t(m.complete ? "replay.recordingComplete" : "replay.recordingPartial")}{" "}
        <span data-testid="replay.sampled">
          {counts.messagesSampled > 0
            ? t("replay.sampledSome", {
                kept: n(counts.messagesKept),
                seen: n(counts.messagesSeen),
                sampled: n(counts.messagesSampled),
              })
            : t("replay.sampledNone", { seen: n(counts.messagesSeen) })}
        </span>
      </span>
      <button
        type="button"
        className="btn"
        data-testid="replay.close"
        title={t("replay.closeHint")}
        onClick={closeRecording}
      >
        {t("replay.close")}
      </button>
    </div>
  );
}
