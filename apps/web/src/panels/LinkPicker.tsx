/**
 * "Connect to…" for a connecting socket: the keyboard way to draw a link. It offers only the
 * binding sockets ZeroMQ lets this one talk to (the same rule the canvas applies as you drag).
 */
import type { GraphNode, GraphSocket } from "@zmqp/protocol";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { nodeName } from "../i18n/names.js";
import { say } from "../i18n/say.js";
import { linkProblem } from "../store/graphOps.js";
import { appStore, useApp } from "../store/index.js";

export function LinkPicker({ node, socket }: { node: GraphNode; socket: GraphSocket }) {
  const { t } = useTranslation();
  const doc = useApp((s) => s.doc);
  const locale = useApp((s) => s.locale);
  const [choice, setChoice] = useState("");
  const from = { node: node.id, socket: socket.id };
  const options = useMemo(
    () =>
      doc.nodes.flatMap((n) =>
        n.sockets
          .filter((s) => linkProblem(doc, from, { node: n.id, socket: s.id }) === null)
          .map((s) => ({
            key: `${n.id}/${s.id}`,
            label: `${nodeName(n, locale)} · ${s.type} ${s.bind[0] ?? ""}`,
          })),
      ),
    // `from` is rebuilt each render from the two ids below.
    [doc, node.id, socket.id, locale],
  );
  if (options.length === 0) return null;
  const id = `link-to-${node.id}-${socket.id}`;
  const link = () => {
    const [n, s] = choice.split("/");
    if (!n || !s) return;
    const r = appStore.getState().connect(from, { node: n, socket: s });
    if (!r.ok) appStore.getState().toast("error", say(r.reason));
    setChoice("");
  };
  return (
    <div className="field link-picker">
      <label htmlFor={id}>{t("inspector.connectTo")}</label>
      <div className="inline">
        <select id={id} value={choice} onChange={(e) => setChoice(e.target.value)}>
          <option value="">—</option>
          {options.map((o) => (
            <option key={o.key} value={o.key}>
              {o.label}
            </option>
          ))}
        </select>
        <button type="button" className="btn" disabled={!choice} onClick={link}>
          {t("inspector.link")}
        </button>
      </div>
    </div>
  );
}
