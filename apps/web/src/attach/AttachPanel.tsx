/**
 * The left panel in Attach mode: which loopback ports to watch, start and stop, what was seen, and
 * Promote. When the gateway was not started with --allow-capture, it says how to start it.
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { MapPanel } from "../canvas/MapPanel.js";
import { useApp } from "../store/index.js";
import { promote, startAttach, stopAttach } from "./actions.js";

function Seen() {
  const { t } = useTranslation();
  const graph = useApp((s) => s.attach.graph);
  if (!graph) return <p className="help">{t("attach.nothingYet")}</p>;
  const open = graph.links.filter((l) => l.state === "open").length;
  return (
    <p className="help" data-testid="attach.seen">
      {t("attach.seen", { nodes: graph.nodes.length, links: graph.links.length, open })}
    </p>
  );
}

function Promote() {
  const { t } = useTranslation();
  const [offset, setOffset] = useState(1000);
  const has = useApp((s) => (s.attach.graph?.nodes.length ?? 0) > 0);
  return (
    <section className="attach-promote">
      <h3>{t("attach.promoteTitle")}</h3>
      <p className="help">{t("attach.promoteHelp")}</p>
      <label className="field">
        {t("attach.portOffset")}
        <input
          type="number"
          min={0}
          max={20000}
          value={offset}
          data-testid="attach.offset"
          onChange={(e) => setOffset(Math.max(0, Math.min(20000, Number(e.target.value) || 0)))}
        />
      </label>
      <button
        type="button"
        className="btn primary-outline"
        disabled={!has}
        onClick={() => promote(offset)}
        data-testid="attach.promote"
      >
        {t("attach.promote")}
      </button>
    </section>
  );
}

export function AttachPanel() {
  const { t } = useTranslation();
  const info = useApp((s) => s.attach);
  const watching = useApp((s) => s.run.state === "running");
  const [ports, setPorts] = useState("5555,5559-5560");
  return (
    <nav className="palette attach-panel" aria-label={t("attach.panel")} data-testid="attach.panel">
      <div className="palette-roles">
        <h2 className="panel-title">{t("attach.panel")}</h2>
        <p className="help">{t("attach.intro")}</p>
        {info.allowed === false && (
          <div className="attach-refused" role="alert" data-testid="attach.refused">
            <p>{t("attach.notAllowed")}</p>
            <code>pnpm zmqp serve --allow-capture</code>
          </div>
        )}
        {info.allowed && (
          <form
            className="attach-form"
            onSubmit={(e) => {
              e.preventDefault();
              void (watching ? stopAttach() : startAttach(ports));
            }}
          >
            <label className="field" htmlFor="attach-ports">
              {t("attach.ports")}
            </label>
            <input
              id="attach-ports"
              value={watching ? (info.ports ?? ports) : ports}
              disabled={watching || info.busy}
              onChange={(e) => setPorts(e.target.value)}
              data-testid="attach.ports"
              spellCheck={false}
            />
            <p className="help">{t("attach.portsHelp")}</p>
            <button
              type="submit"
              className={`btn ${watching ? "" : "run"}`}
              disabled={info.busy}
              data-testid={watching ? "attach.stop" : "attach.start"}
            >
              {watching ? `■ ${t("attach.stop")}` : `▶ ${t("attach.start")}`}
            </button>
          </form>
        )}
        {info.error && (
          <p className="attach-error" role="alert" data-testid="attach.error">
            {info.error.message} <code>{info.error.code}</code>
          </p>
        )}
        <Seen />
        <Promote />
      </div>
      {/* The view's controls and the map, off the canvas as in the editor. */}
      <MapPanel />
    </nav>
  );
}
