/**
 * The inspector for the selected node or link. A node's form reads top-down as a person edits:
 * name, problems, run controls, behaviour, sockets; the copyable outside-code comes last, folded.
 */
import { localized, ROLES, type Diagnostic, type GraphLink, type GraphNode } from "@zmqp/protocol";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { NodeActions } from "../canvas/NodeActions.js";
import { gateway } from "../gateway/session.js";
import { sayWith } from "../i18n/say.js";
import { linkDiagnostics, nodeDiagnostics } from "../store/diagnostics.js";
import { appStore, useApp } from "../store/index.js";
import { BindEditor } from "./BindEditor.js";
import { ConnectSnippets } from "./ConnectSnippets.js";
import { LinkPicker } from "./LinkPicker.js";
import { WirePanel } from "../wire/WirePanel.js";
import { ParamsForm } from "./ParamsForm.js";
import { HwmEditor } from "./HwmEditor.js";
import { QueueList } from "./QueueList.js";
import type { Locale } from "../store/uiSlice.js";
import { shown, shownCuts } from "../replay/shown.js";

function Diags({ list }: { list: Diagnostic[] }) {
  const { t } = useTranslation();
  if (list.length === 0) return null;
  return (
    <ul className="diags">
      {list.map((d, i) => (
        <li key={i} className={d.severity} title={d.code}>
          {sayWith(t, d.phrase)}
        </li>
      ))}
    </ul>
  );
}

/**
 * A label as the person types it: a label given per language (a template's) changes in the language
 * being read; a plain one is replaced. Emptied, the node is called by its id again.
 */
function relabel(label: GraphNode["label"], text: string, locale: Locale): GraphNode["label"] {
  if (typeof label === "object") {
    const next = { ...label, [locale]: text || undefined };
    return next.en || next["zh-TW"] ? next : undefined;
  }
  return text || undefined;
}

function NodeInspector({ node }: { node: GraphNode }) {
  const { t } = useTranslation();
  const locale = useApp((s) => s.locale);
  const status = useApp((s) => shown(s).status[node.id]);
  const running = useApp((s) => s.run.state === "running");
  const diags = useApp((s) => nodeDiagnostics(s.doc, node.id));
  const spec = ROLES[node.role];
  const patch = appStore.getState().patchNode;
  return (
    <div className="inspector-body" data-testid="inspector.node">
      <div className="field">
        <label htmlFor="node-label">{t("inspector.label")}</label>
        <input
          id="node-label"
          value={localized(node.label, locale) ?? ""}
          placeholder={node.id}
          onChange={(e) =>
            patch(node.id, (n) => ({ ...n, label: relabel(n.label, e.target.value, locale) }))
          }
        />
        <p className="help">
          {t(`roles.${node.role}.label`)} · <code>{node.id}</code> · {t(`roles.${node.role}.hint`)}
        </p>
      </div>
      <Diags list={diags} />
      {running && (
        <section>
          <h3>{t("inspector.actions")}</h3>
          <NodeActions node={node} status={status} />
          {status?.detail && (
            <p className="help">
              {status.detailPhrase ? sayWith(t, status.detailPhrase) : status.detail}
            </p>
          )}
        </section>
      )}
      <section data-testid="inspector.behaviour">
        <h3>{t("inspector.params")}</h3>
        <p className="help">{t(`behaviours.${spec.behaviour}`)}</p>
        <ParamsForm node={node} />
        <div className="field field-boolean">
          <label htmlFor="node-autostart">{t("inspector.autostart")}</label>
          <input
            id="node-autostart"
            type="checkbox"
            checked={node.autostart}
            onChange={(e) => patch(node.id, (n) => ({ ...n, autostart: e.target.checked }))}
          />
        </div>
      </section>
      <section data-testid="inspector.sockets">
        <h3>{t("inspector.sockets")}</h3>
        {node.sockets.map((s) => (
          <div key={s.id} className="socket-block">
            <div className="socket-head">
              <b>{s.id}</b> <span className="chip">{s.type}</span>
            </div>
            <BindEditor node={node} socket={s} />
            {s.bind.length === 0 && <LinkPicker node={node} socket={s} />}
            <HwmEditor node={node} socket={s} />
          </div>
        ))}
      </section>
      <ConnectSnippets node={node} />
    </div>
  );
}

