/**
 * "List queue" (NiFi's word): the oldest messages waiting on one direction of a link, with their
 * body, age and the send they came from, asked of the gateway every LIST_POLL_MS while it is open.
 */
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { shortAge } from "../canvas/gaugeModel.js";
import { sayWith } from "../i18n/say.js";
import { appStore, useApp } from "../store/index.js";
import {
  endName,
  gaugeTone,
  linkQueues,
  nameOf,
  oldestAge,
  tcpNote,
  type LinkQueue,
  type QueuesState,
} from "../store/queuesSlice.js";
import { fetchQueue, LIST_LIMIT, LIST_POLL_MS, type QueueListing } from "./queueApi.js";
import { shown } from "../replay/shown.js";
import { useNow } from "../replay/useNow.js";

function useListing(link: string, from: string, on: boolean) {
  const [listing, setListing] = useState<QueueListing | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!on) return;
    let stop = false;
    let timer = 0;
    const ask = async () => {
      try {
        const l = await fetchQueue(link, from);
        if (stop) return;
        setListing(l);
        setFailed(false);
      } catch {
        if (!stop) setFailed(true);
      }
      // The next ask waits for this one: a slow gateway is never asked twice at once.
      if (!stop) timer = window.setTimeout(() => void ask(), LIST_POLL_MS);
    };
    void ask();
    return () => {
      stop = true;
      window.clearTimeout(timer);
    };
  }, [link, from, on]);
  return { listing, failed };
}

function Summary({ q, queues }: { q: LinkQueue; queues: QueuesState }) {
  const { t } = useTranslation();
  const from = useApp((s) => nameOf(s, q.from.node));
  const to = useApp((s) => nameOf(s, q.to.node));
  const tone = gaugeTone(q.inFlight, q.capacity.total, false);
  const replayT = useApp((s) => s.replay?.t ?? null);
  // Live, the age grows while nothing changes (the engine says a queue again only when it does).
  const clock = useNow(replayT === null && q.inFlight > 0, 500);
  const age = oldestAge(q, queues, replayT ?? clock);
  return (
    <p className={`qlist-summary ${tone}`} data-testid="queue.summary">
      {t("queue.summary", {
        count: q.inFlight,
        total: q.capacity.total,
        send: q.capacity.sendHwm,
        recv: q.capacity.recvHwm,
        from,
        to,
      })}
      {age !== null && <> · {t("queue.oldest", { age: shortAge(age) })}</>}
      {q.capacity.held ? <span className="help"> {t("queue.held", { to })}</span> : null}
      {q.transport === "tcp" && <span className="help"> {sayWith(t, tcpNote(q))}</span>}
      {!q.exact && <span className="help"> {t("queue.estimated")}</span>}
    </p>
  );
}

export function QueueList({ link }: { link: string }) {
  const { t } = useTranslation();
  const open = useApp((s) => (s.openQueue?.link === link ? s.openQueue : null));
  const running = useApp((s) => s.run.state === "running");
  const queues = useApp((s) => shown(s).queues);
  const dirs = linkQueues(queues, link);
  const from = open?.from ?? (dirs[0] ? endName(dirs[0].from) : "");
  const q = dirs.find((d) => endName(d.from) === from);
  const { listing, failed } = useListing(link, from, !!open && running && from !== "");
  const st = appStore.getState();
  if (!open) {
    if (!running || dirs.length === 0) return null;
    return (
      <button
        type="button"
        className="btn"
        data-testid="queue.open"
        onClick={() => st.setOpenQueue({ link, from })}
      >
        {t("queue.list")}
      </button>
    );
  }
  return (
    <section className="qlist" data-testid="queue.list" aria-label={t("queue.title")}>
      <div className="qlist-head">
        <h3>{t("queue.title")}</h3>
        {dirs.length > 1 && (
          <select
            aria-label={t("queue.direction")}
            value={from}
            onChange={(e) => st.setOpenQueue({ link, from: e.target.value })}
            data-testid="queue.direction"
          >
            {dirs.map((d) => (
              <option key={endName(d.from)} value={endName(d.from)}>
                {nameOf(st, d.from.node)} → {nameOf(st, d.to.node)}
              </option>
            ))}
          </select>
        )}
        <button
          type="button"
          className="btn"
          onClick={() => st.setOpenQueue(null)}
          data-testid="queue.close"
        >
          {t("queue.close")}
        </button>
      </div>
      {q && <Summary q={q} queues={queues} />}
      {!running ? (
        <p className="muted">{t("queue.notRunning")}</p>
      ) : failed ? (
        <p className="warn">{t("queue.failed")}</p>
      ) : !listing ? (
        <p className="muted">{t("queue.loading")}</p>
      ) : listing.messages.length === 0 ? (
        <p className="muted" data-testid="queue.empty">
          {t("queue.empty")}
        </p>
      ) : (
        <>
          <table className="qlist-table">
            <thead>
              <tr>
                <th>{t("queue.age")}</th>
                <th>{t("queue.body")}</th>
                <th title={t("queue.sendTitle")}>{t("queue.send")}</th>
              </tr>
            </thead>
            <tbody>
              {listing.messages.map((m, i) => (
                <tr key={`${m.sendId}-${i}`} data-testid="queue.row">
                  <td className="qlist-age">{shortAge(m.ageMs)}</td>
                  <td title={m.body} data-testid="queue.body" data-verbatim>
                    <div className="qlist-body">
                      {m.body || <span className="muted">{t("queue.emptyBody")}</span>}
                    </div>
                  </td>
                  <td className="qlist-send">#{m.sendId}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {listing.inFlight > listing.messages.length && (
            <p className="help" data-testid="queue.more">
              {t("queue.more", {
                count: listing.inFlight - listing.messages.length,
                shown: Math.min(LIST_LIMIT, listing.messages.length),
              })}
            </p>
          )}
        </>
      )}
    </section>
  );
}
