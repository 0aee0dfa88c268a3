/** A link on the canvas: a bezier from the connecting socket to the binding one, dashed when cut. */
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from "@xyflow/react";
import { memo } from "react";
import { linkDiagnostics } from "../store/diagnostics.js";
import { useApp } from "../store/index.js";
import type { LinkFlowEdge } from "./toFlow.js";

function LinkEdgeView(props: EdgeProps<LinkFlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, selected } =
    props;
  const cut = useApp((s) => s.run.cutLinks.includes(id));
  const running = useApp((s) => s.run.state === "running");
  // Primitives, so an edge re-renders only when its own counts change.
  const forward = useApp((s) => s.counters.links[id]?.forward ?? 0);
  const backward = useApp((s) => s.counters.links[id]?.backward ?? 0);
  const bad = useApp((s) => linkDiagnostics(s.doc, id).some((d) => d.severity === "error"));
  const [path, labelX, labelY] = getBezierPath({
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
  });
  const cls = ["zl", selected && "selected", cut && "cut", bad && "invalid"]
    .filter(Boolean)
    .join(" ");
  return (
    <>
      <BaseEdge id={id} path={path} className={cls} interactionWidth={18} />
      {(cut || (running && forward + backward > 0)) && (
        <EdgeLabelRenderer>
          <div
            className={`zl-label ${cut ? "cut" : ""}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            data-testid={`link.${id}.label`}
          >
            {cut ? "✂" : `→${forward} ←${backward}`}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const LinkEdge = memo(LinkEdgeView);
