/**
 * The wire inspector section of a selected link: the Watch toggle (sent to the gateway, and again
 * on every Run), the decoded table, the pcap download and a wide view for reading long hex.
 */
import type { GraphDoc, GraphLink } from "@zmqp/protocol";
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { gateway } from "../gateway/session.js";
import { appStore, useApp } from "../store/index.js";
import { downloadPcap } from "./pcap.js";
import "./wire.css";
import { WireTable } from "./WireTable.js";
import type { WireLog } from "./wireSlice.js";

const NO_LOG: WireLog = { rows: [], skipped: 0, evicted: 0 };

/** The address the link dials: its chosen endpoint, else the target socket's first bind. */
function linkAddress(doc: GraphDoc, link: GraphLink): string | undefined {
  if (link.endpoint) return link.endpoint;
  return doc.nodes.find((n) => n.id === link.to.node)?.sockets.find((s) => s.id === link.to.socket)
    ?.bind[0];
}

export function WirePanel({ link }: { link: GraphLink }) {
  const { t } = useTranslation();
  const doc = useApp((s) => s.doc);
  const running = useApp((s) => s.run.state === "running");
  const watched = useApp((s) => s.wire.watched.includes(link.id));
  const log = useApp((s) => s.wire.logs[link.id] ?? NO_LOG);
  const error = useApp((s) => s.wire.errors[link.id]);
  const [open, setOpen] = useState<Set<number>>(() => new Set());
  const [wide, setWide] = useState(false);
  const scroller = useRef<HTMLDivElement>(null);
  const section = useRef<HTMLElement>(null);
  const follow = useRef(true);

  const address = linkAddress(doc, link);
  const transport = address?.split("://")[0] ?? "—";
  const tcp = transport === "tcp";
  // The capture keeps the real endpoint's port; the dissector is told to decode that port as ZMTP.
  const port = /:(\d+)$/.exec(address ?? "")?.[1] ?? "5555";
  const tshark = `tshark -X lua_script:packages/zmtp/wireshark/zmtp.lua -d tcp.port==${port},zmtp -r ${link.id}.pcap -V`;

  // Keep the newest row in view while the person is reading at the bottom, not when scrolled up.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && follow.current) el.scrollTop = el.scrollHeight;
  }, [log.rows, wide]);
  useEffect(() => {
    if (!wide) return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setWide(false);
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [wide]);

  const toggleWatch = (on: boolean) => {
    // Idle: only remember the wish; the gateway client sends it when the graph runs.
    if (running && !gateway.send({ type: "wire", link: link.id, action: on ? "watch" : "unwatch" }))
      return;
    appStore.getState().setWatched(link.id, on);
    // The table opens below the link's other settings: bring it up where the person can see it.
    if (on) requestAnimationFrame(() => section.current?.scrollIntoView({ block: "start" }));
  };
  const toggleRow = (key: number) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  const allOpen = log.rows.length > 0 && log.rows.every((r) => open.has(r.key));
  const pcap = () =>
    downloadPcap(link.id).catch((err: unknown) =>
      appStore
        .getState()
        .toast("error", t("wire.pcapFailed", { reason: err instanceof Error ? err.message : err })),
    );

  const body = (
    <>
      <div className="wire-tools">
        <span className="help">
          {t("wire.counts", { rows: log.rows.length })}
          {log.skipped > 0 && ` · ${t("wire.skipped", { count: log.skipped })}`}
          {log.evicted > 0 && ` · ${t("wire.evicted", { count: log.evicted })}`}
        </span>
        <button
          type="button"
          className="link-btn"
          disabled={log.rows.length === 0}
          onClick={() => setOpen(allOpen ? new Set() : new Set(log.rows.map((r) => r.key)))}
        >
          {allOpen ? t("wire.collapseAll") : t("wire.expandAll")}
        </button>
        <button
          type="button"
          className="link-btn"
          disabled={log.rows.length === 0}
          onClick={() => {
            appStore.getState().clearWire(link.id);
            setOpen(new Set());
          }}
        >
          {t("wire.clear")}
        </button>
        {!wide && (
          <button type="button" className="link-btn" onClick={() => setWide(true)}>
            {t("wire.wide")}
          </button>
        )}
      </div>
      <div
        className="wire-scroll"
        ref={scroller}
        onScroll={(e) => {
          const el = e.currentTarget;
          follow.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
        }}
      >
        {log.rows.length === 0 ? (
          <p className="help pad">{t("wire.empty")}</p>
        ) : (
          <WireTable link={link.id} rows={log.rows} open={open} onToggle={toggleRow} />
        )}
      </div>
    </>
  );

  return (
    <section className="wire" aria-label={t("wire.title")} data-link={link.id} ref={section}>
      <h3>{t("wire.title")}</h3>
      <div className="field field-boolean">
        <label htmlFor={`wire-${link.id}`}>{t("wire.toggle")}</label>
        <input
          id={`wire-${link.id}`}
          type="checkbox"
          data-testid="wire.toggle"
          checked={watched}
          disabled={!tcp && !watched}
          onChange={(e) => toggleWatch(e.target.checked)}
        />
        <p className="help">
          {!tcp
            ? t("wire.notTcp", { transport })
            : watched
              ? running
                ? t("wire.watching", { address })
                : t("wire.waitRun")
              : t("wire.help")}
        </p>
      </div>
      {error && (
        <ul className="diags">
          <li className="error">{error}</li>
        </ul>
      )}
      {(watched || log.rows.length > 0) &&
        (wide ? (
          <div
            className="wire-overlay"
            role="dialog"
            aria-label={t("wire.table", { link: link.id })}
          >
            <div className="wire-overlay-head">
              <h3>{t("wire.table", { link: link.id })}</h3>
              <button
                type="button"
                className="btn icon"
                aria-label={t("wire.closeWide")}
                title={t("wire.closeWide")}
                onClick={() => setWide(false)}
              >
                ×
              </button>
            </div>
            {body}
          </div>
        ) : (
          body
        ))}
      {tcp && (
        <div className="wire-pcap">
          <button
            type="button"
            className="btn"
            data-testid="wire.pcap"
            disabled={!watched && log.rows.length === 0}
            onClick={() => void pcap()}
          >
            {t("wire.pcap")}
          </button>
          <p className="help">
            {t("wire.pcapHint", { port })} <code className="wire-cmd">{tshark}</code>
          </p>
        </div>
      )}
    </section>
  );
}