function LinkInspector({ link }: { link: GraphLink }) {
  const { t } = useTranslation();
  const doc = useApp((s) => s.doc);
  const running = useApp((s) => s.run.state === "running");
  const cut = useApp((s) => shownCuts(s).includes(link.id));
  const c = useApp((s) => shown(s).counters.links[link.id]);
  const diags = linkDiagnostics(doc, link.id);
  const target = doc.nodes
    .find((n) => n.id === link.to.node)
    ?.sockets.find((s) => s.id === link.to.socket);
  const gatewayLatency = useApp((s) => s.run.latency[link.id] ?? 0);
  const [latency, setLatency] = useState(gatewayLatency);
  // Another tab (or a timeline) changed it: show the gateway's value.
  useEffect(() => setLatency(gatewayLatency), [gatewayLatency]);
  const applyLatency = () =>
    gateway.send({
      type: "link",
      link: link.id,
      action: cut ? "cut" : "restore",
      latencyMs: latency,
    });
  // The link shows cut when the gateway says so (a control event), in every tab alike.
  const toggle = () =>
    gateway.send({ type: "link", link: link.id, action: cut ? "restore" : "cut" });
  return (
    <div className="inspector-body" data-testid="inspector.link">
      {/* Its name, as the log's rows and the canvas's labels call it ("reply ← c1-frontend"). */}
      <p className="link-head">
        <b>{t("inspector.link")}</b> <code data-testid="inspector.link.id">{link.id}</code>
        <br />
        <code>
          {link.from.node}.{link.from.socket}
        </code>{" "}
        →{" "}
        <code>
          {link.to.node}.{link.to.socket}
        </code>
      </p>
      <Diags list={diags} />
      <QueueList link={link.id} />
      <div className="field">
        <label htmlFor="link-endpoint">{t("inspector.endpoint")}</label>
        <select
          id="link-endpoint"
          value={link.endpoint ?? ""}
          onChange={(e) =>
            appStore
              .getState()
              .patchLink(link.id, (l) =>
                e.target.value
                  ? { ...l, endpoint: e.target.value }
                  : { id: l.id, from: l.from, to: l.to },
              )
          }
        >
          <option value="">{t("inspector.firstBind", { ep: target?.bind[0] ?? "—" })}</option>
          {target?.bind.map((b) => (
            <option key={b} value={b}>
              {b}
            </option>
          ))}
        </select>
      </div>
      {c && (
        <p className="help">
          {t("inspector.linkCounts", { forward: c.forward, backward: c.backward })}
        </p>
      )}
      {running && (
        <button
          type="button"
          className="btn"
          onClick={toggle}
          data-testid={`link.${link.id}.${cut ? "restore" : "cut"}`}
        >
          {cut ? t("inspector.restore") : t("inspector.cut")}
        </button>
      )}
      {running && (
        <div className="field">
          <label htmlFor="link-latency">{t("inspector.latency")}</label>
          <div className="inline">
            <input
              id="link-latency"
              type="number"
              min={0}
              max={60000}
              step={50}
              value={latency}
              onChange={(e) =>
                setLatency(Math.max(0, Math.min(60000, Number(e.target.value) || 0)))
              }
            />
            <button type="button" className="btn" onClick={applyLatency}>
              {t("inspector.setLatency")}
            </button>
          </div>
        </div>
      )}
      <WirePanel link={link} />
    </div>
  );
}

export function Inspector() {
  const { t } = useTranslation();
  const sel = useApp((s) => s.selection);
  const node = useApp((s) =>
    sel.nodes.length === 1 ? s.doc.nodes.find((n) => n.id === sel.nodes[0]) : undefined,
  );
  const link = useApp((s) =>
    sel.nodes.length === 0 && sel.links.length === 1
      ? s.doc.links.find((l) => l.id === sel.links[0])
      : undefined,
  );
  if (node) return <NodeInspector node={node} />;
  if (link) return <LinkInspector link={link} />;
  return <p className="muted pad">{t("inspector.empty")}</p>;
}
