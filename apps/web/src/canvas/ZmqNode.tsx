/**
 * A node on the canvas: one handle per socket, the status badge, counters, actions, diagnostics.
 * Zoomed out (lod.ts) it is a compact card instead. Its height never changes when a graph starts
 * or runs: the live part (detail line, counters, actions) has a fixed height, which shows the role's
 * hint while nothing runs.
 */
import { Handle, Position, type NodeProps } from "@xyflow/react";
import {
  ERROR_CODES,
  ROLES,
  type GraphNode,
  type GraphSocket,
  type NodeStatus,
} from "@zmqp/protocol";
import { memo, type CSSProperties } from "react";
import { useTranslation } from "react-i18next";
import { nodeName } from "../i18n/names.js";
import { sayWith } from "../i18n/say.js";
import { canvasDiagnostics, nodeDiagnostics } from "../store/diagnostics.js";
import { narrowedBinds, pendingChanges } from "../store/runDiff.js";
import { useApp } from "../store/index.js";
import { shortRate } from "../store/rates.js";
import { GROUP_COLOR } from "./groups.js";
import { useZoomedOut } from "./lod.js";
import { NodeActions } from "./NodeActions.js";
import { counted, Counters } from "./NodeCounters.js";
import { PipeLine, usePipeLine } from "./NodePipe.js";
import { ATTACH_MODE } from "../attach/mode.js";
import { ObservedSubscriptions } from "../attach/ObservedSubscriptions.js";
import { badgeFor, withHeld, type Badge } from "./nodeStatus.js";
import { heldBody, heldOf } from "../store/held.js";
import { isBinding, type Side, type ZmqFlowNode } from "./toFlow.js";
import { shown, shownRunning } from "../replay/shown.js";

