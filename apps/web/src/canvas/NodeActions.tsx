/** Fault and run controls for one node: kill, restart, stop/start, pause/resume, send now. */
import { capabilitiesOf, type GraphNode, type NodeAction, type NodeStatus } from "@zmqp/protocol";
import { useTranslation } from "react-i18next";
import { gateway } from "../gateway/session.js";
import { nodeName } from "../i18n/names.js";
import { useApp } from "../store/index.js";

const ICON: Record<NodeAction, string> = {
  kill: "✕",
  restart: "↻",
  stop: "■",
  start: "▶",
  pause: "❚❚",
  resume: "▶",
  send: "✉",
};

/** The actions that make sense for a node in its current state, in display order. */
function actionsFor(node: GraphNode, status: NodeStatus | undefined): NodeAction[] {
  const can = capabilitiesOf(node.role);
  // Another program runs it: there is nothing here to start, stop or send from.
  if (can.outside) return [];
  const state = status?.state ?? "stopped";
  const down = state === "killed" || state === "stopped" || state === "error";
  const out: NodeAction[] = [];
  if (!down) out.push("kill");
  out.push("restart");
  out.push(down ? "start" : "stop");
  if (!down) out.push(state === "paused" ? "resume" : "pause");
  if (!down && can.sendsOnDemand) out.push("send");
  return out;
}

export function NodeActions({
  node,
  status,
  compact = false,
}: {
  node: GraphNode;
  status: NodeStatus | undefined;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const name = nodeName(
    node,
    useApp((s) => s.locale),
  );
  return (
    <div
      className={`node-actions ${compact ? "compact nodrag nopan" : ""}`}
      role="group"
      aria-label={t("actions.group", { name })}
    >
      {actionsFor(node, status).map((action) => {
        const label = t(`actions.${action}`, { name });
        return (
          <button
            key={action}
            type="button"
            className={`act act-${action}`}
            aria-label={label}
            title={label}
            data-testid={`node.${node.id}.${action}`}
            onClick={(e) => {
              e.stopPropagation();
              gateway.send({ type: "node", node: node.id, action });
            }}
          >
            {compact ? ICON[action] : `${ICON[action]} ${t(`actions.short.${action}`)}`}
          </button>
        );
      })}
    </div>
  );
}
