/** A node on the canvas: one handle per socket, the status badge, counters, actions, diagnostics. */
import { Handle, Position, type NodeProps } from "@xyflow/react";
import { ROLES, type GraphSocket } from "@zmqp/protocol";
import { memo, type CSSProperties } from "react";
import { useTranslation } from "react-i18next";
import { canvasDiagnostics, nodeDiagnostics } from "../store/diagnostics.js";
import { useApp } from "../store/index.js";
import { GROUP_COLOR } from "./groups.js";
import { NodeActions } from "./NodeActions.js";
import { ATTACH_MODE } from "../attach/mode.js";
import { ObservedSubscriptions } from "../attach/ObservedSubscriptions.js";
import { badgeFor } from "./nodeStatus.js";
import { isBinding, type Side, type ZmqFlowNode } from "./toFlow.js";

function SocketRow({ nodeId, socket, side }: { nodeId: string; socket: GraphSocket; side: Side }) {
  const { t } = useTranslation();
  const binding = isBinding(socket);
  return (
    <div className={`zn-socket ${binding ? "binds" : "connects"} side-${side}`}>
      <Handle
        id={socket.id}
        type={binding ? "target" : "source"}
        position={side === "left" ? Position.Left : Position.Right}
        className="zn-handle"
        aria-label={`${socket.id} ${socket.type}`}
        data-testid={`node.${nodeId}.socket.${socket.id}`}
      />
      <span className="zn-type">{socket.type}</span>
      <span className="zn-addr" title={socket.bind.join(", ")}>
        {binding
          ? socket.bind.join(", ")
          : side === "right"
            ? `${t("node.connects")} →`
            : `← ${t("node.connects")}`}
      </span>
    </div>
  );
}

/** Counters read as primitives: a node re-renders only when one of its own numbers changes. */
function Counters({ id }: { id: string }) {
  const { t } = useTranslation();
  const has = useApp((s) => s.counters.nodes[id] !== undefined);
  const sent = useApp((s) => s.counters.nodes[id]?.sent ?? 0);
  const received = useApp((s) => s.counters.nodes[id]?.received ?? 0);
  const dropped = useApp((s) => s.counters.nodes[id]?.dropped ?? 0);
  const errors = useApp((s) => s.counters.nodes[id]?.errors ?? 0);
  const reasons = useApp((s) =>
    Object.entries(s.counters.nodes[id]?.dropReasons ?? {})
      .map(([k, v]) => `${k}: ${v}`)
      .join(", "),
  );
  if (!has) return null;
  return (
    <div className="zn-counters" data-testid={`node.${id}.counters`}>
      <span title={t("counters.sent")}>
        ↑ <b data-testid={`node.${id}.sent`}>{sent}</b>
      </span>
      <span title={t("counters.received")}>
        ↓ <b data-testid={`node.${id}.received`}>{received}</b>
      </span>
      {dropped > 0 && (
        <span className="warn" title={reasons}>
          {t("counters.dropped")} <b>{dropped}</b>
        </span>
      )}
      {errors > 0 && (
        <span className="bad">
          {t("counters.errors")} <b>{errors}</b>
        </span>
      )}
    </div>
  );
}

function ZmqNodeView({ id, data, selected }: NodeProps<ZmqFlowNode>) {
  const { t } = useTranslation();
  const node = data.node;
  const spec = ROLES[node.role];
  const status = useApp((s) => s.status[id]);
  const running = useApp((s) => s.run.state === "running");
  const diagnostics = useApp((s) => canvasDiagnostics(nodeDiagnostics(s.doc, id)));
  // Idle, the last run's statuses would describe nodes that are not running: show none.
  const b = running ? badgeFor(status) : null;
  const hasError = diagnostics.some((d) => d.severity === "error");
  const label = node.label ?? node.id;
  return (
    <div
      className={`zn ${selected ? "selected" : ""} ${hasError ? "invalid" : diagnostics.length ? "warned" : ""}`}
      style={{ "--accent": GROUP_COLOR[spec.group] } as CSSProperties}
      data-testid={`node.${id}`}
      data-status={b?.key ?? "idle"}
      aria-label={`${label} (${t(`roles.${node.role}.label`)})`}
    >
      <div className="zn-head">
        <span className="zn-title">{label}</span>
        <span className="zn-role">{t(`roles.${node.role}.label`)}</span>
        {b && (
          <span className={`zn-badge ${b.tone}`} data-testid={`node.${id}.status`}>
            {t(`status.${b.key}`)}
          </span>
        )}
      </div>
      <div className="zn-sockets">
        {node.sockets.map((s) => (
          <SocketRow key={s.id} nodeId={id} socket={s} side={data.sides[s.id] ?? "right"} />
        ))}
        {ATTACH_MODE &&
          node.sockets.map((s) => <ObservedSubscriptions key={s.id} node={id} socket={s.id} />)}
      </div>
      {b?.detail && (
        <div className={`zn-detail ${b.tone}`} title={b.detail}>
          {b.detail}
        </div>
      )}
      {running && <Counters id={id} />}
      {running && !ATTACH_MODE && <NodeActions node={node} status={status} compact />}
      {diagnostics.length > 0 && (
        <ul className="zn-diags" data-testid={`node.${id}.diagnostics`}>
          {diagnostics.slice(0, 3).map((d, i) => (
            <li key={i} className={d.severity} title={d.code}>
              {d.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export const ZmqNode = memo(ZmqNodeView);