function SocketRow({ nodeId, socket, side }: { nodeId: string; socket: GraphSocket; side: Side }) {
  const { t } = useTranslation();
  const binding = isBinding(socket);
  return (
    <div className={`zn-socket ${binding ? "binds" : "connects"} side-${side}`}>
      <SocketHandle nodeId={nodeId} socket={socket} side={side} />
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

function SocketHandle({
  nodeId,
  socket,
  side,
}: {
  nodeId: string;
  socket: GraphSocket;
  side: Side;
}) {
  return (
    <Handle
      id={socket.id}
      type={isBinding(socket) ? "target" : "source"}
      position={side === "left" ? Position.Left : Position.Right}
      className="zn-handle"
      aria-label={`${socket.id} ${socket.type}`}
      data-testid={`node.${nodeId}.socket.${socket.id}`}
    />
  );
}

/** The one line under the badge: the engine's phrase in the reader's language, or its verbatim text. */
function detailText(t: Parameters<typeof sayWith>[0], b: Badge | null, status?: NodeStatus) {
  if (!b?.detail) return "";
  if (status?.detailPhrase) return sayWith(t, status.detailPhrase);
  // A socket's error (zeromq's words): what it means first, then the words.
  const error = Object.values(status?.sockets ?? {}).find((s) => s.error)?.error;
  if (b.key === "error" && !status?.detail && error)
    return sayWith(t, {
      key: "detail.socketError",
      params: { error: { key: `errors.${error.code}` }, message: error.message },
    });
  return b.detail;
}

interface ViewProps {
  id: string;
  node: GraphNode;
  sides: Record<string, Side>;
  selected: boolean;
}

function FullNode({ id, node, sides, selected }: ViewProps) {
  const { t } = useTranslation();
  const spec = ROLES[node.role];
  const status = useApp((s) => shown(s).status[id]);
  const running = useApp(shownRunning);
  // Edited (or another graph's node of the same id): what runs is not this node, so its live
  // badge and counters would describe something else. They show greyed until Apply changes.
  const edited = useApp(
    (s) =>
      !s.replay &&
      s.run.state === "running" &&
      pendingChanges(s.doc, s.run.doc).changed.includes(id),
  );
  const live = running && !edited;
  // The last run's numbers, greyed, only on a node that is what ran: after a reload (the run's
  // document unknown) or on another graph's node of the same id they would be counts it never made.
  const lastRun = useApp(
    (s) =>
      !live &&
      counted(s, id) &&
      (s.replay !== null ||
        (s.run.doc !== null && !pendingChanges(s.doc, s.run.doc).changed.includes(id))),
  );
  const loopbackOnly = useApp((s) =>
    narrowedBinds(s.doc, s.run.state === "running" ? s.run.doc : null, id),
  );
  const allDiagnostics = useApp((s) => canvasDiagnostics(nodeDiagnostics(s.doc, id)));
  // Narrowed to loopback for this run, the external bind is what the node's note explains.
  const diagnostics = loopbackOnly
    ? allDiagnostics.filter((d) => d.code !== ERROR_CODES.EXTERNAL_BIND)
    : allDiagnostics;
  const held = useApp((s) => (s.replay ? null : heldOf(s.run.held, id)));
  // Idle, the last run's statuses would describe nodes that are not running: show none.
  const b = live ? withHeld(badgeFor(status), held !== null) : null;
  const hasError = diagnostics.some((d) => d.severity === "error");
  const label = nodeName(
    node,
    useApp((s) => s.locale),
  );
  const detail =
    b?.key === "held" && held
      ? t("detail.heldByStep", { body: heldBody(held), count: held.count })
      : detailText(t, b, status);
  const role = t(`roles.${node.role}.label`);
  const pipe = usePipeLine(id);
  return (
    <div
      className={`zn ${selected ? "selected" : ""} ${hasError ? "invalid" : diagnostics.length ? "warned" : ""}`}
      style={{ "--accent": GROUP_COLOR[spec.group] } as CSSProperties}
      data-testid={`node.${id}`}
      data-status={b?.key ?? "idle"}
      aria-label={`${label} (${role})`}
    >
      <div className={`zn-head ${b ? "has-badge" : ""}`}>
        <span className="zn-title" title={label}>
          {label}
        </span>
        {/* A node named after its role ("Server 2") need not say the role twice. */}
        {!label.startsWith(role) && <span className="zn-role">{role}</span>}
        {b && (
          // Titled: a long name leaves the badge little room, and it may be cut short.
          <span
            className={`zn-badge ${b.tone}`}
            data-testid={`node.${id}.status`}
            title={t(`status.${b.key}`)}
          >
            {t(`status.${b.key}`)}
          </span>
        )}
      </div>
      <div className="zn-sockets">
        {node.sockets.map((s) => (
          <SocketRow key={s.id} nodeId={id} socket={s} side={sides[s.id] ?? "right"} />
        ))}
        {ATTACH_MODE &&
          node.sockets.map((s) => <ObservedSubscriptions key={s.id} node={id} socket={s.id} />)}
        {loopbackOnly && (
          <div className="zn-loopback" data-testid={`node.${id}.loopback`}>
            {t("node.loopbackOnly", { binds: loopbackOnly })}
          </div>
        )}
      </div>
      <div className="zn-live">
        {edited ? (
          <>
            <div className="zn-detail warn" data-testid={`node.${id}.edited`}>
              {t("node.edited")}
            </div>
            {lastRun && <Counters id={id} stale />}
          </>
        ) : running ? (
          <>
            {pipe ? (
              <PipeLine id={id} pipe={pipe} />
            ) : (
              <div
                className={`zn-detail ${b?.tone ?? ""}`}
                title={detail || undefined}
                data-testid={`node.${id}.detail`}
              >
                {detail}
              </div>
            )}
            <Counters id={id} />
            {!ATTACH_MODE && <NodeActions node={node} status={status} compact />}
          </>
        ) : lastRun ? (
          // After Stop the last run's numbers stay, greyed, until the next Run starts from zero.
          <>
            <div className="zn-detail idle">{t("counters.lastRun")}</div>
            <Counters id={id} stale />
          </>
        ) : (
          <p className="zn-hint">{t(`roles.${node.role}.hint`)}</p>
        )}
      </div>
      {diagnostics.length > 0 && (
        <ul className="zn-diags" data-testid={`node.${id}.diagnostics`}>
          {diagnostics.slice(0, 3).map((d, i) => {
            const text = sayWith(t, d.phrase);
            return (
              <li key={i} className={d.severity} title={`${d.code}: ${text}`}>
                {text}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

/** The zoomed-out card: role colour, name, state and messages a second. */
function CompactNode({ id, node, sides, selected }: ViewProps) {
  const { t } = useTranslation();
  const spec = ROLES[node.role];
  const status = useApp((s) => shown(s).status[id]);
  const running = useApp(shownRunning);
  const invalid = useApp((s) =>
    canvasDiagnostics(nodeDiagnostics(s.doc, id)).some((d) => d.severity === "error"),
  );
  // Rounded to what is shown, so the card re-renders only when its figure changes.
  const rate = useApp((s) => shortRate(shown(s).rates.nodes[id] ?? 0));
  const held = useApp((s) => !s.replay && heldOf(s.run.held, id) !== null);
  const b = running ? withHeld(badgeFor(status), held) : null;
  const label = nodeName(
    node,
    useApp((s) => s.locale),
  );
  const pipe = usePipeLine(id);
  const state = pipe && b ? pipe.text : b ? t(`status.${b.key}`) : t("status.idle");
  return (
    <div
      className={`zn zn-compact ${selected ? "selected" : ""} ${invalid ? "invalid" : ""}`}
      style={{ "--accent": GROUP_COLOR[spec.group] } as CSSProperties}
      data-testid={`node.${id}`}
      data-status={b?.key ?? "idle"}
      aria-label={`${label} (${t(`roles.${node.role}.label`)})`}
    >
      {node.sockets.map((s) => (
        <SocketHandle key={s.id} nodeId={id} socket={s} side={sides[s.id] ?? "right"} />
      ))}
      <div className="znc-name" title={label} data-testid={`node.${id}.name`}>
        {label}
      </div>
      <div className="znc-meta">
        <span className={`znc-dot ${pipe && b ? "bad" : (b?.tone ?? "idle")}`} aria-hidden="true" />
        <span
          className="znc-state"
          data-testid={`node.${id}.status`}
          title={pipe && b ? pipe.title : undefined}
        >
          {state}
        </span>
        {running && (
          <span
            className="znc-rate"
            title={t("counters.rateTitle", { rate })}
            data-testid={`node.${id}.rate`}
          >
            {t("counters.rate", { rate })}
          </span>
        )}
      </div>
    </div>
  );
}

function ZmqNodeView({ id, data, selected }: NodeProps<ZmqFlowNode>) {
  // Compact when zoomed out, or always where a full node has no room (a densely laid-out graph).
  const compact = useZoomedOut() || data.crowded;
  const props = { id, node: data.node, sides: data.sides, selected: !!selected };
  return compact ? <CompactNode {...props} /> : <FullNode {...props} />;
}

export const ZmqNode = memo(ZmqNodeView);
