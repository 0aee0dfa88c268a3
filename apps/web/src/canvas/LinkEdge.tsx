/** A link on the canvas: a bezier from the connecting socket to the binding one, dashed when cut. */
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from "@xyflow/react";
import { memo } from "react";
import { linkDiagnostics } from "../store/diagnostics.js";
import { useApp } from "../store/index.js";
import type { LinkFlowEdge } from "./toFlow.js";

/**
 * The counts in the middle of a link. Its own component with primitive selectors: counts change
 * many times a second while the path itself stays put.
 */
function LinkLabel({ id, x, y, cut }: { id: string; x: number; y: number; cut: boolean }) {
  const running = useApp((s) => s.run.state === "running");
  const forward = useApp((s) => s.counters.links[id]?.forward ?? 0);
  const backward = useApp((s) => s.counters.links[id]?.backward ?? 0);
  if (!cut && !(running && forward + backward > 0)) return null;
  return (
    <EdgeLabelRenderer>
      <div
        className={`zl-label ${cut ? "cut" : ""}`}
        style={{ transform: `translate(-50%, -50%) translate(${x}px, ${y}px)` }}
        data-testid={`link.${id}.label`}
      >
        {cut ? "✂" : `→${forward} ←${backward}`}
      </div>
    </EdgeLabelRenderer>
  );
}

function LinkEdgeView(props: EdgeProps<LinkFlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, selected } =
    props;
  const cut = useApp((s) => s.run.cutLinks.includes(id));
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
      <LinkLabel id={id} x={labelX} y={labelY} cut={cut} />
    </>
  );
}

export const LinkEdge = memo(LinkEdgeView);
