/** The event log: newest last, filtered by type and node, with the count sampled away. */
import { localized, type RuntimeEventType } from "@zmqp/protocol";
import type { TFunction } from "i18next";
import { memo, useLayoutEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { nodeName } from "../i18n/names.js";
import { framesLine } from "./framesLine.js";
import { matches, nodeOf } from "../store/logFilter.js";
import { sayWith } from "../i18n/say.js";
import type { Locale } from "../store/uiSlice.js";
import type { LogEntry } from "../store/runtimeSlice.js";
import { appStore, useApp, type AppState } from "../store/index.js";
import { useThrottledApp } from "../store/useThrottled.js";
import { PLAYER } from "../player/mode.js";

/** How often the log redraws, ms. */
const LOG_REFRESH_MS = 250;
const selectLiveLog = (s: AppState) => s.log;
const selectSampled = (s: AppState) => s.sampled;

const TYPES: (RuntimeEventType | "all")[] = [
  "all",
  "message",
  "monitor",
  "drop",
  "error",
  "timeline",
  "log",
  "runtime",
];
/** Rows rendered at most: the store keeps more, the DOM stays light. */
const ROWS = 150;

/** A row's text in the reader's language; frames, ids and addresses stay as they are. */
function describe(e: LogEntry, t: TFunction, locale: Locale): string {
  switch (e.type) {
    case "message": {
      const arrow = e.direction === "out" ? "→" : "←";
      const via = e.link ?? (e.external ? t("log.external") : "");
      const kind = t(`log.kinds.${e.kind}`);
      return `${t("log.row.messageHead", { kind, arrow, via })} ${framesLine(e.frames)}`;
    }
    case "monitor": {
      const event = t(`monitorEvents.${e.event}`, { defaultValue: e.event });
      const detail = e.detailPhrase ? sayWith(t, e.detailPhrase) : e.detail;
      const head = t("log.row.monitor", { socket: e.socket, event });
      return `${head}${e.address ? ` ${e.address}` : ""}${detail ? ` (${detail})` : ""}`;
    }
    case "drop": {
      const reason = t(`dropReasons.${e.reason}`, { defaultValue: e.reason });
      return t("log.row.drop", { socket: e.socket, count: e.count, reason });
    }
    case "error": {
      const message = e.phrase
        ? sayWith(t, e.phrase)
        : t("log.row.verbatimError", { meaning: t(`errors.${e.code}`), message: e.message });
      return t("log.row.error", { code: e.code, message });
    }
    case "timeline": {
      const action = t(`timelineActions.${e.step.action}`);
      const note = localized(e.step.note, locale);
      return `${action}${e.step.node ? ` ${e.step.node}` : ""}${e.step.link ? ` ${e.step.link}` : ""}${note ? `: ${note}` : ""}`;
    }
    case "log":
      if (e.phrase) return sayWith(t, e.phrase);
      return (e.texts && localized(e.texts, locale)) || e.text;
    case "runtime":
      return t("log.row.runtime", { state: t(`log.runtimeStates.${e.state}`), id: e.deployId });
    default:
      return e.type;
  }
}

/** "08:12:03" from epoch ms, without Intl (hundreds of rows a second pass through here). */
function clock(t: number): string {
  const d = new Date(t);
  const two = (n: number) => (n < 10 ? `0${n}` : String(n));
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

const select = (seq: number) => appStore.getState().selectMessage(seq);

/** A row's node as the canvas names it; a node no longer in the document keeps its id. */
function nameIn(names: Map<string, string>, e: LogEntry): string {
  const id = nodeOf(e);
  return id === undefined ? "" : (names.get(id) ?? id);
}

/** One row; memoised, so a refresh renders only the rows that are new or changed selection. */
const Row = memo(function Row({
  e,
  name,
  selected,
  now,
}: {
  e: LogEntry;
  /** What the canvas calls the row's node (its label in the reader's language, else its id). */
  name: string;
  selected: boolean;
  /** The row of the moment the timeline shows. */
  now: boolean;
}) {
  const { t, i18n } = useTranslation();
  const locale = (i18n.language === "zh-TW" ? "zh-TW" : "en") as Locale;
  const isMessage = e.type === "message";
  const id = nodeOf(e);
  return (
    <div
      className={`row ev-${e.type} ${isMessage ? `kind-${e.kind}` : ""} ${selected ? "selected" : ""} ${now ? "now" : ""}`}
      data-now={now ? "true" : undefined}
      data-t={e.t}
      data-seq={e.seq}
      data-node={id}
      onClick={isMessage ? () => select(e.seq) : undefined}
      role={isMessage ? "button" : undefined}
      tabIndex={isMessage ? 0 : undefined}
      onKeyDown={isMessage ? (k) => k.key === "Enter" && select(e.seq) : undefined}
    >
      <span className="time">{clock(e.t)}</span>
      <span className="type">{t(`log.type.${e.type}`)}</span>
      {/* Named as the canvas and the node filter name it ("hwclient", 分派器); the id, which the
          row's text may use for its links, is the title when it differs. */}
      <span className="node" title={name !== id ? id : undefined}>
        {name}
      </span>
      {e.type === "message" ? (
        // Head and body are two boxes a gap apart: a space between them went undrawn when rows
        // were re-rendered in place (replays), and "c1-frontend" ran into "worker-1". The space
        // stays for copied text and the accessible name; the layout no longer depends on it.
        <span className="text message">
          <span className="head">
            {t("log.row.messageHead", {
              kind: t(`log.kinds.${e.kind}`),
              arrow: e.direction === "out" ? "→" : "←",
              via: e.link ?? (e.external ? t("log.external") : ""),
            })}
          </span>{" "}
          <bdi className="body" data-verbatim>
            {framesLine(e.frames)}
          </bdi>
        </span>
      ) : (
        <span className="text">{describe(e, t, locale)}</span>
      )}
      {e.repeat && e.repeat > 1 ? (
        <span
          className="repeat"
          data-testid="eventlog.repeat"
          title={t("log.repeatTitle", { count: e.repeat, last: clock(e.lastT ?? e.t) })}
        >
          {t("log.repeat", { count: e.repeat })}
        </span>
      ) : null}
    </div>
  );
});

export function EventLog() {
  const { t } = useTranslation();
  // The live log is throttled; a moment of the past is drawn at once, with the canvas and its
  // highlight: throttled too, the log went on showing live rows for up to LOG_REFRESH_MS under a
  // past canvas, one of them marked as the moment's (live seqs and past positions differ).
  const liveLog = useThrottledApp(selectLiveLog, LOG_REFRESH_MS);
  const pastLog = useApp((s) => s.replayView?.log ?? null);
  const log = pastLog ?? liveLog;
  const sampled = useThrottledApp(selectSampled, LOG_REFRESH_MS);
  const filter = useApp((s) => s.logFilter);
  const selected = useApp((s) => s.selectedMessage);
  const moment = useApp((s) => s.replay?.highlight ?? null);
  const nodes = useApp((s) => s.doc.nodes);
  const locale = useApp((s) => s.locale);
  const names = useMemo(
    () => new Map(nodes.map((n) => [n.id, nodeName(n, locale)])),
    [nodes, locale],
  );
  const box = useRef<HTMLDivElement>(null);
  const matching = useMemo(() => log.filter((e) => matches(e, filter)), [log, filter]);
  const rows = useMemo(() => matching.slice(-ROWS), [matching]);
  // Following: the newest row stays in view. Scrolled up: the rows on screen hold still (new ones
  // are counted, not drawn) until the person jumps back or scrolls to the bottom.
  const [held, setHeld] = useState<{ rows: LogEntry[]; lastSeq: number } | null>(null);
  const shown = held ? held.rows : rows;
  const fresh = held ? matching.filter((e) => e.seq > held.lastSeq).length : 0;
  useLayoutEffect(() => {
    const el = box.current;
    if (el && !held) el.scrollTop = el.scrollHeight;
  }, [shown, held]);
  // A new filter, or another moment on the timeline (whose row is the newest): follow again.
  useLayoutEffect(() => setHeld(null), [filter, moment]);
  const onScroll = () => {
    const el = box.current;
    if (!el) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 4;
    if (atBottom && held) setHeld(null);
    else if (!atBottom && !held) setHeld({ rows, lastSeq: rows.at(-1)?.seq ?? 0 });
  };
  const st = appStore.getState();
  return (
    <section className="eventlog" aria-label={t("log.title")} data-testid="eventlog">
      <div className="eventlog-bar">
        <h2 className="panel-title">{t("log.title")}</h2>
        <select
          aria-label={t("log.filterType")}
          value={filter.type}
          onChange={(e) => st.setLogFilter({ type: e.target.value as RuntimeEventType | "all" })}
        >
          {TYPES.map((ty) => (
            <option key={ty} value={ty}>
              {t(`log.types.${ty}`)}
            </option>
          ))}
        </select>
        <select
          aria-label={t("log.filterNode")}
          value={filter.node}
          onChange={(e) => st.setLogFilter({ node: e.target.value })}
        >
          <option value="all">{t("log.allNodes")}</option>
          {nodes.map((n) => (
            <option key={n.id} value={n.id}>
              {nodeName(n, locale)}
            </option>
          ))}
        </select>
        <span className="muted small" data-testid="eventlog.sampled">
          {t("log.sampled", { count: sampled })}
        </span>
        <button
          type="button"
          className="link-btn"
          onClick={() => {
            setHeld(null);
            st.clearLog();
          }}
        >
          {t("log.clear")}
        </button>
      </div>
      <div
        className="eventlog-rows"
        role="log"
        aria-live="off"
        ref={box}
        onScroll={onScroll}
        data-testid="eventlog.rows"
        data-following={held ? "false" : "true"}
      >
        {shown.length === 0 && (
          <p className="muted pad" data-testid="eventlog.empty">
            {log.length > 0
              ? // Rows there are, hidden: "Press Run" would say the run showed nothing.
                t("log.emptyFiltered", { count: log.length })
              : // The player has no Run: it says where its events come from.
                t(PLAYER ? "player.logEmpty" : "log.empty")}
          </p>
        )}
        {shown.map((e) => (
          <Row
            key={e.seq}
            e={e}
            name={nameIn(names, e)}
            selected={selected === e.seq}
            now={moment === e.seq}
          />
        ))}
      </div>
      {held && fresh > 0 && (
        <button
          type="button"
          className="eventlog-new"
          data-testid="eventlog.new"
          title={t("log.newRowsHint")}
          onClick={() => setHeld(null)}
        >
          {t("log.newRows", { count: fresh })}
        </button>
      )}
    </section>
  );
}
