/**
 * The right panel in Attach mode: what was observed about the selected process or connection —
 * read off the wire and out of /proc, nothing editable. A connection shows its decoded ZMTP stream.
 */
import { shownType, type ObservedLink, type ObservedNode } from "@zmqp/protocol";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useApp } from "../store/index.js";
import { WireTable } from "../wire/WireTable.js";

const NO_ROWS: never[] = [];

function NodeView({ node }: { node: ObservedNode }) {
  const { t } = useTranslation();
  return (
    <div className="inspector-body" data-testid="observed.node">
      <h3>{node.label}</h3>
      {node.process ? (
        <dl className="observed-facts">
          <dt>{t("attach.pid")}</dt>
          <dd data-testid="observed.pid">{node.process.pid}</dd>
          <dt>{t("attach.command")}</dt>
          <dd>
            <code>{node.process.command}</code>
          </dd>
        </dl>
      ) : (
        <p className="help">{t("attach.noProcess", { host: node.host })}</p>
      )}
      <h3>{t("inspector.sockets")}</h3>
      {node.sockets.map((s) => (
        <div key={s.id} className="socket-block" data-testid={`observed.socket.${s.id}`}>
          <p>
            <b>{shownType(s)}</b> · {s.side === "bind" ? t("attach.binds") : t("attach.connects")}{" "}
            <code>{s.endpoint}</code>
          </p>
          {s.type === null && <p className="help">{t("attach.typeUnknown")}</p>}
          {s.identity && <p className="help">{t("attach.identity", { identity: s.identity })}</p>}
          {s.mechanism && (
            <p className="help">{t("attach.mechanism", { mechanism: s.mechanism })}</p>
          )}
          {s.subscriptions.length > 0 && (
            <p className="help" data-testid={`observed.subs.${s.id}`}>
              {t("attach.subscriptions")}{" "}
              {s.subscriptions.map((x) => (
                <code key={x}>{JSON.stringify(x)}</code>
              ))}
            </p>
          )}
          <p className="help">{t("attach.openConnections", { count: s.open })}</p>
        </div>
      ))}
    </div>
  );
}

function LinkView({ link }: { link: ObservedLink }) {
  const { t } = useTranslation();
  const rows = useApp((s) => s.wire.logs[link.id]?.rows ?? NO_ROWS);
  const counts = useApp((s) => s.counters.links[link.id]);
  const [open, setOpen] = useState<Set<number>>(() => new Set());
  return (
    <div className="inspector-body" data-testid="observed.link">
      <h3>{t("attach.connection")}</h3>
      <p>
        <code>{link.endpoint}</code> ·{" "}
        {link.state === "open" ? t("attach.open") : t("attach.closed")}
      </p>
      {link.mechanism && (
        <p className="help">{t("attach.mechanism", { mechanism: link.mechanism })}</p>
      )}
      {link.encrypted && (
        <p className="attach-encrypted" data-testid="observed.encrypted">
          {t("attach.encrypted")}
        </p>
      )}
      <p className="help" data-testid="observed.counts">
        {t(link.encrypted ? "attach.countsFrames" : "attach.counts", {
          forward: counts?.forward ?? 0,
          backward: counts?.backward ?? 0,
        })}
      </p>
      <section className="wire" aria-label={t("wire.title")}>
        <h3>{t("wire.title")}</h3>
        <div className="wire-scroll">
          {rows.length === 0 ? (
            <p className="help pad">{t("wire.empty")}</p>
          ) : (
            <WireTable
              link={link.id}
              rows={rows}
              open={open}
              onToggle={(key) =>
                setOpen((prev) => {
                  const next = new Set(prev);
                  if (!next.delete(key)) next.add(key);
                  return next;
                })
              }
            />
          )}
        </div>
      </section>
    </div>
  );
}

export function ObservedInspector() {
  const { t } = useTranslation();
  const graph = useApp((s) => s.attach.graph);
  const sel = useApp((s) => s.selection);
  const node = sel.nodes.length === 1 ? graph?.nodes.find((n) => n.id === sel.nodes[0]) : undefined;
  const link = sel.links.length === 1 ? graph?.links.find((l) => l.id === sel.links[0]) : undefined;
  return (
    <aside className="side" aria-label={t("side.label")} data-testid="observed.inspector">
      <div className="side-body">
        {node ? (
          <NodeView node={node} />
        ) : link ? (
          <LinkView link={link} />
        ) : (
          <div className="inspector-body">
            <h3>{t("attach.aboutTitle")}</h3>
            <p className="help">{t("attach.about")}</p>
          </div>
        )}
      </div>
    </aside>
  );
}
