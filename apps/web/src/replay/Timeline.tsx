/**
 * The timeline under the canvas: the run's duration (growing while it runs), marks for errors,
 * faults and lesson notes, a head to drag or click to any moment, Back / Forward one event (in step
 * with the log; one row of it when it is filtered) and Live. Shown once a run has started, or while a recording is open.
 */
import { useEffect, useMemo, useRef, useState, type PointerEvent } from "react";
import { useTranslation } from "react-i18next";
import { useApp, type AppState } from "../store/index.js";
import { filtering } from "../store/logFilter.js";
import { useThrottledApp } from "../store/useThrottled.js";
import { runTime } from "./clock.js";
import { goLive, learnRunStart, seekTime, step } from "./control.js";
import { liveMarks } from "./liveMarks.js";
import type { Mark } from "./marks.js";
import { currentSource } from "./source.js";
import { steppable } from "./stepping.js";
import { useNow } from "./useNow.js";

const selectLiveLog = (s: AppState) => s.log;
/** How often the live marks are read again, ms. */
const MARKS_REFRESH_MS = 500;
/** A click this far along a running run's strip (or further) means now. */
const LIVE_EDGE = 0.995;
/** How often the live strip's length is redrawn, ms. */
const TICK_MS = 250;

/** One seek at a time: while one runs, only the newest target waits (a drag never queues up). */
let busy = false;
let queued: number | null = null;
async function seekLatest(t: number): Promise<void> {
  if (busy) {
    queued = t;
    return;
  }
  busy = true;
  try {
    await seekTime(t);
  } finally {
    busy = false;
    const next = queued;
    queued = null;
    if (next !== null) void seekLatest(next);
  }
}

export function Timeline() {
  const { t } = useTranslation();
  const replay = useApp((s) => s.replay);
  const span = useApp((s) => s.runSpan);
  const running = useApp((s) => s.run.state === "running");
  const loading = useApp((s) => s.replayLoading);
  const faults = useApp((s) => s.liveFaults);
  const filter = useApp((s) => s.logFilter);
  const filtered = filtering(filter);
  // The live marks are read from the log a few times a second, not on every batch.
  const log = useThrottledApp(selectLiveLog, MARKS_REFRESH_MS);
  const track = useRef<HTMLDivElement>(null);
  // The strip holds still under the pointer, so a moment can be aimed at while the run grows it.
  const [aiming, setAiming] = useState(false);
  const now = useNow(running && replay?.source !== "file" && !aiming, TICK_MS);
  useEffect(() => {
    if (running && span.start === null) void learnRunStart();
  }, [running, span.start]);

  // Read again when the moment, the filter or the live log changes: the recording itself only
  // changes when a moment of it is shown.
  const steps = useMemo(
    () =>
      steppable({
        viewing: replay,
        recording: currentSource()?.replay ?? null,
        filter,
        running,
        liveLog: log,
      }),
    [replay, filter, running, log],
  );
  const file = replay?.source === "file";
  const start = file ? replay.start : (span.start ?? replay?.start ?? now);
  const end = file ? replay.end : Math.max(running ? now : (span.end ?? now), replay?.end ?? start);
  const total = Math.max(1, end - start);
  const at = replay ? replay.t : end;
  const marks: Mark[] = replay ? replay.marks : liveMarks(log, faults);
  const frac = (x: number) =>
    `${(Math.min(1, Math.max(0, (x - start) / total)) * 100).toFixed(2)}%`;

  const seekAtPointer = (e: PointerEvent) => {
    const box = track.current?.getBoundingClientRect();
    if (!box || box.width === 0) return;
    const f = Math.min(1, Math.max(0, (e.clientX - box.left) / box.width));
    // The very end of a running run's strip is now: Live, not the newest recorded event.
    if (f >= LIVE_EDGE && !file && running) goLive();
    else void seekLatest(start + f * total);
  };

  return (
    <div
      className={`timeline ${replay ? "past" : "live"}`}
      data-testid="timeline"
      data-state={replay ? (file ? "file" : "past") : "live"}
      role="group"
      aria-label={t("replay.label")}
    >
      <button
        type="button"
        className="btn icon"
        data-testid="timeline.back"
        aria-label={t("replay.back")}
        title={t(filtered ? "replay.backHintFiltered" : "replay.backHint")}
        aria-keyshortcuts=","
        disabled={loading || !steps.back}
        onClick={() => void step(-1)}
      >
        ◀
      </button>
      <button
        type="button"
        className="btn icon"
        data-testid="timeline.forward"
        aria-label={t("replay.forward")}
        title={t(filtered ? "replay.forwardHintFiltered" : "replay.forwardHint")}
        aria-keyshortcuts="."
        disabled={loading || !steps.forward}
        onClick={() => void step(1)}
      >
        ▶
      </button>
      <div
        ref={track}
        className="timeline-track"
        role="slider"
        tabIndex={0}
        data-testid="timeline.track"
        aria-label={t("replay.scrubHint")}
        title={t("replay.scrubHint")}
        aria-valuemin={0}
        aria-valuemax={Math.round(total)}
        aria-valuenow={Math.round(at - start)}
        aria-valuetext={runTime(at - start)}
        data-start={start}
        data-end={end}
        data-aiming={aiming ? "true" : "false"}
        onPointerEnter={() => setAiming(true)}
        onPointerLeave={() => setAiming(false)}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          seekAtPointer(e);
        }}
        onPointerMove={(e) => {
          if (e.buttons === 1 && e.currentTarget.hasPointerCapture(e.pointerId)) seekAtPointer(e);
        }}
        onKeyDown={(e) => {
          if (e.key === "ArrowLeft") void step(-1);
          else if (e.key === "ArrowRight") void step(1);
          else if (e.key === "Home") void seekLatest(start);
          else if (e.key === "End" && !file) goLive();
          else return;
          e.preventDefault();
        }}
      >
        <div className="timeline-fill" style={{ width: frac(at) }} />
        {marks.map((m, i) => (
          <span
            key={i}
            className={`timeline-mark ${m.kind}`}
            data-testid={`timeline.mark.${m.kind}`}
            style={{ left: frac(m.t) }}
            title={t(`replay.marks.${m.kind}`, { label: m.label })}
          />
        ))}
        <div className="timeline-head" style={{ left: frac(at) }} />
      </div>
      <span className="timeline-time" data-testid="timeline.time">
        {loading
          ? t("replay.loading")
          : t("replay.at", { at: runTime(at - start), total: runTime(total) })}
      </span>
      {replay && (
        <span className="timeline-event muted small" data-testid="timeline.event">
          {t("replay.event", { position: replay.position, length: replay.length })}
          {replay.inFlight.length > 0 &&
            ` · ${t("replay.inFlight", { count: replay.inFlight.length })}`}
        </span>
      )}
      {!file && (
        <button
          type="button"
          className={`btn timeline-live ${replay ? "primary-outline" : "now"}`}
          data-testid="timeline.live"
          title={t("replay.liveHint")}
          disabled={!replay}
          aria-pressed={!replay}
          onClick={goLive}
        >
          <span className="live-dot" aria-hidden="true">
            ●
          </span>{" "}
          {t("replay.live")}
        </button>
      )}
    </div>
  );
}
